/**
 * An incremental HTTP/1.1 response parser for one keep-alive connection: status line and headers,
 * then a body framed by Content-Length, chunked transfer coding, or the end of the connection
 * (RFC 9112 §6.3). Bytes may arrive split anywhere.
 *
 * It exists for the load engine's hot path (see H1Connection): a reply is parsed with one
 * string slice for the head and zero-copy views for the body.
 */

/** Header names lowercased, values trimmed; a repeated header's values in an array, as undici gives them. */
export type H1Headers = Record<string, string | string[]>;

export interface H1ResponseSink {
  /** The final head (1xx heads are skipped); `headers` has no prototype, so no name can reach one. */
  onHead(status: number, headers: H1Headers): void;
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
/** Longer heads are parsed every time rather than kept. */
const MAX_CACHED_HEAD_BYTES = 1024;
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

/** What a final head means for the sink and for the framing of the body after it. */
interface ParsedHead {
  status: number;
  /** Frozen, arrays included. */
  headers: H1Headers;
  contentLength: number;
  chunked: boolean;
  otherCoding: boolean;
  /** Whether the connection may be reused, from the version and Connection tokens. */
  keepAlive: boolean;
  keepAliveTimeoutS: number;
}

interface CachedHead extends ParsedHead {
  /** The head as received, up to (not including) the CRLFCRLF that ends it. */
  bytes: Buffer;
}

export class H1ResponseParser {
  /** Whether the connection may carry another request after this response. */
  keepAlive = true;
  /** Seconds from the server's `Keep-Alive: timeout=N`, or -1 when it gave none (`timeout=0` means: do not reuse). */
  keepAliveTimeoutS = -1;
  private readonly sink: H1ResponseSink;
  private state = State.Done;
  private head: Buffer | null = null;
  private remaining = 0;
  private line = '';
  private noBody = false;
  /**
   * The last final head, kept to be recognised: a connection's replies usually repeat their head
   * byte for byte (the same server, the same headers; the Date changes once a second), and such a
   * head is reported again without being parsed again.
   */
  private lastHead: CachedHead | null = null;

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
    this.keepAliveTimeoutS = -1;
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
      this.head = this.head === null ? Buffer.from(buf) : buf; // a copy: the caller may reuse `data`
      return data.length;
    }
    if (end > MAX_HEAD_BYTES) throw new H1ParseError(`headers exceed ${MAX_HEAD_BYTES} bytes`);
    const consumedOfData = end + 4 - (this.head === null ? 0 : this.head.length);
    this.head = null;
    const last = this.lastHead;
    if (last !== null && last.bytes.length === end && buf.compare(last.bytes, 0, end, 0, end) === 0) this.apply(last);
    else {
      const parsed = this.parseHead(buf.toString('latin1', 0, end));
      // Final heads short enough are kept, with a copy of their bytes (`buf` may be a reused read buffer).
      this.lastHead = parsed !== null && end <= MAX_CACHED_HEAD_BYTES ? { ...parsed, bytes: Buffer.from(buf.subarray(0, end)) } : null;
      if (parsed !== null) this.apply(parsed);
    }
    return offset + consumedOfData;
  }

  /** The head's meaning, or null for a 1xx informational head (the real one follows). */
  private parseHead(text: string): ParsedHead | null {
    if (text.indexOf('\0') >= 0) throw new H1ParseError('NUL in the headers');
    let eol = text.indexOf('\r\n');
    if (eol < 0) eol = text.length;
    checkLineEnds(text, 0, eol);
    const status = statusOf(text, eol);
    const http10 = text.charCodeAt(7) === 48; // "HTTP/1.0"
    const headers: H1Headers = Object.create(null);
    let contentLength = -1;
    let chunked = false;
    let otherCoding = false;
    let close = false;
    let keepAlive = false;
    let keepAliveTimeoutS = -1;
    for (let pos = eol + 2; pos < text.length; pos = eol + 2) {
      eol = text.indexOf('\r\n', pos);
      if (eol < 0) eol = text.length;
      checkLineEnds(text, pos, eol);
      // A folded line is refused even when its text has a colon; so is a name with whitespace.
      if (isOws(text.charCodeAt(pos))) throw new H1ParseError('obsolete line folding in headers');
      const colon = text.indexOf(':', pos);
      if (colon <= pos || colon > eol || !isToken(text, pos, colon)) {
        throw new H1ParseError(`bad header line ${JSON.stringify(text.slice(pos, Math.min(eol, pos + 64)))}`);
      }
      const name = knownName(text, pos, colon) ?? text.slice(pos, colon).toLowerCase();
      let from = colon + 1;
      let to = eol;
      while (from < to && isOws(text.charCodeAt(from))) from++;
      while (to > from && isOws(text.charCodeAt(to - 1))) to--;
      const value = text.slice(from, to);
      const seen = headers[name];
      if (seen === undefined) headers[name] = value;
      else if (typeof seen === 'string') headers[name] = [seen, value];
      else seen.push(value);
      if (name === 'content-length') {
        const n = decimal(value);
        if (n < 0 || (contentLength >= 0 && contentLength !== n)) throw new H1ParseError(`bad content-length ${JSON.stringify(value.slice(0, 32))}`);
        contentLength = n;
      } else if (name === 'transfer-encoding') {
        const codings = value.toLowerCase();
        chunked = codings === 'chunked' || /(?:^|,)[ \t]*chunked[ \t]*$/.test(codings);
        otherCoding = !chunked;
      } else if (name === 'connection') {
        const tokens = value.toLowerCase();
        if (tokens === 'keep-alive') keepAlive = true;
        else if (tokens === 'close') close = true;
        else {
          close ||= /(?:^|,)[ \t]*close[ \t]*(?:,|$)/.test(tokens);
          keepAlive ||= /(?:^|,)[ \t]*keep-alive[ \t]*(?:,|$)/.test(tokens);
        }
      } else if (name === 'keep-alive') {
        const m = /(?:^|[\s,])timeout\s*=\s*(\d+)/i.exec(value);
        if (m) keepAliveTimeoutS = Number(m[1]);
      }
    }
    if (status < 200) {
      if (status === 101) throw new H1ParseError('unexpected protocol switch (101)');
      return null; // informational: its Keep-Alive hint does not carry over either
    }
    // Frozen: a cached head's object reaches the sink again with every reply that repeats it.
    for (const name in headers) if (typeof headers[name] !== 'string') Object.freeze(headers[name]);
    Object.freeze(headers);
    return { status, headers, contentLength, chunked, otherCoding, keepAlive: http10 ? keepAlive && !close : !close, keepAliveTimeoutS };
  }

  /** Reports a final head and sets up the framing of the body after it. */
  private apply(head: ParsedHead): void {
    this.keepAlive = head.keepAlive;
    this.keepAliveTimeoutS = head.keepAliveTimeoutS;
    this.sink.onHead(head.status, head.headers);
    if (this.noBody || head.status === 204 || head.status === 304) {
      this.finish();
    } else if (head.chunked) {
      // Both framings at once is a smuggling pattern (RFC 9112 §6.3): read it chunked, then close.
      if (head.contentLength >= 0) this.keepAlive = false;
      this.state = State.ChunkSize;
      this.line = '';
    } else if (head.otherCoding || head.contentLength < 0) {
      // No length: the body runs until the server closes the connection.
      this.keepAlive = false;
      this.state = State.UntilClose;
    } else if (head.contentLength === 0) {
      this.finish();
    } else {
      this.remaining = head.contentLength;
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

/** "HTTP/1.1 200 OK": version, a space, three digits, then a space and a reason, or nothing. */
function statusOf(text: string, eol: number): number {
  const d0 = text.charCodeAt(9) - 48;
  const d1 = text.charCodeAt(10) - 48;
  const d2 = text.charCodeAt(11) - 48;
  const ok =
    eol >= 12 &&
    text.startsWith('HTTP/1.') &&
    text.charCodeAt(8) === 32 &&
    d0 >= 1 &&
    d0 <= 9 &&
    d1 >= 0 &&
    d1 <= 9 &&
    d2 >= 0 &&
    d2 <= 9 &&
    (eol === 12 || text.charCodeAt(12) === 32);
  if (!ok) throw new H1ParseError(`bad status line ${JSON.stringify(text.slice(0, Math.min(eol, 64)))}`);
  return d0 * 100 + d1 * 10 + d2;
}

/** Lines end with CRLF: a lone CR or LF inside one would let a value smuggle a line break. */
function checkLineEnds(text: string, from: number, eol: number): void {
  const cr = text.indexOf('\r', from);
  const lf = text.indexOf('\n', from);
  if ((cr >= 0 && cr < eol) || (lf >= 0 && lf < eol)) throw new H1ParseError('stray CR or LF in the headers');
}

/** tchar (RFC 9110 §5.6.2), what a field name is made of. */
const TCHAR = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~") TCHAR[c.charCodeAt(0)] = 1;
for (let c = 48; c <= 57; c++) TCHAR[c] = 1;
for (let c = 65; c <= 90; c++) TCHAR[c] = TCHAR[c + 32] = 1;

function isToken(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || TCHAR[c] === 0) return false;
  }
  return true;
}

