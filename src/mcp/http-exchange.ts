import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { createParser, type EventSourceMessage, type EventSourceParser, type ParseError } from 'eventsource-parser';
import { TransportError, toTransportError } from './errors.ts';
import { deadlinesOf, type ExchangeDeadlines } from './exchange-deadlines.ts';
import type { SocketByteCounts } from './h1-connection.ts';
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

const CRLF_COLON_SPACE = 4; // ": " + CRLF around each header line
/** "HTTP/1.1 200 " and the CRLF after the reason phrase. */
const STATUS_LINE_FRAME = 15;
/** The "connection: keep-alive" line undici adds to every request it writes. */
const UNDICI_CONNECTION_LINE = 'connection: keep-alive\r\n'.length;
const utf8 = new TextDecoder();
/** For the body after its first decoded bytes: a U+FEFF there is content, not a byte order mark. */
const utf8Within = new TextDecoder('utf-8', { ignoreBOM: true });
/** The decoder for the body's next bytes, after `decoded`: only the body's start may drop a byte order mark. */
const decoderAfter = (decoded: string): TextDecoder => (decoded === '' ? utf8 : utf8Within);

/** undici's controller keeps the response's raw header list (Buffers) beside the parsed object. */
interface RawHeadersController extends Dispatcher.DispatchController {
  rawHeaders?: Buffer[] | null;
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
export class HttpExchange implements Dispatcher.DispatchHandler {
  readonly record: HttpRecord;
  private readonly req: ExchangeRequest;
  private readonly origin: string;
  /** performance.now() at the start; the connection's idle check reads it too (TimedDispatchHandler). */
  readonly startedAt: number;
  /** performance.now() when the reply ended or failed (0 until then). */
  endedAt = 0;
  private controller: Dispatcher.DispatchController | null = null;
  /** The socket's counts, when the connection keeps them (H1Connection); null on undici. */
  private socketCounts: SocketByteCounts | null = null;
  /** When the exchange times out (performance.now() ms; 0: no deadline), kept by its dispatcher's one timer. */
  private deadlineAt = 0;
  private deadlines: ExchangeDeadlines | null = null;
  /** The dispatcher, whose one deadline timer also keeps the reply grace of an answered SSE reply (endAfter). */
  private readonly dispatcher: object;
  /** `deadlineAt` is the end of that grace, not the exchange's timeout. */
  private inGrace = false;
  private status = 0;
  private contentType = '';
  private sessionId: string | undefined;
  /** The body decoded so far, and the bytes after it, copied, once a chunk ended a character halfway. */
  private text = '';
  private chunks: Buffer[] = [];
  private received = 0;
  private sse: SseReader | null = null;
  private settled = false;
  private resolveReply!: (reply: ExchangeReply) => void;
  /** Rejected with a TransportError, or with mcp-load's own programming error as it was thrown. */
  private rejectReply!: (err: Error) => void;
  readonly reply: Promise<ExchangeReply>;
  private pendingAbort: TransportError | null = null;
  /** The last SSE event id seen, for resuming the stream with `Last-Event-ID`. */
  lastEventId: string | undefined;
  /** The server's `retry:` (ms before reconnecting), when it sent one. */
  retryMs: number | undefined;
  /** An SSE reply's events so far, and when its last bytes came (performance.now()). */
  sseEvents = 0;
  lastDataAt = 0;

  constructor(dispatcher: Pick<Dispatcher, 'dispatch'>, origin: string, req: ExchangeRequest) {
    this.req = req;
    this.startedAt = req.startedAt || performance.now();
    this.record = {
      method: req.method,
      status: 0,
      ttfbMs: -1,
      durationMs: 0,
      bytesSent: 0,
      bytesReceived: 0,
      purpose: req.purpose,
      failed: false,
      heldOpen: false,
      instance: undefined,
      eventStream: false,
    };
    this.reply = new Promise<ExchangeReply>((resolve, reject) => {
      this.resolveReply = resolve;
      this.rejectReply = reject;
    });
    if (req.timeoutMs > 0) {
      this.deadlineAt = this.startedAt + req.timeoutMs;
      this.deadlines = deadlinesOf(dispatcher);
      this.deadlines.add(this);
    }
    this.origin = origin;
    this.dispatcher = dispatcher;
    dispatcher.dispatch(
      {
        origin,
        path: req.path,
        method: req.method,
        headers: req.headers,
        body: req.body ?? null,
        // Our own deadline governs; undici's 300 s defaults would cut long SSE streams.
        headersTimeout: 0,
        bodyTimeout: 0,
      },
      this,
    );
  }

