import type { Authorization } from './auth/index.ts';
import { type ServerRequestReplies } from './server-requests.ts';
import { CookieJar } from './cookie-jar.ts';
import { SessionInstances } from './instances.ts';
import type { McpTarget } from './target.ts';
import { OperationTrace } from './trace.ts';
import type { ServerMessageSink } from './transport.ts';
import type { JsonRpcNotification, JsonRpcRequest, OperationResult, TransportChoice, TransportKind } from './types.ts';
export interface SessionOptions {
    transport?: TransportChoice;
    /** `auto` probes for 2026-07-28 and falls back to the 2025 line; a version pins it (no probe). */
    protocolVersion?: 'auto' | string;
    /** Statuses that mean the server lost our session (re-initialize once); 404 is the spec's, 400 what SDK servers send. */
    sessionLostStatuses?: readonly number[];
    /** Open the optional GET stream for server-initiated messages after initialize. */
    openStream?: boolean;
    /** Canned replies for sampling, elicitation and roots requests from the server. */
    replies?: ServerRequestReplies;
    /** Ask servers for progress notifications on tool calls (a progress token per call). */
    progress?: boolean;
    /** 2026-07-28: re-issue once, with a new id, a request whose reply stream broke before its response. */
    reissue?: boolean;
    /**
     * W3C trace propagation: every tool call carries a fresh `traceparent` in `_meta` (2026-07-28) and as an
     * HTTP header; `sample` is the fraction marked sampled (flag 01). Absent: nothing is added.
     */
    traceparent?: {
        sample: number;
    };
    clientInfo?: {
        name: string;
        version: string;
    };
    /** This session's own headers, sent after the target's (e.g. a VU's rendered `Authorization`). */
    headers?: Record<string, string>;
    /** OAuth: where this session's bearer token comes from (one identity's shared cache). */
    authorization?: Authorization;
    /** Keep a cookie jar for the session (a balancer's stickiness cookie comes back on its next request); default true. */
    cookies?: boolean;
}
/**
 * One MCP session on the wire: initialize, then operations, then close. Every operation resolves
 * (never rejects) with its outcome class and exactly what it cost in HTTP requests.
 */
