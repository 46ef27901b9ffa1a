import type { CookieJar } from './cookie-jar.ts';
import { type McpTarget } from './target.ts';
import { OperationTrace } from './trace.ts';
import type { ServerMessageSink, Transport } from './transport.ts';
import type { JsonRpcNotification, JsonRpcRequest, JsonRpcResponse } from './types.ts';
/**
 * The legacy HTTP+SSE transport (protocol 2024-11-05): a GET stream whose first `endpoint` event
 * names where to POST; POSTs are answered 202 and responses arrive on the stream, matched by id.
 * A call's latency runs from its POST to the matching event, not to the 202.
 */
export declare class LegacySseTransport implements Transport {
    readonly kind: "sse";
    private readonly target;
    private readonly sink;
    private stream;
    private endpoint;
    /** The last ids of responses on the stream that matched no request. */
    private readonly strays;
    /** The server ended the stream: the session is gone, which the next request reports as such. */
    private lost;
    /** When the stream opened (its endpoint event), and when and at what age it last broke (0: no break pending a reconnect). */
    private openedAt;
    private brokeAt;
    private brokenLifetimeMs;
    private readonly pending;
    /** Fails the `open()` in progress, if one is. */
    private opening;
    /** The session's cookies: a balancer's stickiness cookie from the stream's reply must take the POSTs to the same instance. */
    private readonly cookies;
    constructor(target: McpTarget, sink: ServerMessageSink, cookies?: CookieJar);
    get connected(): boolean;
    /**
     * Opens the stream and waits for the `endpoint` event, for at most the request timeout: a
     * server that sends headers and then nothing must not hold the session (or the run) open.
     * `abort()` fails it at once.
     */
    open(trace: OperationTrace): Promise<void>;
    /** Resolves when both the POST has been accepted and its response has arrived on the stream. */
    request(message: JsonRpcRequest, trace: OperationTrace): Promise<JsonRpcResponse>;
    notify(message: JsonRpcNotification, trace: OperationTrace): Promise<void>;
    respond(message: JsonRpcResponse, trace: OperationTrace): Promise<void>;
    close(): Promise<void>;
    /**
     * Cuts everything now: an `open()` in progress fails, pending requests end, and the stream is
     * closed (a request cut mid-flight may still be answered on it). The session goes with the
     * stream, so a later request re-initializes.
     */
    abort(): void;
    reset(): void;
    /** `notifications/cancelled` for a request given up on (timed out, interrupted), best effort; never for initialize. */
    private cancel;
    isSessionLost(err: unknown): boolean;
    private post;
    private route;
    /** Progress notifications name their request by progress token, which we set to the request id. */
    private traceFor;
    private settle;
    private streamGone;
    private rejectAll;
}