  /** The reply is an SSE stream whose headers arrived: what cuts it now breaks a stream. */
  get streaming(): boolean {
    return this.record.eventStream === true;
  }

  /** Ms from the request to the response headers (-1: none). */
  get headersAfterMs(): number {
    return this.record.ttfbMs;
  }

  /** Ms since the request was sent. */
  get ageMs(): number {
    return performance.now() - this.startedAt;
  }

  /** The `Mcp-Session-Id` the response carried, once its headers arrived. */
  get responseSessionId(): string | undefined {
    return this.sessionId;
  }

  /** Ends the exchange early (the caller has what it waited for, or gives up). */
  abort(err: TransportError): void {
    if (this.controller) this.controller.abort(err);
    else this.pendingAbort = err;
    this.fail(err);
  }

  get deadline(): number {
    return this.deadlineAt;
  }

  /** The caller has its answer: the rest of the stream may take its time (and no grace runs either). */
  clearDeadline(): void {
    if (this.deadlineAt !== 0) {
      this.deadlineAt = 0;
      this.deadlines!.remove(this);
    }
    this.inGrace = false;
  }

  /**
   * The caller has its answer from this SSE reply: the rest of the stream gets `graceMs` to end,
   * after which it is closed, marked `heldOpen` and the reply resolved as it stands. A server
   * need not close the stream (the spec says SHOULD), but one held open would hold the call.
   */
  endAfter(graceMs: number): void {
    if (this.settled) return;
    // On the dispatcher's one timer, not a timer of its own: the reply nearly always ends within
    // the chunk that carried its answer, and arming and clearing a timer per call cost more than the rest of the SSE path.
    // An exchange already waiting on it (its timeout) only moves its deadline.
    const waiting = this.deadlineAt !== 0;
    this.inGrace = true;
    this.deadlineAt = performance.now() + graceMs;
    const deadlines = (this.deadlines ??= deadlinesOf(this.dispatcher));
    if (waiting) deadlines.moved(this);
    else deadlines.add(this);
  }

  /** The grace after the answer passed with the stream still open. */
  private cutHeldOpen(): void {
    if (this.settled) return;
    this.record.heldOpen = true;
    this.complete();
    const cut = new TransportError('closed', 'reply stream held open after its response; closed by mcp-load');
    if (this.controller) this.controller.abort(cut);
    else this.pendingAbort = cut;
  }

  /** The deadline passed (called by the dispatcher's deadline timer, which has let go of this exchange). */
  expire(): void {
    this.deadlineAt = 0;
    if (this.inGrace) {
      this.inGrace = false;
      this.cutHeldOpen();
      return;
    }
    const stage = this.status === 0 ? 'no response' : (this.req.awaiting ?? 'response incomplete');
    this.abort(new TransportError('timeout', `${this.req.method} timed out after ${this.req.timeoutMs} ms (${stage})`));
  }

  // --- undici handler callbacks -------------------------------------------------------------

  onRequestStart(controller: Dispatcher.DispatchController, _context: unknown): void {
    this.controller = controller;
    const counts = controller as Partial<SocketByteCounts>;
    if (typeof counts.bytesRead === 'number' && typeof counts.bytesWritten === 'number' && typeof counts.endedAt === 'number')
      this.socketCounts = counts as SocketByteCounts;
    else this.record.bytesSent = undiciRequestBytes(this.origin, this.req);
    if (this.pendingAbort) controller.abort(this.pendingAbort);
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders, statusMessage?: string): void {
    if (statusCode < 200) return; // 1xx informational
    this.status = statusCode;
    this.record.status = statusCode;
    this.record.ttfbMs = performance.now() - this.startedAt;
    this.contentType = firstValue(headers['content-type']) ?? '';
    this.sessionId = firstValue(headers['mcp-session-id']);
    if (statusCode >= 300) this.noteRefusalHeaders(headers);
    if (this.req.cookies !== undefined || this.req.instance !== undefined) this.noteBalancerHeaders(headers);
    if (this.socketCounts) this.record.bytesReceived = this.socketCounts.bytesRead;
    else this.record.bytesReceived += responseHeadBytes(statusMessage ?? '', (controller as RawHeadersController).rawHeaders, headers);
    if (this.deadlineAt !== 0 && this.req.deadlineOnHeadersOnly) this.clearDeadline();
    this.req.onStatus?.(statusCode);
    if (this.req.onEvent && statusCode >= 200 && statusCode < 300 && isEventStream(this.contentType)) {
      this.sse = SseReader.acquire(this.req.maxBytes, this);
      this.record.eventStream = true;
      this.lastDataAt = performance.now();
    }
  }

