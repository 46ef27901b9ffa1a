/**
 * An incremental HTTP/1.1 response parser for one keep-alive connection: status line and headers,
 * then a body framed by Content-Length, chunked transfer coding, or the end of the connection
 * (RFC 9112 §6.3). Bytes may arrive split anywhere.
 *
 * It exists for the load engine's hot path (see H1Connection): a reply is parsed with one
 * string slice for the head and zero-copy views for the body.
 */

export interface H1ResponseSink {
  /** Header names lowercased, values trimmed: [name, value, name, value…]. 1xx heads are skipped. */
  onHead(status: number, headers: string[]): void;
  onBody(chunk: Buffer): void;
  onEnd(): void;
}

export class H1ParseError extends Error {
  readonly code = 'HPE_INVALID';
  constructor(message: string) {
    super(`invalid HTTP response: ${message}`);
    this.name = 'H1ParseError';
  }
}

/** Larger heads are refused, as undici and node do at 16 KiB; MCP heads are small. */
export const MAX_HEAD_BYTES = 64 * 1024;
const MAX_CHUNK_LINE = 4096;
const CRLFCRLF = Buffer.from('\r\n\r\n');
const LF = 10;
const CR = 13;

const enum State {
  Head,
  BodyLength,
  ChunkSize,
  ChunkData,
  ChunkDataEnd,
  Trailers,
  UntilClose,
  Done,
}

export class H1ResponseParser {
  /** Whether the connection may carry another request after this response. */
  keepAlive = true;
  /** Seconds from the server's `Keep-Alive: timeout=N`, or 0 when it gave none. */
  keepAliveTimeoutS = 0;
  private readonly sink: H1ResponseSink;
  private state = State.Done;
  private head: Buffer | null = null;
  private remaining = 0;
  private line = '';
  private noBody = false;

  constructor(sink: H1ResponseSink) {
    this.sink = sink;
  }

  /** Expects the response to a new request; `noBody` for HEAD requests. */
  reset(noBody = false): void {
    this.state = State.Head;
    this.head = null;
    this.remaining = 0;
    this.line = '';
    this.keepAlive = true;
    this.keepAliveTimeoutS = 0;
    this.noBody = noBody;
  }

  get done(): boolean {
    return this.state === State.Done;
  }

  /** Whether the response so far may be cut cleanly here (a body that runs until the connection ends). */
  get endsAtClose(): boolean {
    return this.state === State.UntilClose;
  }

  /**
   * Feeds received bytes. Returns how many were consumed: fewer than `data.length` only once the
   * response is done (the rest belongs to no request). Throws H1ParseError on malformed input.
   */
  execute(data: Buffer): number {
    let offset = 0;
    while (offset < data.length) {
      switch (this.state) {
        case State.Head:
          offset = this.readHead(data, offset);
          break;
        case State.BodyLength: {
          const n = Math.min(this.remaining, data.length - offset);
          this.remaining -= n;
          const chunk = offset === 0 && n === data.length ? data : data.subarray(offset, offset + n);
          offset += n;
          this.sink.onBody(chunk);
          if (this.remaining === 0) this.finish();
          break;
        }
        case State.ChunkSize:
          offset = this.readChunkSize(data, offset);
          break;
        case State.ChunkData: {
          const n = Math.min(this.remaining, data.length - offset);
          this.remaining -= n;
          const chunk = data.subarray(offset, offset + n);
          offset += n;
          this.sink.onBody(chunk);
          if (this.remaining === 0) {
            this.state = State.ChunkDataEnd;
            this.line = '';
          }
          break;
        }
        case State.ChunkDataEnd:
          offset = this.readChunkDataEnd(data, offset);
          break;
        case State.Trailers:
          offset = this.readTrailers(data, offset);
          break;
        case State.UntilClose:
          this.sink.onBody(offset === 0 ? data : data.subarray(offset));
          offset = data.length;
          break;
        case State.Done:
          return offset;
      }
    }
    return offset;
  }

  /** The connection ended: completes a body that runs until close, else reports the cut. */
  close(): void {
    if (this.state === State.UntilClose) this.finish();
    else if (this.state !== State.Done) throw new H1ParseError('the connection closed before the response was complete');
  }

  private finish(): void {
    this.state = State.Done;
    this.sink.onEnd();
  }

  private readHead(data: Buffer, offset: number): number {
    let buf: Buffer;
    let searchFrom: number;
    if (this.head === null) {
      buf = offset === 0 ? data : data.subarray(offset);
      searchFrom = 0;
    } else {
      searchFrom = Math.max(0, this.head.length - 3);
      buf = Buffer.concat([this.head, data.subarray(offset)]);
    }
    const end = buf.indexOf(CRLFCRLF, searchFrom);
    if (end < 0) {
      if (buf.length > MAX_HEAD_BYTES) throw new H1ParseError(`headers exceed ${MAX_HEAD_BYTES} bytes`);
      this.head = buf; // socket chunks are never reused, so a view is safe to keep
      return data.length;
    }
    if (end > MAX_HEAD_BYTES) throw new H1ParseError(`headers exceed ${MAX_HEAD_BYTES} bytes`);
    const consumedOfData = end + 4 - (this.head === null ? 0 : this.head.length);
    this.head = null;
    this.parseHead(buf.toString('latin1', 0, end));
    return offset + consumedOfData;
  }

