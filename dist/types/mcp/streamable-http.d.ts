import type { Authorization } from './auth/index.ts';
import type { CookieJar } from './cookie-jar.ts';
import type { McpTarget } from './target.ts';
import type { OperationTrace } from './trace.ts';
import type { ServerMessageSink, Transport } from './transport.ts';
import type { JsonRpcNotification, JsonRpcRequest, JsonRpcResponse } from './types.ts';
export interface StreamableHttpOptions {
    /** Statuses that mean "this session is gone" (404 always per spec; 400 is what SDK servers send). */
    sessionLostStatuses: readonly number[];
    /** This session's own headers (name, value, …), after the target's. */
    headers?: readonly string[];
    /** Consulted for the `Authorization` header of every request. */
    authorization?: Authorization;
    /** The session's cookie jar (absent with `cookies: false`): stored from responses, sent on every request. */
    cookies?: CookieJar;
}
/**
 * The Streamable HTTP transport: one POST per message, answered with JSON or an SSE stream;
 * `Mcp-Session-Id` and `MCP-Protocol-Version` carried once negotiated; DELETE at the end.
 * With protocol 2026-07-28 and later there is no session, and every request names its method.
 */
export declare class StreamableHttpTransport implements Transport {
    readonly kind: "streamable-http";
    sessionId: string | undefined;
    /** Negotiated version; sent on every request after initialize. */
    protocolVersion: string | undefined;
    /** 2026-07-28 and later: `Mcp-Method`/`Mcp-Name` headers, no session. */
    stateless: boolean;
    private readonly target;
    private readonly origin;
    private readonly path;
    private readonly sink;
    private readonly options;
    /** Error contexts of the hot path, built once rather than per reply. */
    private readonly sseEventWhere;
    private readonly postReplyWhere;
    private stream;
    /** The GET stream's reopening after the server ended it. */
    private reopenTimer;
    /** Requests awaiting their reply, cut by abort() whatever connection they are on. */
    private readonly inflight;
    /** Waits before stream resumptions, cut by abort(). */
    private readonly pauses;
    /** This session's own connection for its calls (see McpTarget.sessionDispatcher). */
    private dispatcher;
    /** When the GET stream last ended under us (0: none pending), how long it had lived, and the break to report with the next operation once it reopened. */
    private streamBrokeAt;
    private streamLifetimeMs;
    private pendingBreak;
    /** Request headers for the current session state, rebuilt only when that state changes. */
    private headerCache;
    constructor(target: McpTarget, sink: ServerMessageSink, options: StreamableHttpOptions);
    /**
     * Resolves once the reply is complete. With an SSE reply, the latency stops at the matching event
     * (`trace.respondedAt`) while the stream is still drained, so bytes and statuses are whole; a
     * stream cut after the answer still counts as answered, and one the server keeps open is closed
     * after the target's reply grace (`heldOpen` on its record).
     */
    request(message: JsonRpcRequest, trace: OperationTrace, paramHeaders?: readonly string[]): Promise<JsonRpcResponse>;
    /** The SSE reply stopped before its response (a balancer's idle timeout, a restart): the stream's figures ride on the error. */
    private replyBroke;
    private brokeMessage;
    /** A reply stream that carried event ids can be resumed (2025-11-25; 2026-07-28 has no resumability). */
    private resumable;
    /**
     * The reply stream broke before the response (the server may close it on purpose, SEP-1699):
     * GET with `Last-Event-ID` after the server's `retry` delay, for the rest of the stream, at most
     * MAX_RESUMPTIONS times in a row without a new event and MAX_RESUMPTIONS_PER_CALL in all. Each
     * GET counts in the call's cost.
     */
    private resume;
    /** Waits before a resumption; abort() cuts the wait. */
    private pause;
    /**
     * Tells the server a request it may still be working on was given up (timed out or interrupted),
     * so it can stop: `notifications/cancelled`, best effort, over the shared pool (the session's
     * own connection may be gone). Never for initialize, which the spec forbids cancelling.
     */
    private cancel;
    notify(message: JsonRpcNotification, trace: OperationTrace): Promise<void>;
    /** Sends our answer to a server request; answered 202. */
    respond(message: JsonRpcResponse, trace: OperationTrace): Promise<void>;
    /**
     * Opens the optional GET stream for server-initiated messages; a 405 or failure is not fatal.
     * When the server ends a stream that carried an event id or `retry:` (it expects the client to
     * come back, 2025-11-25), it is reopened with `Last-Event-ID` after the retry delay, at most
     * MAX_RESUMPTIONS times in a row without a new event.
     */
    openStream(trace: OperationTrace, lastEventId?: string, quietReconnects?: number): Promise<boolean>;
    private stopStream;
    close(trace: OperationTrace): Promise<void>;
    reset(): void;
    /** Cuts whatever is in flight (an interrupted VU); the session can go on over a new connection. */
    abort(): void;
    private connection;
    private releaseConnection;
    /** 404 is the spec's word for a lost session; a 400 counts only when it says so (SDK servers do). */
    isSessionLost(err: unknown): boolean;
    private sessionLostReply;
    /** Only a request that named a session can find it lost; 2026-07-28 has none (its 404s are unknown methods). */
    private isLostSessionStatus;
    private post;
    private headers;
    private buildHeaders;
    /** 2026-07-28: every request names its method (and tool, prompt or resource) in headers. */
    private statelessHeaders;
    private responseFromReply;
    /**
     * Nothing reads this call's result and `text` is the plain success answering it (a scan, no
     * parse): the response is its outcome, and the text is kept for the tool-output sample. 2026
     * results are always parsed, since an input-required result is a success only in shape.
     */
    private unparsedSuccess;
    private statusError;
    private expectAccepted;
    private route;
    private describe;
}