  /** An event of this SSE reply (called by its SseReader). */
  sseEvent(event: EventSourceMessage): void {
    if (this.record.failed) return;
    if (event.id !== undefined) this.lastEventId = event.id;
    this.sseEvents++;
    // The parser bounds only what it buffers across chunks; an event that arrived whole is checked here.
    if (event.data.length > this.req.maxBytes) this.abort(this.eventTooLarge());
    else this.req.onEvent!(event);
  }

  sseRetry(ms: number): void {
    this.retryMs = ms;
  }

  sseError(err: ParseError): void {
    // Unknown fields and bad retry values are ignored, as EventSource does; a runaway event is not.
    if (err.type === 'max-buffer-size-exceeded') this.abort(this.eventTooLarge());
  }

  /** A balancer's traces on the response: its stickiness cookie, the instance it chose. */
  private noteBalancerHeaders(headers: IncomingHttpHeaders): void {
    const jar = this.req.cookies;
    const setCookie = headers['set-cookie'];
    if (jar !== undefined && setCookie !== undefined) jar.store(setCookie);
    const reader = this.req.instance;
    if (reader === undefined) return;
    const sent = reader.cookie === undefined || jar === undefined ? undefined : jar.valueOf(reader.cookie);
    const instance = reader.read(headers, sent);
    if (instance !== undefined) this.record.instance = instance;
  }

  /** What a refusal says about what to do next: where a redirect points, when to retry. */
  private noteRefusalHeaders(headers: IncomingHttpHeaders): void {
    const location = firstValue(headers.location);
    if (location !== undefined) this.record.location = location.slice(0, 500);
    const retryAfter = firstValue(headers['retry-after']);
    if (retryAfter !== undefined) {
      const seconds = Number(retryAfter);
      const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();
      if (Number.isFinite(ms) && ms >= 0) this.record.retryAfterMs = ms;
    }
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.socketCounts) this.record.bytesReceived = this.socketCounts.bytesRead;
    else this.record.bytesReceived += chunk.length;
    this.received += chunk.length;
    if (this.settled) return;
    if (this.sse) {
      // SSE streams may live long; only a runaway single event is bounded (by the parser's buffer).
      this.lastDataAt = performance.now();
      this.sse.feed(chunk);
      return;
    }
    if (this.received > this.req.maxBytes) {
      this.abort(new TransportError('too_large', `response body exceeds ${this.req.maxBytes} bytes; aborted`, this.status));
      return;
    }
    // The chunk may be a view of the connection's read buffer: decoded now when it ends a character
    // (a JSON body ends with ASCII), else copied, with what follows, and decoded at the end.
    if (this.chunks.length === 0 && chunk[chunk.length - 1] < 0x80) this.text += decoderAfter(this.text).decode(chunk);
    else this.chunks.push(Buffer.from(chunk));
  }