export declare class McpSession implements ServerMessageSink {
    readonly target: McpTarget;
    private readonly options;
    private readonly sessionHeaders;
    private readonly authorization;
    private readonly traceSample;
    /** The session's cookies (Streamable HTTP); undefined with `cookies: false`. */
    readonly cookies: CookieJar | undefined;
    /** The instances that served this session so far: a second one is a hop. */
    readonly instances: SessionInstances;
    /** performance.now() when the current session's handshake was answered, and the agent's calls made in it since. */
    private establishedAt;
    private callsInSession;
    private transport;
    private nextId;
    /** Negotiated protocol version once initialized. */
    protocolVersion: string | undefined;
    /** 2026-07-28 and later: no session, no handshake, `_meta` on every request. */
    stateless: boolean;
    private requestMeta;
    serverInfo: Record<string, unknown> | undefined;
    /** Server requests and notifications that arrived outside any operation (the GET stream). */
    readonly background: OperationTrace;
    /** The operation in flight, which server messages on the GET stream are counted in. */
    private current;
    /**
     * Tool calls can take the direct path (directCall): nothing is added to their message per call
     * (no progress token, no traceparent) and no token is held around them. Decided once here.
     */
    private readonly directCalls;
    constructor(target: McpTarget, options?: SessionOptions);
    get transportKind(): TransportKind | undefined;
    get sessionId(): string | undefined;
    get initialized(): boolean;
    /** The handshake: picks the transport (`auto` probes as the spec says), negotiates the version. */
    initialize(): Promise<OperationResult>;
    ping(): Promise<OperationResult>;
    listTools(): Promise<OperationResult>;
    listResources(): Promise<OperationResult>;
    listPrompts(): Promise<OperationResult>;
    /**
     * `readResult: false` when nothing will read the result (the engine's steps without checks on
     * it): a plain success is then confirmed by a scan of the reply instead of a parse, and the
     * OperationResult carries `replyText` in place of `result`. Any other reply is parsed as ever.
     */
    callTool(name: string, args?: unknown, readResult?: boolean): Promise<OperationResult>;
    /**
     * 2026-07-28: arguments the tool's schema marks `x-mcp-header` ride in Mcp-Param-* headers too.
     * A -32020 (the server found them mismatched) reloads the schemas and retries once, as the spec asks.
     */
    private callToolWithParamHeaders;
    /** The target's Mcp-Param bindings per tool, from one tools/list shared by its sessions (purpose `session`). */
    private paramBindings;
    private loadParamBindings;
    readResource(uri: string): Promise<OperationResult>;
    getPrompt(name: string, args?: Record<string, string>): Promise<OperationResult>;
    /** Any other request, by method name (completion/complete, a server's own methods…). */
    request(method: string, params?: Record<string, unknown>): Promise<OperationResult>;
    /** Ends the session: DELETE where the transport has one, streams closed. */
    close(): Promise<OperationResult>;
    /** Cuts the requests in flight (an interrupted VU): they resolve as `closed` transport failures. */
    abort(): void;
    onServerRequest(request: JsonRpcRequest, trace: OperationTrace | null): void;
    backgroundTrace(): OperationTrace;
    onNotification(message: JsonRpcNotification, trace: OperationTrace | null): void;
    private simple;
    private paginated;
    /**
     * Sends one request in the current session; a lost session is re-established once and the
     * request retried, all counted in the same trace.
     */
    private call;
    /** A request of the session failed: a lost session is re-established once and the request sent again; anything else is thrown on. */
    private recover;
    /** Not async: a session's request is the transport's own promise, with no wrapper (and its extra turns) per call. */
    private send;
    private sendStateless;
    /**
     * 2026-07-28 has no resumability: a reply stream that broke before the response lost the
     * request. With `reissue`, it is sent again once, with a new id, and counted.
     */
    private reissue;
    /** 2026-07-28: what used to be server-to-client requests comes back as an input-required result. */
    private answerInputRequests;
    private message;
    private handshake;
    /**
     * `initialize` was answered, and then its follow-up (notifications/initialized, the GET stream)
     * failed: behind a balancer without stickiness it reached an instance that does not know the
     * session. The handshake fails as a lost session, named so, never as a missing transport.
     */
    private lostAfterHandshake;
    /** The session was found lost: the status that said so, its age and the calls it had made. */
    private noteLoss;
    /**
     * 2026-07-28 needs no handshake. The first session against a target probes with `server/discover`
     * and the verdict is kept on the target, so later sessions start with no request at all.
     * Returns undefined when the server is of the 2025 line.
     */
    private discover;
    /** Asks `server/discover` with the 2026 envelope; its expected 4xx from a 2025 server is a probe, not a failure. */
    private probe;
    private enterStateless;
    private leaveStateless;
    private handshakeOn;
    private streamable;
    private legacy;
    /** Runs an operation with a bearer token held (waiting only for the first), retried once with a new one after a 401. */
    private authorized;
    /** The trace of the operation starting now, which the session's server messages are charged to meanwhile. */
    private beginTrace;
    /** Runs one operation and turns whatever happened into an OperationResult; never throws. */
    private operation;
    /**
     * A tool call as `operation(…, call)` makes it, in one async frame: no closure for its body or
     * its params (its wire text is serializeMessage's, from the step's cached text around the id).
     * For sessions whose calls add nothing per call (see directCalls); a lost session is recovered
     * as `call` does.
     */
    private directCall;
    /** The operation's outcome, once its requests are done. */
    private ended;
    /** Which instance answered the operation, and whether the session hopped to another one in it. */
    private noteInstances;
}
