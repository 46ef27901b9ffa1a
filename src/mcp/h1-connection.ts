import net from 'node:net';
import tls from 'node:tls';
import type { Dispatcher } from 'undici';
import { H1ResponseParser, type H1Headers, type H1ResponseSink } from './h1-response-parser.ts';

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

/** A handler that knows when its request began (performance.now()), as HttpExchange does: the idle check reads no clock of its own. */
interface TimedDispatchHandler extends Dispatcher.DispatchHandler {
  readonly startedAt?: number;
}

/**
 * One request and its undici DispatchController, one object per request: the handler pauses,
 * resumes or aborts the request through it, and reads its byte counts from it.
 */
class Pending implements Dispatcher.DispatchController, SocketByteCounts {
  settled = false;
  bytesWritten = 0;
  bytesRead = 0;
  endedAt = 0;
  private pausedFlag = false;
  private abortReason: Error | null = null;

  constructor(
    readonly connection: H1Connection,
    readonly options: Dispatcher.DispatchOptions,
    readonly handler: Dispatcher.DispatchHandler,
  ) {}

  get aborted(): boolean {
    return this.abortReason !== null;
  }

  get paused(): boolean {
    return this.pausedFlag;
  }

  get reason(): Error | null {
    return this.abortReason;
  }

  /** The socket is not read past the chunk being delivered until `resume()`. */
  pause(): void {
    this.pausedFlag = true;
  }

  resume(): void {
    if (!this.pausedFlag) return;
    this.pausedFlag = false;
    this.connection.resumeReading(this);
  }

  abort(reason?: Error): void {
    if (this.abortReason !== null) return;
    this.abortReason = reason ?? closedError('UND_ERR_ABORTED', 'request aborted');
    this.connection.abortRequest(this, this.abortReason);
  }
}

const sharedReadBuffer = Buffer.allocUnsafe(64 * 1024);
/** Dropped this long before the server's own keep-alive timeout, as undici does, to avoid the race. */
const KEEP_ALIVE_MARGIN_MS = 2000;
const UNSAFE_HEADER_TEXT = /[\r\n\0]/;
/** Header lists already checked and serialized (the transport reuses its lists while a session's state holds). */
const headerBlocks = new WeakMap<object, string>();

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
export class H1Connection implements SessionConnection, H1ResponseSink {
  private readonly host: string;
  private readonly port: number;
  private readonly secure: boolean;
  private readonly hostHeader: string;
  private readonly keepAliveTimeoutMs: number;
  private readonly tlsOptions: tls.ConnectionOptions | undefined;
  private readonly parser = new H1ResponseParser(this);
  private readonly queue: Pending[] = [];
  private socket: net.Socket | null = null;
  private current: Pending | null = null;
  private idleSince = 0;
  private idleLimitMs: number;
  private idleTimer: NodeJS.Timeout | null = null;
  private closing: (() => void) | null = null;
  private closed: Promise<void> | null = null;
  private destroyed = false;
  /** The socket's reads are stopped because a handler paused its request. */
  private readingPaused = false;
  /** The request being started, as serialize() wrote it. */
  private head = '';
  private body: string | Buffer | null = null;
  private bodyBytes = 0;
  /** The last request head's start (request line, host, headers) and what it was made from. */
  private prefixOf: { headers: unknown; method: string; path: string; prefix: string } = { headers: null, method: '', path: '', prefix: '' };

  constructor(origin: string | URL, options: H1ConnectionOptions) {
    const url = typeof origin === 'string' ? new URL(origin) : origin;
    this.secure = url.protocol === 'https:';
    this.host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    this.port = Number(url.port) || (this.secure ? 443 : 80);
    this.hostHeader = url.host;
    this.keepAliveTimeoutMs = options.keepAliveTimeoutMs;
    this.idleLimitMs = options.keepAliveTimeoutMs;
    this.tlsOptions = options.tls;
  }

  dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const pending = new Pending(this, options, handler);
    if (this.destroyed || this.closing) {
      pending.settled = true;
      const err = closedError(this.destroyed ? 'UND_ERR_DESTROYED' : 'UND_ERR_CLOSED', 'the connection is closed');
      process.nextTick(() => handler.onResponseError?.(pending, err));
      return false;
    }
    handler.onRequestStart?.(pending, NO_CONTEXT);
    if (pending.settled) return true;
    // Behind queued requests even when none is in flight (one failed and the next starts a tick later).
    if (this.current === null && this.queue.length === 0) this.start(pending);
    else this.queue.push(pending);
    return true;
  }

  close(): Promise<void> {
    if (this.destroyed) return Promise.resolve();
    if (this.closed) return this.closed; // a second close() waits for the same end
    if (this.current === null && this.queue.length === 0) {
      this.destroyed = true;
      this.dropSocket();
      return Promise.resolve();
    }
    this.closed = new Promise((resolve) => {
      this.closing = () => {
        this.destroyed = true;
        this.dropSocket();
        resolve();
      };
    });
    return this.closed;
  }

  destroy(err?: Error | null): Promise<void> {
    this.destroyed = true;
    const reason = err ?? closedError('UND_ERR_DESTROYED', 'the connection was destroyed');
    const pending = this.current === null ? this.queue.splice(0) : [this.current, ...this.queue.splice(0)];
    this.current = null;
    this.dropSocket();
    for (const p of pending) this.settleWithError(p, reason);
    const closing = this.closing;
    this.closing = null;
    closing?.();
    return Promise.resolve();
  }

  // --- parser sink: the current request's response ------------------------------------------

  onHead(status: number, headers: H1Headers): void {
    const pending = this.current;
    pending?.handler.onResponseStart?.(pending, status, headers, '');
  }

  onBody(chunk: Buffer): void {
    // A view of the shared read buffer, valid during the call only: a handler that keeps it copies
    // it (HttpExchange decodes it at once, and copies only a chunk that ends a character halfway).
    const pending = this.current;
    pending?.handler.onResponseData?.(pending, chunk);
  }

  onEnd(): void {
    // Completion is handled once the parser returns (see onSocketData), so that nothing starts
    // the next request while the parser is still inside this chunk.
  }

  // --- internals -----------------------------------------------------------------------------

  private start(pending: Pending): void {
    this.current = pending;
    const failure = this.serialize(pending.options);
    if (failure !== null) {
      this.failCurrent(failure, false); // before connecting: nothing reaches the server
      return;
    }
    const reusable = this.socket !== null && !this.socket.destroyed && this.socket.writable && !this.idleTooLong(pending);
    const socket = reusable ? this.socket! : this.connect();
    this.parser.reset(pending.options.method === 'HEAD');
    const head = this.head;
    const body = this.body;
    const bodyBytes = this.bodyBytes;
    this.body = null; // not kept past its write
    pending.bytesWritten = head.length + bodyBytes; // latin1: one byte per character
    if (this.readingPaused) this.resumeSocket(socket); // left paused by the previous request's handler
    if (body === null) {
      socket.write(head, 'latin1');
    } else if (typeof body === 'string' && body.length === bodyBytes) {
      socket.write(head + body, 'latin1'); // ASCII: one string, one write
    } else {
      socket.cork();
      socket.write(head, 'latin1');
      socket.write(body);
      socket.uncork();
    }
  }

  /**
   * Sets the request line and headers (`head`), the body and its length in bytes for `options`;
   * an Error for a header that would break framing. The head up to its length line is made once
   * for a run of requests with the same method, path and header list (a session's calls).
   */
  private serialize(options: Dispatcher.DispatchOptions): Error | null {
    let prefix: string;
    if (options.headers === this.prefixOf.headers && options.method === this.prefixOf.method && options.path === this.prefixOf.path) {
      prefix = this.prefixOf.prefix;
    } else {
      const block = headerBlock(headerList(options.headers));
      if (block instanceof Error) return block;
      // A configured Host replaces the origin's: two would be a 400 at nginx or Go.
      const host = block.startsWith('host: ') ? '' : `host: ${this.hostHeader}\r\n`;
      prefix = `${options.method} ${options.path} HTTP/1.1\r\n${host}${block}`;
      // Header lists are taken as unchanging once sent (as headerBlock does); an object may change between requests.
      if (Array.isArray(options.headers)) this.prefixOf = { headers: options.headers, method: options.method, path: options.path, prefix };
    }
    const body = options.body;
    if (typeof body === 'string' || Buffer.isBuffer(body)) {
      const bytes = Buffer.byteLength(body);
      this.head = `${prefix}content-length: ${bytes}\r\n\r\n`;
      this.body = body;
      this.bodyBytes = bytes;
      return null;
    }
    if (body !== null && body !== undefined) return new TypeError('H1Connection sends string or Buffer bodies only');
    const expectsBody = options.method === 'POST' || options.method === 'PUT' || options.method === 'PATCH';
    this.head = expectsBody ? `${prefix}content-length: 0\r\n\r\n` : `${prefix}\r\n`;
    this.body = null;
    this.bodyBytes = 0;
    return null;
  }

  private connect(): net.Socket {
    this.dropSocket();
    const socket: net.Socket = this.secure
      ? tls.connect({
          host: this.host,
          port: this.port,
          servername: net.isIP(this.host) ? undefined : this.host,
          ALPNProtocols: ['http/1.1'],
          ...this.tlsOptions,
        })
      : net.connect({
          host: this.host,
          port: this.port,
          // Plain sockets read straight into one shared buffer, past the stream machinery: every
          // read is parsed (and any body bytes copied out) before the next one can happen.
          onread: {
            buffer: sharedReadBuffer,
            // Returning false pauses the socket: the kernel buffer fills and TCP pushes back on the server.
            callback: (n: number, buf: Uint8Array): boolean => this.onSocketData(socket, (buf as Buffer).subarray(0, n)),
          },
        });
    socket.setNoDelay(true);
    if (this.secure) socket.on('data', (chunk: Buffer) => this.onSocketData(socket, chunk) || socket.pause());
    this.readingPaused = false;
    socket.on('error', (err) => this.onSocketGone(socket, err));
    // 'end' (the server's FIN) comes a tick before 'close': a request must not be written in between.
    socket.on('end', () => this.onSocketGone(socket, null));
    socket.on('close', () => this.onSocketGone(socket, null));
    this.socket = socket;
    this.idleLimitMs = this.keepAliveTimeoutMs;
    return socket;
  }

  /** Parses what the socket read; false when the current request's handler paused it (stop reading). */
  private onSocketData(socket: net.Socket, chunk: Buffer): boolean {
    if (socket !== this.socket) return true;
    const pending = this.current;
    if (pending === null) {
      this.dropSocket(); // bytes nobody asked for: the connection cannot be trusted any more
      return true;
    }
    pending.bytesRead += chunk.length;
    let consumed: number;
    try {
      consumed = this.parser.execute(chunk);
    } catch (err) {
      if (this.current === pending) this.failCurrent(err as Error, true);
      return true;
    }
    if (this.current === pending && this.parser.done) this.completeCurrent(consumed === chunk.length);
    // A pause takes effect after the chunk in hand (at most one read) has been delivered.
    if (this.current === pending && pending.paused) {
      this.readingPaused = true;
      return false;
    }
    return true;
  }

  /** The current request's handler resumed: read the socket again. */
  resumeReading(pending: Pending): void {
    if (pending === this.current && this.readingPaused && this.socket !== null) this.resumeSocket(this.socket);
  }

  private resumeSocket(socket: net.Socket): void {
    this.readingPaused = false;
    socket.resume(); // restarts the handle's reads whether onread or pause() stopped them
  }

  private onSocketGone(socket: net.Socket, err: Error | null): void {
    if (socket !== this.socket) return;
    const pending = this.current;
    if (pending === null) {
      this.dropSocket(); // the server closed an idle connection; the next request opens a new one
      return;
    }
    if (err === null) {
      try {
        this.parser.close(); // a body that runs until the connection ends is complete now
      } catch {
        err = closedError('UND_ERR_SOCKET', 'other side closed');
      }
    }
    if (err !== null) this.failCurrent(err, true);
    else if (this.current === pending) this.completeCurrent(false);
  }

  private completeCurrent(reusable: boolean): void {
    const pending = this.current!;
    this.current = null;
    pending.endedAt = performance.now();
    if (reusable && this.parser.keepAlive) this.markIdle(pending.endedAt);
    else this.dropSocket();
    if (!pending.settled) {
      pending.settled = true;
      pending.handler.onResponseEnd?.(pending, NO_TRAILERS);
    }
    this.next();
  }

  private failCurrent(err: Error, dropSocket: boolean): void {
    const pending = this.current!;
    this.current = null;
    if (dropSocket) this.dropSocket();
    this.settleWithError(pending, err);
    process.nextTick(() => this.next());
  }

  /** The handler aborted `pending` through its controller. */
  abortRequest(pending: Pending, err: Error): void {
    if (pending.settled) return;
    if (pending === this.current) {
      this.current = null;
      this.dropSocket(); // its response may still be arriving: the socket cannot be reused
      process.nextTick(() => this.next());
    } else {
      const index = this.queue.indexOf(pending);
      if (index >= 0) this.queue.splice(index, 1);
    }
    this.settleWithError(pending, err);
  }

  private settleWithError(pending: Pending, err: Error): void {
    if (pending.settled) return;
    pending.settled = true;
    pending.handler.onResponseError?.(pending, err);
  }

  private next(): void {
    if (this.current !== null) return;
    const pending = this.queue.shift();
    if (pending) this.start(pending);
    else if (this.closing) {
      const closing = this.closing;
      this.closing = null;
      closing();
    }
  }

  /**
   * The idle timer fires late when the event loop is starved, and a socket idle past the server's
   * keep-alive timeout may already be closed on its side: checked again when the socket is reused.
   */
  private idleTooLong(pending: Pending): boolean {
    // A queued request starts after its handler's start, once the socket was just used: idle since is later.
    const now = (pending.handler as TimedDispatchHandler).startedAt ?? performance.now();
    if (now - this.idleSince < this.idleLimitMs) return false;
    this.dropSocket();
    return true;
  }

  /** Keeps the socket for the next request; a lazily armed timer closes it once idle too long. */
  private markIdle(now: number): void {
    const hintS = this.parser.keepAliveTimeoutS;
    if (hintS >= 0) this.idleLimitMs = Math.max(0, Math.min(this.keepAliveTimeoutMs, hintS * 1000 - KEEP_ALIVE_MARGIN_MS));
    if (this.idleLimitMs === 0) {
      this.dropSocket();
      return;
    }
    this.idleSince = now;
    if (this.idleTimer === null) this.armIdleTimer(this.idleLimitMs);
  }

  private armIdleTimer(ms: number): void {
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.socket === null || this.current !== null) return; // busy now: the next markIdle re-arms
      const idleFor = performance.now() - this.idleSince;
      if (idleFor >= this.idleLimitMs) this.dropSocket();
      else this.armIdleTimer(this.idleLimitMs - idleFor);
    }, ms);
    this.idleTimer.unref();
  }

  private dropSocket(): void {
    const socket = this.socket;
    this.socket = null;
    if (this.idleTimer !== null) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
    socket?.destroy();
  }
}