  onResponseEnd(_controller: Dispatcher.DispatchController, _trailers: IncomingHttpHeaders): void {
    this.complete();
  }

  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    // A TypeError and its kin thrown inside a callback or our connection is our bug, not the server's.
    this.fail(isProgrammingError(err) ? err : toTransportError(err, `${this.req.method} request failed`));
  }

  /** The socket's final counts (a response may end with bytes no callback saw: a close, a trailer). */
  private takeSocketCounts(): void {
    const counts = this.socketCounts;
    if (counts === null) return;
    this.record.bytesSent = counts.bytesWritten;
    this.record.bytesReceived = counts.bytesRead;
  }

  private complete(): void {
    this.clearDeadline();
    if (this.settled) return;
    this.settled = true;
    // The connection that owns its socket read the clock as the response ended: the same instant.
    const endedAt = this.socketCounts !== null && this.socketCounts.endedAt > 0 ? this.socketCounts.endedAt : performance.now();
    this.endedAt = endedAt;
    this.record.durationMs = endedAt - this.startedAt;
    this.takeSocketCounts();
    const sse = this.sse;
    if (sse) {
      sse.flush();
      sse.release();
    }
    const chunks = this.chunks;
    const rest = chunks.length === 0 ? '' : decoderAfter(this.text).decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    const body = this.text + rest;
    this.text = '';
    this.chunks = [];
    this.resolveReply({
      status: this.status,
      contentType: this.contentType,
      sessionId: this.sessionId,
      body,
      isEventStream: sse !== null,
      record: this.record,
    });
  }

  private eventTooLarge(): TransportError {
    return new TransportError('too_large', `SSE event exceeds ${this.req.maxBytes} bytes; aborted`, this.status);
  }

  private fail(err: TransportError | Error): void {
    this.clearDeadline();
    if (this.settled) return;
    this.settled = true;
    this.sse?.release();
    this.record.failed = true;
    this.endedAt = performance.now();
    this.record.durationMs = this.endedAt - this.startedAt;
    this.takeSocketCounts();
    // A connection that never opened carried nothing: data_sent counts bytes written, not bytes meant.
    if (err instanceof TransportError && err.reason === 'connect') this.record.bytesSent = 0;
    this.rejectReply(err);
  }
}

/** Idle SSE readers kept per event-size bound; beyond this many, a released reader is left to the GC. */
const MAX_IDLE_SSE_READERS = 4096;
const idleSseReaders = new Map<number, SseReader[]>();

/**
 * A UTF-8 decoder and an SSE parser, reused from one SSE reply to the next: a connection carries
 * one reply at a time, so the pool holds about one per connection with SSE replies in flight. A new
 * decoder and parser per reply cost about as much CPU as parsing the reply itself.
 */
class SseReader {
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private readonly parser: EventSourceParser;
  private exchange: HttpExchange | null = null;
  /** Inside the parser's feed: a release asked for then (an event aborted the exchange) waits for it to return. */
  private feeding = false;
  private releaseAsked = false;
  /** The decoder may hold the start of a character split across chunks (it last decoded in streaming mode). */
  private partial = false;
  /** No text decoded yet from this reply: a byte order mark that starts it is dropped, as TextDecoder does at a stream's start. */
  private atStart = true;

  private constructor(private readonly maxBytes: number) {
    this.parser = createParser({
      onEvent: (event) => this.exchange?.sseEvent(event),
      onRetry: (ms) => this.exchange?.sseRetry(ms),
      onError: (err) => this.exchange?.sseError(err),
      maxBufferSize: maxBytes,
    });
  }

  static acquire(maxBytes: number, exchange: HttpExchange): SseReader {
    const reader = idleSseReaders.get(maxBytes)?.pop() ?? new SseReader(maxBytes);
    reader.exchange = exchange;
    return reader;
  }

  feed(chunk: Buffer): void {
    this.feeding = true;
    try {
      this.parser.feed(this.decode(chunk));
    } finally {
      this.feeding = false;
      if (this.releaseAsked) this.release();
    }
  }

  /**
   * A chunk that ends on an ASCII byte (an event ends with a line break) ends no character halfway:
   * with nothing held from before, it is decoded whole, without the streaming decoder's state to
   * keep and flush, which cost about as much as parsing the event.
   */
  private decode(chunk: Buffer): string {
    let text: string;
    if (!this.partial && (chunk.length === 0 || chunk[chunk.length - 1] < 0x80)) text = wholeChunk.decode(chunk);
    else {
      text = this.decoder.decode(chunk, STREAM);
      this.partial = chunk.length === 0 || chunk[chunk.length - 1] >= 0x80;
    }
    return this.atStart ? this.dropBom(text) : text;
  }