function isOws(code: number): boolean {
  return code === 32 || code === 9;
}

/** A non-negative decimal integer, or -1 when the text is not one (or too large to be exact). */
function decimal(text: string): number {
  if (text.length === 0 || text.length > 15) return -1;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

/** The names a reply's head usually has, lowercased: found without a string made, and used as (internalized) keys. */
const KNOWN_NAMES = [
  'date',
  'server',
  'connection',
  'keep-alive',
  'set-cookie',
  'content-type',
  'cache-control',
  'content-length',
  'mcp-session-id',
  'transfer-encoding',
];
const KNOWN_BY_LENGTH: string[][] = [];
for (const name of KNOWN_NAMES) (KNOWN_BY_LENGTH[name.length] ??= []).push(name);

/** `text[from, to)` (a token: letters, digits and tchar) as one of KNOWN_NAMES, ignoring case; undefined for another name. */
function knownName(text: string, from: number, to: number): string | undefined {
  const candidates = KNOWN_BY_LENGTH[to - from];
  if (candidates === undefined) return undefined;
  for (let c = 0; c < candidates.length; c++) {
    const name = candidates[c];
    let k = 0;
    // Lowercasing by setting bit 5 is exact for letters; '-' has it set already, and no other tchar maps onto a letter or '-'.
    while (k < name.length && (text.charCodeAt(from + k) | 0x20) === name.charCodeAt(k)) k++;
    if (k === name.length) return name;
  }
  return undefined;
}
