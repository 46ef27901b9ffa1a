export type TransportKind = 'streamable-http' | 'sse';
export type TransportChoice = 'auto' | TransportKind;
/**
 * How an MCP operation ended, counted separately by the engine: success, then the failures charged
 * to the target (`transport`: no usable HTTP reply; `gateway`: a proxy's 502/503/504 or deadline;
 * `protocol`: a JSON-RPC error; `tool`: a result with isError), then mcp-load's own (`generator`:
 * a local limit such as EMFILE; `internal`: a bug in mcp-load), never charged to the server.
 */
export declare const OUTCOME_CLASSES: readonly ["success", "transport", "gateway", "protocol", "tool", "generator", "internal"];
export type OutcomeClass = (typeof OUTCOME_CLASSES)[number];
/** The failure classes: the values of the `error_class` tag. */
export declare const ERROR_CLASSES: readonly ["transport", "gateway", "protocol", "tool", "generator", "internal"];
export type ErrorClass = (typeof ERROR_CLASSES)[number];
/** Failures that are mcp-load's own: they fail the run as the generator's, never the server's. */
export declare const LOCAL_ERROR_CLASSES: readonly ErrorClass[];
/** Why a transport failure happened; `status` carries the HTTP status for `http_status`. */
export type TransportFailure = 'connect' | 'reset' | 'timeout' | 'http_status' | 'bad_response' | 'too_large' | 'stream_ended'
/** An SSE reply was cut after its headers and before its response: `OutcomeError.stream` says after what. */
 | 'stream_broken' | 'closed'
/** The generator's own file-descriptor limit (EMFILE/ENFILE): outcome `generator`. */
 | 'descriptors'
/** OAuth: the authorization server could not be found or would not issue a token. */
 | 'auth';
/** One HTTP request made on behalf of an MCP operation. */
export interface HttpRecord {
    method: 'GET' | 'POST' | 'DELETE';
    /** 0 when no response arrived. */
    status: number;
    /** Milliseconds from dispatch to response headers; -1 when none arrived. */
    ttfbMs: number;
    /** Milliseconds from dispatch to the end of what this request was waited for. */
    durationMs: number;
    bytesSent: number;
    bytesReceived: number;
    /** Why the request is part of the operation: the call itself, a session re-initialization, an answer to a server request… */
    purpose: HttpPurpose;
    failed: boolean;
    /** A 3xx's `Location` (mcp-load does not follow redirects: the target should be that URL). */
    location?: string;
    /** A 429/503's `Retry-After`, in ms. */
    retryAfterMs?: number;
    /** An SSE reply the server kept open after its response: mcp-load closed it after the reply grace. */
    heldOpen: boolean;
    /** The instance that served the response, as its headers (or stickiness cookie) named it; bounded, untrusted. */
    instance?: string;
    /** The reply was an SSE stream (2xx, text/event-stream); the wire client always sets it. */
    eventStream?: boolean;
}
/**
 * Why a request was sent. `discovery`: the 2026-07-28 `server/discover` probe, once per target (a
 * 2025 server's 4xx refusal is the answer it asked for); `probe`: the transport fallback's refused
 * POST initialize. The others are a session's phases: `session` (handshake, GET stream), the
 * `call`, its `reinit` and `server-request` answers and the `resume` of a broken reply stream, `teardown` (DELETE).
 */