  private dropBom(text: string): string {
    if (text.length === 0) return text;
    this.atStart = false;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  /** The reply ended: what the decoder still holds is parsed. */
  flush(): void {
    if (!this.partial) return;
    this.feeding = true;
    try {
      this.partial = false;
      const rest = this.decoder.decode();
      this.parser.feed(this.atStart ? this.dropBom(rest) : rest);
    } finally {
      this.feeding = false;
    }
  }

  /** Back to the pool, with nothing of the last stream kept (a partial character, a partial event). */
  release(): void {
    if (this.exchange === null) return;
    if (this.feeding) {
      this.releaseAsked = true;
      return;
    }
    this.releaseAsked = false;
    this.exchange = null;
    if (this.partial) this.decoder.decode();
    this.partial = false;
    this.atStart = true;
    this.parser.reset();
    let idle = idleSseReaders.get(this.maxBytes);
    if (idle === undefined) idleSseReaders.set(this.maxBytes, (idle = []));
    if (idle.length < MAX_IDLE_SSE_READERS) idle.push(this);
  }
}

const STREAM: TextDecodeOptions = { stream: true };
/** Decodes chunks that end no character halfway; BOMs are left to SseReader, which drops only one that starts a reply. */
const wholeChunk = new TextDecoder('utf-8', { ignoreBOM: true });

/** A header's value, the first when it was repeated. */
function firstValue(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.[0];
}

/**
 * The bytes undici writes for this request (client-h1's writeH1): request line, a host line unless
 * one is configured, its keep-alive line, the headers, the length line and the body.
 */
function undiciRequestBytes(origin: string, req: ExchangeRequest): number {
  let bytes = req.method.length + 1 + req.path.length + ' HTTP/1.1\r\n'.length + UNDICI_CONNECTION_LINE + headerListBytes(req.headers);
  if (!hasHostHeader(req.headers)) bytes += 'host: \r\n'.length + new URL(origin).host.length;
  if (req.body !== undefined) {
    const bodyBytes = Buffer.byteLength(req.body);
    bytes += 'content-length: \r\n\r\n'.length + String(bodyBytes).length + bodyBytes;
  } else if (req.method === 'POST') bytes += 'content-length: 0\r\n\r\n'.length;
  else bytes += 2;
  return bytes;
}

function hasHostHeader(headers: readonly string[]): boolean {
  for (let i = 0; i < headers.length; i += 2) if (headers[i].length === 4 && headers[i].toLowerCase() === 'host') return true;
  return false;
}

/** A response head's bytes from undici's raw header list (exact names and values; one ": " assumed), else from the parsed object. */
function responseHeadBytes(statusMessage: string, raw: Buffer[] | null | undefined, headers: IncomingHttpHeaders): number {
  let bytes = STATUS_LINE_FRAME + statusMessage.length + 2; // and the empty line ending the head
  if (raw) {
    for (let i = 0; i < raw.length; i++) bytes += raw[i].length;
    return bytes + (raw.length / 2) * CRLF_COLON_SPACE;
  }
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    if (typeof value === 'string') bytes += name.length + value.length + CRLF_COLON_SPACE;
    else for (const v of value) bytes += name.length + v.length + CRLF_COLON_SPACE;
  }
  return bytes;
}

/** Header lists are reused while a session's state holds: their size is counted once. */
const headerListSizes = new WeakMap<readonly string[], number>();

function headerListBytes(headers: readonly string[]): number {
  let bytes = headerListSizes.get(headers);
  if (bytes === undefined) {
    bytes = 0;
    for (let i = 0; i < headers.length; i += 2) bytes += headers[i].length + headers[i + 1].length + CRLF_COLON_SPACE;
    headerListSizes.set(headers, bytes);
  }
  return bytes;
}

/** A TypeError and its kin are bugs, unless a dispatcher raised them on purpose (undici's codes: a refused header). */
function isProgrammingError(err: Error): boolean {
  if (String((err as NodeJS.ErrnoException).code ?? '').startsWith('UND_ERR')) return false;
  return err instanceof TypeError || err instanceof RangeError || err instanceof ReferenceError || err instanceof SyntaxError;
}

export function isEventStream(contentType: string): boolean {
  return contentType.startsWith('text/event-stream');
}

export function isJson(contentType: string): boolean {
  return contentType.startsWith('application/json') || contentType.includes('+json');
}
