import tls from 'node:tls';
import type { Dispatcher } from 'undici';
import { type H1Headers, type H1ResponseSink } from './h1-response-parser.ts';
/** What a session's requests go over: undici's `Client` or an H1Connection. */
export interface SessionConnection {
    dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean;
    close(): Promise<void>;
    destroy(err?: Error | null): Promise<void>;
}
export interface H1ConnectionOptions {
    /** Idle keep-alive sockets are closed after this long (or sooner when the server says so). */
    keepAliveTimeoutMs: number;
    /** Extra options for `https:` origins (a private CA, for instance). */
    tls?: tls.ConnectionOptions;
}
/** What a connection that owns its socket tells a handler through its controller: the bytes of this request on the wire. */
export interface SocketByteCounts {
    /** Bytes of this request handed to the socket (request line, headers, body). */
    readonly bytesWritten: number;
    /** Bytes read from the socket while this request was the current one (its whole response, framing included). */
    readonly bytesRead: number;
    /** performance.now() when the response ended (0 until then), read once for the connection and the handler. */
    readonly endedAt: number;
}
/**
 * One request and its undici DispatchController, one object per request: the handler pauses,
 * resumes or aborts the request through it, and reads its byte counts from it.
 */
declare class Pending implements Dispatcher.DispatchController, SocketByteCounts {
    readonly connection: H1Connection;
    readonly options: Dispatcher.DispatchOptions;
    readonly handler: Dispatcher.DispatchHandler;
    settled: boolean;
    bytesWritten: number;
    bytesRead: number;
    endedAt: number;
    private pausedFlag;
    private abortReason;
    constructor(connection: H1Connection, options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler);
    get aborted(): boolean;
    get paused(): boolean;
    get reason(): Error | null;
    /** The socket is not read past the chunk being delivered until `resume()`. */
    pause(): void;
    resume(): void;
    abort(reason?: Error): void;
}
/**
 * One keep-alive HTTP/1.1 connection carrying one request at a time (requests queue; none is
 * pipelined), for the requests of a single MCP session.
 *
 * It calls undici's dispatch-handler callbacks (`onRequestStart` … `onResponseError`) itself, with
 * its per-request record as the controller (pause, resume, abort, and the socket's byte counts),
 * so HttpExchange runs on it or on undici unchanged. It exists because a session's POSTs are the load engine's hot path: here a request
 * is one string and one `write`, and a reply one head slice and body views, where undici's general
 * client (request objects, header validation, a WASM parser with a callback per header, a
 * two-buffer `writev`) costs about a third more CPU per call. GET streams, the legacy transport
 * and bounded connection pools stay on undici.
 */
export declare class H1Connection implements SessionConnection, H1ResponseSink {
    private readonly host;
    private readonly port;
    private readonly secure;
    private readonly hostHeader;
    private readonly keepAliveTimeoutMs;
    private readonly tlsOptions;
    private readonly parser;
    private readonly queue;
    private socket;
    private current;
    private idleSince;
    private idleLimitMs;
    private idleTimer;
    private closing;
    private closed;
    private destroyed;
    /** The socket's reads are stopped because a handler paused its request. */
    private readingPaused;
    /** The request being started, as serialize() wrote it. */
    private head;
    private body;
    private bodyBytes;
    /** The last request head's start (request line, host, headers) and what it was made from. */
    private prefixOf;
    constructor(origin: string | URL, options: H1ConnectionOptions);
    dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean;
    close(): Promise<void>;
    destroy(err?: Error | null): Promise<void>;
    onHead(status: number, headers: H1Headers): void;
    onBody(chunk: Buffer): void;
    onEnd(): void;
    private start;
    /**
     * Sets the request line and headers (`head`), the body and its length in bytes for `options`;
     * an Error for a header that would break framing. The head up to its length line is made once
     * for a run of requests with the same method, path and header list (a session's calls).
     */
    private serialize;
    private connect;
    /** Parses what the socket read; false when the current request's handler paused it (stop reading). */
    private onSocketData;
    /** The current request's handler resumed: read the socket again. */
    resumeReading(pending: Pending): void;
    private resumeSocket;
    private onSocketGone;
    private completeCurrent;
    private failCurrent;
    /** The handler aborted `pending` through its controller. */
    abortRequest(pending: Pending, err: Error): void;
    private settleWithError;
    private next;
    /**
     * The idle timer fires late when the event loop is starved, and a socket idle past the server's
     * keep-alive timeout may already be closed on its side: checked again when the socket is reused.
     */
    private idleTooLong;
    /** Keeps the socket for the next request; a lazily armed timer closes it once idle too long. */
    private markIdle;
    private armIdleTimer;
    private dropSocket;
}
export {};