  private parseHead(text: string): void {
    const lines = text.split('\r\n');
    const statusLine = lines[0];
    // "HTTP/1.1 200 OK": version, a space, three digits, then an optional reason.
    if (!statusLine.startsWith('HTTP/1.') || statusLine.charCodeAt(8) !== 32) throw new H1ParseError(`bad status line ${JSON.stringify(statusLine.slice(0, 64))}`);
    const status = Number(statusLine.slice(9, 12));
    if (!Number.isInteger(status) || status < 100 || status > 999 || (statusLine.length > 12 && statusLine.charCodeAt(12) !== 32)) {
      throw new H1ParseError(`bad status line ${JSON.stringify(statusLine.slice(0, 64))}`);
    }
    const http10 = statusLine.charCodeAt(7) === 48; // "HTTP/1.0"
    const headers: string[] = [];
    let contentLength = -1;
    let chunked = false;
    let otherCoding = false;
    let connection = '';
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i];
      const colon = line.indexOf(':');
      if (colon <= 0) {
        if (line.charCodeAt(0) === 32 || line.charCodeAt(0) === 9) throw new H1ParseError('obsolete line folding in headers');
        throw new H1ParseError(`bad header line ${JSON.stringify(line.slice(0, 64))}`);
      }
      const name = line.slice(0, colon).toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (value.includes('\r') || value.includes('\n') || value.includes('\0')) throw new H1ParseError(`bad value in header ${name}`);
      headers.push(name, value);
      switch (name) {
        case 'content-length': {
          const n = /^\d+$/.test(value) ? Number(value) : NaN;
          if (!Number.isSafeInteger(n) || (contentLength >= 0 && contentLength !== n)) throw new H1ParseError(`bad content-length ${JSON.stringify(value.slice(0, 32))}`);
          contentLength = n;
          break;
        }
        case 'transfer-encoding': {
          const codings = value.toLowerCase().split(',');
          const last = codings[codings.length - 1].trim();
          chunked = last === 'chunked';
          otherCoding = !chunked;
          break;
        }
        case 'connection':
          connection += `${value.toLowerCase()},`;
          break;
        case 'keep-alive': {
          const m = /(?:^|[\s,])timeout\s*=\s*(\d+)/i.exec(value);
          if (m) this.keepAliveTimeoutS = Number(m[1]);
          break;
        }
      }
    }
    if (status < 200) {
      if (status === 101) throw new H1ParseError('unexpected protocol switch (101)');
      this.keepAliveTimeoutS = 0;
      return; // informational: the real head follows
    }
    this.keepAlive = http10 ? /(?:^|[\s,])keep-alive,/.test(connection) : !/(?:^|[\s,])close,/.test(connection);
    this.sink.onHead(status, headers);
    if (this.noBody || status === 204 || status === 304) {
      this.finish();
    } else if (chunked) {
      this.state = State.ChunkSize;
      this.line = '';
    } else if (otherCoding || contentLength < 0) {
      // No length: the body runs until the server closes the connection.
      this.keepAlive = false;
      this.state = State.UntilClose;
    } else if (contentLength === 0) {
      this.finish();
    } else {
      this.remaining = contentLength;
      this.state = State.BodyLength;
    }
  }

  /** Reads up to the end of a line (LF) into `this.line`; returns the offset after it, or -1 if incomplete. */
  private readLine(data: Buffer, offset: number): number {
    const lf = data.indexOf(LF, offset);
    const end = lf < 0 ? data.length : lf;
    this.line += data.toString('latin1', offset, end);
    if (this.line.length > MAX_CHUNK_LINE) throw new H1ParseError('chunk size or trailer line too long');
    return lf < 0 ? -1 : lf + 1;
  }

  private takeLine(): string {
    const line = this.line.charCodeAt(this.line.length - 1) === CR ? this.line.slice(0, -1) : this.line;
    this.line = '';
    return line;
  }

  private readChunkSize(data: Buffer, offset: number): number {
    const next = this.readLine(data, offset);
    if (next < 0) return data.length;
    const line = this.takeLine();
    const semicolon = line.indexOf(';');
    const hex = (semicolon < 0 ? line : line.slice(0, semicolon)).trim();
    if (!/^[0-9a-fA-F]{1,12}$/.test(hex)) throw new H1ParseError(`bad chunk size ${JSON.stringify(hex.slice(0, 32))}`);
    const size = parseInt(hex, 16);
    if (size === 0) {
      this.state = State.Trailers;
    } else {
      this.remaining = size;
      this.state = State.ChunkData;
    }
    return next;
  }

  private readChunkDataEnd(data: Buffer, offset: number): number {
    const next = this.readLine(data, offset);
    if (next < 0) return data.length;
    if (this.takeLine() !== '') throw new H1ParseError('chunk data longer than its size');
    this.state = State.ChunkSize;
    return next;
  }

  private readTrailers(data: Buffer, offset: number): number {
    const next = this.readLine(data, offset);
    if (next < 0) return data.length;
    if (this.takeLine() === '') this.finish();
    return next;
  }
}