const NO_TRAILERS: H1Headers = Object.freeze(Object.create(null));
/** undici passes retry history here; one request on one connection has none. */
const NO_CONTEXT = Object.freeze({});

const NO_HEADERS: readonly string[] = Object.freeze([]);

/** Dispatch options' headers as the flat [name, value…] list the transports pass (objects are rare here). */
function headerList(headers: Dispatcher.DispatchOptions['headers']): readonly string[] {
  if (Array.isArray(headers)) return headers as string[];
  if (!headers) return NO_HEADERS;
  return Object.entries(headers as Record<string, unknown>).flatMap(([name, value]) => [name, String(value)]);
}

/**
 * The header lines of a list, a configured Host first, checked and serialized once per list (the
 * transports reuse their lists); an Error for a name or value that would break framing.
 */
function headerBlock(list: readonly string[]): string | Error {
  let block = headerBlocks.get(list);
  if (block !== undefined) return block;
  for (const text of list) if (UNSAFE_HEADER_TEXT.test(text)) return invalidHeader(list, text);
  let host = '';
  block = '';
  for (let i = 0; i < list.length; i += 2) {
    if (isHost(list[i])) host ||= `host: ${list[i + 1]}\r\n`;
    else block += `${list[i]}: ${list[i + 1]}\r\n`;
  }
  block = host + block; // as undici does
  headerBlocks.set(list, block);
  return block;
}

function isHost(name: string): boolean {
  return name.length === 4 && name.toLowerCase() === 'host';
}

function closedError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

function invalidHeader(list: readonly string[], text: string): TypeError {
  const index = list.indexOf(text);
  const name = index % 2 === 0 ? text : list[index - 1];
  // undici's code for the same refusal: a bad value, not a bug in the connection.
  return Object.assign(new TypeError(`invalid header ${JSON.stringify(name)}: line breaks and NUL are not allowed in header names or values`), {
    code: 'UND_ERR_INVALID_ARG',
  });
}