export declare const HTTP_PURPOSES: readonly ["call", "session", "discovery", "probe", "reinit", "server-request", "stream", "teardown", "resume"];
export type HttpPurpose = (typeof HTTP_PURPOSES)[number];
export interface OutcomeError {
    message: string;
    /** HTTP status for `transport`/`http_status`. */
    status?: number;
    /** JSON-RPC error code for `protocol`. */
    code?: number;
    /** Transport failure reason. */
    reason?: TransportFailure;
    /** From the failed reply's headers: a redirect's Location, a rate limit's Retry-After (ms). */
    location?: string;
    retryAfterMs?: number;
    /** An SSE reply cut (`stream_broken`) or ended (`stream_ended`) before its response: events seen, ms from its headers to the break, ms of silence before it. */
    stream?: {
        events: number;
        ageMs: number;
        idleMs: number;
    };
}
/** What an MCP operation (initialize, tools/call, …) produced and cost. */
export interface OperationResult<T = unknown> {
    method: string;
    /** Tool, prompt or resource the operation names, if any. */
    name?: string;
    outcome: OutcomeClass;
    result?: T;
    error?: OutcomeError;
    /** Milliseconds from the first byte sent to the matching response (not to a 202). */
    durationMs: number;
    /** performance.now() when the operation started: its durationMs runs from here. */
    startedAt?: number;
    /** Time to first byte of the operation's first HTTP request. */
    ttfbMs: number;
    http: HttpRecord[];
    bytesSent: number;
    bytesReceived: number;
    /** The session was found lost during this operation and a new one started (attempted once at most)... */
    reinitAttempted: boolean;
    /** ... and re-established: its handshake succeeded. */
    reinitialized: boolean;
    /** GETs with `Last-Event-ID` made to resume a reply stream that broke before the response (2025-11-25). */
    streamResumptions: number;
    /** The response arrived on a resumed stream. */
    resumed: boolean;
    /** 2026-07-28: times the request was re-issued with a new id after its stream broke (`reissue: true`). */
    reissued: number;
    /** Progress notifications, all notifications (progress included) and server requests seen while waiting. */
    progressNotifications: number;
    notifications: number;
    serverRequests: number;
    /** The W3C traceparent the call carried (SessionOptions.traceparent); absent when tracing is off. */
    traceparent?: string;
    /** The session's SSE stream had broken (not closed by mcp-load) and a new one opened; reported by one operation. */
    streamBreak?: StreamBreak;
    /**
     * The JSON text of the message that carried the response, for a transport that did not parse it
     * into `result` (nothing read it): the engine's bounded sample of tool output parses the few it keeps.
     */
    replyText?: string;
    /** The instance that served the operation's last attributed response (a balancer's header or cookie). */
    instance?: string;
    /** The session was first served by a second instance during this operation... */
    hopped?: boolean;
    /** ... or before it: the session has been served by more than one instance. */
    sessionHopped?: boolean;
    /** Sessions found lost during this operation (then re-initialised once, or the new one lost too). */
    lost?: SessionLoss[];
}
/** A session the server no longer knew: the status that said so, how old it was and the agent's calls it had made. */
export interface SessionLoss {
    status: number;
    ageMs: number;
    calls: number;
    /** `handshake`: initialize was answered, its follow-up found the session unknown; `session`: a session in use. */
    phase: 'handshake' | 'session';
}
/**
 * A session stream that ended without mcp-load closing it: the legacy HTTP+SSE stream (the
 * session's next operation reconnects) or the Streamable HTTP GET stream (reopened by itself after
 * the server's `retry`); ms it had lived since its headers, ms from its end to the new stream.
 */
export interface StreamBreak {
    stream: 'legacy' | 'get';
    lifetimeMs: number;
    reconnectMs: number;
}
export interface JsonRpcRequest {
    jsonrpc: '2.0';
    id: number | string;
    method: string;
    params?: Record<string, unknown>;
}
export interface JsonRpcNotification {
    jsonrpc: '2.0';
    method: string;
    params?: Record<string, unknown>;
}
export interface JsonRpcError {
    code: number;
    message: string;
    data?: unknown;
}
export interface JsonRpcResponse {
    jsonrpc: '2.0';
    id: number | string | null;
    result?: Record<string, unknown>;
    error?: JsonRpcError;
}
export type JsonRpcMessage = JsonRpcRequest | JsonRpcNotification | JsonRpcResponse;
