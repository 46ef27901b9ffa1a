import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { type EventSourceMessage, type ParseError } from 'eventsource-parser';
import { TransportError } from './errors.ts';
import type { CookieJar } from './cookie-jar.ts';
import type { InstanceReader } from './instances.ts';
import type { HttpPurpose, HttpRecord } from './types.ts';
export interface ExchangeRequest {
    method: 'GET' | 'POST' | 'DELETE';
    /** Path and query of the target URL. */
    path: string;
    /** Flat [name, value, name, value…] list, the form undici copies fastest. */
    headers: string[];
    body?: string;
    purpose: HttpPurpose;
    /** Deadline for the whole exchange (or for the headers only with `deadlineOnHeadersOnly`); 0 = none. */
    timeoutMs: number;
    /** Long-lived streams (the GET stream) are bounded until their headers only. */
    deadlineOnHeadersOnly?: boolean;
    /** What a deadline after the headers was waiting for, for its message (e.g. "no endpoint event"). */
    awaiting?: string;
    /** Largest body (or SSE event) accepted before the exchange is aborted. */
    maxBytes: number;
    /** Receives every SSE event when the reply is `text/event-stream`. */
    onEvent?: (event: EventSourceMessage) => void;
    /** Told the status as soon as the response headers arrive (long-lived streams need no more). */
    onStatus?: (status: number) => void;
    /** Names the instance that served the response (`record.instance`). */
    instance?: InstanceReader;
    /** When the exchange begins (performance.now()), if its caller has just read the clock: the operation's start is its first request's. */
    startedAt?: number;
    /** The session's cookies: a response's Set-Cookie lines are stored in it. */
    cookies?: CookieJar;
}
export interface ExchangeReply {
    status: number;
    contentType: string;
    sessionId: string | undefined;
    /** The buffered body of a non-SSE reply (empty for SSE replies). */
    body: string;
    isEventStream: boolean;
    record: HttpRecord;
}
/**
 * One HTTP request on an undici dispatcher (or an H1Connection), observed at the wire: status, time to first byte,
 * bytes both ways and the reply (buffered, or parsed as SSE while it streams).
 *
 * It implements undici's dispatch-handler interface (`onRequestStart` … `onResponseEnd`) rather than
 * `request()`: no stream and no promise per body. It is its own handler, so nothing is allocated
 * per exchange beyond it; the connection's controller is kept, not wrapped.
 *
 * Bytes: an H1Connection's controller carries the socket's own counts for the request (what it
 * wrote, what it read); on undici, which does not report them, they are computed from what undici
 * writes for the request and from the raw header list and body chunks it hands over.
 */
export declare class HttpExchange implements Dispatcher.DispatchHandler {
    readonly record: HttpRecord;
    private readonly req;
    private readonly origin;
    /** performance.now() at the start; the connection's idle check reads it too (TimedDispatchHandler). */
    readonly startedAt: number;
    /** performance.now() when the reply ended or failed (0 until then). */
    endedAt: number;
    private controller;
    /** The socket's counts, when the connection keeps them (H1Connection); null on undici. */
    private socketCounts;
    /** When the exchange times out (performance.now() ms; 0: no deadline), kept by its dispatcher's one timer. */
    private deadlineAt;
    private deadlines;
    /** The dispatcher, whose one deadline timer also keeps the reply grace of an answered SSE reply (endAfter). */
    private readonly dispatcher;
    /** `deadlineAt` is the end of that grace, not the exchange's timeout. */
    private inGrace;
    private status;
    private contentType;
    private sessionId;
    /** The body decoded so far, and the bytes after it, copied, once a chunk ended a character halfway. */
    private text;
    private chunks;
    private received;
    private sse;
    private settled;
    private resolveReply;
    /** Rejected with a TransportError, or with mcp-load's own programming error as it was thrown. */
    private rejectReply;
    readonly reply: Promise<ExchangeReply>;
    private pendingAbort;
    /** The last SSE event id seen, for resuming the stream with `Last-Event-ID`. */
    lastEventId: string | undefined;
    /** The server's `retry:` (ms before reconnecting), when it sent one. */
    retryMs: number | undefined;
    /** An SSE reply's events so far, and when its last bytes came (performance.now()). */
    sseEvents: number;
    lastDataAt: number;
    constructor(dispatcher: Pick<Dispatcher, 'dispatch'>, origin: string, req: ExchangeRequest);
    /** The reply is an SSE stream whose headers arrived: what cuts it now breaks a stream. */
    get streaming(): boolean;
    /** Ms from the request to the response headers (-1: none). */
    get headersAfterMs(): number;
    /** Ms since the request was sent. */
    get ageMs(): number;
    /** The `Mcp-Session-Id` the response carried, once its headers arrived. */
    get responseSessionId(): string | undefined;
    /** Ends the exchange early (the caller has what it waited for, or gives up). */
    abort(err: TransportError): void;
    get deadline(): number;
    /** The caller has its answer: the rest of the stream may take its time (and no grace runs either). */
    clearDeadline(): void;
    /**
     * The caller has its answer from this SSE reply: the rest of the stream gets `graceMs` to end,
     * after which it is closed, marked `heldOpen` and the reply resolved as it stands. A server
     * need not close the stream (the spec says SHOULD), but one held open would hold the call.
     */
    endAfter(graceMs: number): void;
    /** The grace after the answer passed with the stream still open. */
    private cutHeldOpen;
    /** The deadline passed (called by the dispatcher's deadline timer, which has let go of this exchange). */
    expire(): void;
    onRequestStart(controller: Dispatcher.DispatchController, _context: unknown): void;
    onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders, statusMessage?: string): void;
    /** An event of this SSE reply (called by its SseReader). */
    sseEvent(event: EventSourceMessage): void;
    sseRetry(ms: number): void;
    sseError(err: ParseError): void;
    /** A balancer's traces on the response: its stickiness cookie, the instance it chose. */
    private noteBalancerHeaders;
    /** What a refusal says about what to do next: where a redirect points, when to retry. */
    private noteRefusalHeaders;
    onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void;
    onResponseEnd(_controller: Dispatcher.DispatchController, _trailers: IncomingHttpHeaders): void;
    onResponseError(_controller: Dispatcher.DispatchController, err: Error): void;
    /** The socket's final counts (a response may end with bytes no callback saw: a close, a trailer). */
    private takeSocketCounts;
    private complete;
    private eventTooLarge;
    private fail;
}
export declare function isEventStream(contentType: string): boolean;
export declare function isJson(contentType: string): boolean;
