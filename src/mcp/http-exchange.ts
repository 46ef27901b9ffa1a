import type { Dispatcher } from 'undici';
import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';
import { TransportError, toTransportError } from './errors.ts';
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
const STATUS_LINE = 17; // "HTTP/1.1 200 OK\r\n", close enough for accounting
const utf8 = new TextDecoder();

/**
 * One HTTP request on an undici dispatcher (or an H1Connection), observed at the wire: status, time to first byte,
 * bytes both ways and the reply (buffered, or parsed as SSE while it streams).
 *
 * It implements undici's raw handler interface (the one its HTTP/1.1 client calls directly) rather
 * than `request()` or the wrapped handler API: no stream, no header object per response, which
 * keeps the load engine's hot path lean.
 */
export class HttpExchange implements Dispatcher.DispatchHandler {
  readonly record: HttpRecord;
  private readonly req: ExchangeRequest;
  private readonly startedAt: number;
  private abortRequest: ((err?: Error) => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private status = 0;
  private contentType = '';
  private sessionId: string | undefined;
  private chunks: Buffer[] = [];
  private received = 0;
  private sse: EventSourceParser | null = null;
  private sseDecoder: TextDecoder | null = null;
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

  constructor(dispatcher: Pick<Dispatcher, 'dispatch'>, origin: string, req: ExchangeRequest) {
    this.req = req;
    this.startedAt = performance.now();
    const bodyBytes = req.body === undefined ? 0 : Buffer.byteLength(req.body);
    const headerBytes = req.method.length + req.path.length + 13 + origin.length + headerListBytes(req.headers);
    this.record = {
      method: req.method,
      status: 0,
      ttfbMs: -1,
      durationMs: 0,
      bytesSent: headerBytes + bodyBytes + 2,
      bytesReceived: 0,
      purpose: req.purpose,
      failed: false,
      heldOpen: false,
    };
    this.reply = new Promise<ExchangeReply>((resolve, reject) => {
      this.resolveReply = resolve;
      this.rejectReply = reject;
    });
    if (req.timeoutMs > 0) {
      this.timer = setTimeout(onDeadline, req.timeoutMs, this);
    }
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

  /** The `Mcp-Session-Id` the response carried, once its headers arrived. */
  get responseSessionId(): string | undefined {
    return this.sessionId;
  }

  /** Ends the exchange early (the caller has what it waited for, or gives up). */
  abort(err: TransportError): void {
    if (this.abortRequest) this.abortRequest(err);
    else this.pendingAbort = err;
    this.fail(err);
  }

  /** The caller has its answer: the rest of the stream may take its time. */
  clearDeadline(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  /**
   * The caller has its answer from this SSE reply: the rest of the stream gets `graceMs` to end,
   * after which it is closed, marked `heldOpen` and the reply resolved as it stands. A server
   * need not close the stream (the spec says SHOULD), but one held open would hold the call.
   */
  endAfter(graceMs: number): void {
    if (this.settled) return;
    this.clearDeadline();
    this.timer = setTimeout(onGraceOver, graceMs, this);
  }

  /** The grace after the answer passed with the stream still open (called by the timer). */
  cutHeldOpen(): void {
    this.timer = null;
    if (this.settled) return;
    this.record.heldOpen = true;
    this.complete();
    const cut = new TransportError('closed', 'reply stream held open after its response; closed by mcp-load');
    if (this.abortRequest) this.abortRequest(cut);
    else this.pendingAbort = cut;
  }

  /** The deadline passed (called by the timer, with no closure per exchange). */
  expire(): void {
    this.timer = null;
    const stage = this.status === 0 ? 'no response' : (this.req.awaiting ?? 'response incomplete');
    this.abort(new TransportError('timeout', `${this.req.method} timed out after ${this.req.timeoutMs} ms (${stage})`));
  }

  // --- undici handler callbacks -------------------------------------------------------------

  onConnect(abort: (err?: Error) => void): void {
    this.abortRequest = abort;
    if (this.pendingAbort) abort(this.pendingAbort);
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[] | string[] | null, _resume: () => void): boolean {
    if (statusCode < 200) return true; // 1xx informational
    this.status = statusCode;
    this.record.status = statusCode;
    this.record.ttfbMs = performance.now() - this.startedAt;
    let bytes = STATUS_LINE;
    if (rawHeaders) {
      for (let i = 0; i < rawHeaders.length; i += 2) {
        const name = rawHeaders[i];
        const value = rawHeaders[i + 1];
        bytes += name.length + value.length + CRLF_COLON_SPACE;
        // Header names are short: compare by length first, then case-insensitively.
        if (name.length === 12 && name.toString().toLowerCase() === 'content-type') this.contentType = value.toString();
        else if (name.length === 14 && name.toString().toLowerCase() === 'mcp-session-id') this.sessionId = value.toString();
        else if (statusCode >= 300) this.noteRefusalHeader(name.toString().toLowerCase(), value.toString());
      }
    }
    this.record.bytesReceived += bytes;
    if (this.timer && this.req.deadlineOnHeadersOnly) this.clearDeadline();
    this.req.onStatus?.(statusCode);
    if (this.req.onEvent && statusCode >= 200 && statusCode < 300 && isEventStream(this.contentType)) {
      this.sseDecoder = new TextDecoder();
      const onEvent = this.req.onEvent;
      const maxBytes = this.req.maxBytes;
      this.sse = createParser({
        // The parser bounds only what it buffers across chunks; an event that arrived whole is checked here.
        onEvent: (event) => {
          if (this.record.failed) return;
          if (event.id !== undefined) this.lastEventId = event.id;
          if (event.data.length > maxBytes) this.abort(this.eventTooLarge());
          else onEvent(event);
        },
        onRetry: (ms) => {
          this.retryMs = ms;
        },
        maxBufferSize: maxBytes,
        onError: (err) => {
          // Unknown fields and bad retry values are ignored, as EventSource does; a runaway event is not.
          if (err.type === 'max-buffer-size-exceeded') this.abort(this.eventTooLarge());
        },
      });
    }
    return true;
  }

  /** What a refusal says about what to do next: where a redirect points, when to retry. */
  private noteRefusalHeader(name: string, value: string): void {
    if (name === 'location') this.record.location = value.slice(0, 500);
    else if (name === 'retry-after') {
      const seconds = Number(value);
      const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
      if (Number.isFinite(ms) && ms >= 0) this.record.retryAfterMs = ms;
    }
  }

  onData(chunk: Buffer): boolean {
    this.record.bytesReceived += chunk.length;
    this.received += chunk.length;
    if (this.settled) return true;
    if (this.sse) {
      // SSE streams may live long; only a runaway single event is bounded (by the parser's buffer).
      this.sse.feed(this.sseDecoder!.decode(chunk, { stream: true }));
      return true;
    }
    if (this.received > this.req.maxBytes) {
      this.abort(new TransportError('too_large', `response body exceeds ${this.req.maxBytes} bytes; aborted`, this.status));
      return false;
    }
    this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    this.complete();
  }

  onError(err: Error): void {
    // A TypeError and its kin thrown inside a callback or our connection is our bug, not the server's.
    this.fail(isProgrammingError(err) ? err : toTransportError(err, `${this.req.method} request failed`));
  }

  private complete(): void {
    this.clearDeadline();
    if (this.settled) return;
    this.settled = true;
    this.record.durationMs = performance.now() - this.startedAt;
    if (this.sse) this.sse.feed(this.sseDecoder!.decode());
    const chunks = this.chunks;
    const body = chunks.length === 0 ? '' : chunks.length === 1 ? utf8.decode(chunks[0]) : utf8.decode(Buffer.concat(chunks));
    this.chunks = [];
    this.resolveReply({
      status: this.status,
      contentType: this.contentType,
      sessionId: this.sessionId,
      body,
      isEventStream: this.sse !== null,
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
    this.record.failed = true;
    this.record.durationMs = performance.now() - this.startedAt;
    // A connection that never opened carried nothing: data_sent counts bytes written, not bytes meant.
    if (err instanceof TransportError && err.reason === 'connect') this.record.bytesSent = 0;
    this.rejectReply(err);
  }
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

function onDeadline(exchange: HttpExchange): void {
  exchange.expire();
}

function onGraceOver(exchange: HttpExchange): void {
  exchange.cutHeldOpen();
}

export function isEventStream(contentType: string): boolean {
  return contentType.startsWith('text/event-stream');
}

export function isJson(contentType: string): boolean {
  return contentType.startsWith('application/json') || contentType.includes('+json');
}
