/**
 * Tells, without building the reply's objects, whether a JSON-RPC message is the plain successful
 * answer to request `id`: one object, `"jsonrpc":"2.0"`, `"id"` written exactly as `id`, a
 * `"result"` object whose own `isError` is absent or `false`, no `error` and no `method`. The whole
 * text is validated as JSON on the way (what `JSON.parse` refuses, this refuses).
 *
 * Used when nothing reads the result of a call (no check reads it): its outcome is all that
 * counts. Any other shape (a batch, an error, `isError` not plainly false, a duplicate or escaped
 * key among those, an id written another way, a message that is not ours) answers false, and the
 * caller parses the text whole as before: the scan can only confirm the common case, never decide
 * another one.
 */
export function isPlainSuccess(text: string, id: number): boolean {
  if (lastSuccess.matches(text, id)) return true;
  const scan = new Scan(text);
  try {
    if (!(scan.topLevel(id) && scan.atEnd())) return false;
  } catch {
    return false; // not JSON: the full parse reports it
  }
  lastSuccess.remember(text, scan.idStart, scan.idEnd);
  return true;
}

/**
 * The last text the scan confirmed, cut around its id. A server answers a tool's calls with the
 * same text but for the id, so a reply that is that text with our id in its place (written as plain
 * digits) is a plain success too: the rest was validated byte for byte, and one plain-digit number
 * in place of another changes neither the JSON's validity nor its structure. Anything else is scanned.
 */
class LastSuccess {
  private prefix = '';
  private suffix = '';
  private known = false;

  matches(text: string, id: number): boolean {
    if (!this.known) return false;
    const start = this.prefix.length;
    const end = text.length - this.suffix.length;
    if (end <= start || !text.startsWith(this.prefix) || !text.endsWith(this.suffix)) return false;
    // The id as sent: plain digits, no leading zero, exactly the span between the two.
    if (text.charCodeAt(start) === ZERO && end > start + 1) return false;
    let value = 0;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c < ZERO || c > NINE) return false;
      value = value * 10 + (c - ZERO);
    }
    return value === id;
  }

  remember(text: string, idStart: number, idEnd: number): void {
    // A long reply is not kept alive for this: past the bound, every reply is scanned.
    this.known = text.length <= MAX_REMEMBERED;
    this.prefix = this.known ? text.slice(0, idStart) : '';
    this.suffix = this.known ? text.slice(idEnd) : '';
  }
}

const MAX_REMEMBERED = 64 * 1024;
const lastSuccess = new LastSuccess();

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

/** Thrown on text JSON.parse would refuse; one instance, never shown. */
const INVALID = new Error('invalid JSON');

/** Nested values are skipped by recursion; deeper than this the scan declines and the caller parses. */
const MAX_DEPTH = 512;

class Scan {
  private i = 0;
  /** Where the top-level id's digits start and end, once they matched. */
  idStart = 0;
  idEnd = 0;

  constructor(private readonly s: string) {}

  /** The top-level object: its keys that decide the outcome, every value validated. */
  topLevel(id: number): boolean {
    this.space();
    if (this.s.charCodeAt(this.i) !== OPEN_BRACE) return false; // a batch, or not an object
    this.i++;
    let sawJsonrpc = false;
    let sawId = false;
    let sawResult = false;
    this.space();
    if (this.s.charCodeAt(this.i) === CLOSE_BRACE) return false;
    for (;;) {
      const key = this.key();
      if (key === KEY_JSONRPC) {
        if (sawJsonrpc || !this.isString20()) return false;
        sawJsonrpc = true;
      } else if (key === KEY_ID) {
        if (sawId || !this.isId(id)) return false;
        sawId = true;
      } else if (key === KEY_RESULT) {
        if (sawResult || !this.result()) return false;
        sawResult = true;
      } else if (key === KEY_DECLINED || key === KEY_ESCAPED) {
        return false;
      } else {
        this.value(0);
      }
      this.space();
      const c = this.s.charCodeAt(this.i++);
      if (c === CLOSE_BRACE) return sawJsonrpc && sawId && sawResult;
      if (c !== COMMA) throw INVALID;
      this.space();
    }
  }

  atEnd(): boolean {
    this.space();
    return this.i === this.s.length;
  }

  /** The result object: its own `isError` must be absent or `false`. */
  private result(): boolean {
    this.space();
    if (this.s.charCodeAt(this.i) !== OPEN_BRACE) return false;
    this.i++;
    this.space();
    if (this.s.charCodeAt(this.i) === CLOSE_BRACE) {
      this.i++;
      return true;
    }
    let sawIsError = false;
    for (;;) {
      const key = this.key();
      if (key === KEY_IS_ERROR) {
        this.space();
        if (sawIsError || !this.s.startsWith('false', this.i)) return false;
        this.i += 5;
        sawIsError = true;
      } else if (key === KEY_ESCAPED) {
        return false; // might spell isError
      } else {
        this.value(1);
      }
      this.space();
      const c = this.s.charCodeAt(this.i++);
      if (c === CLOSE_BRACE) return true;
      if (c !== COMMA) throw INVALID;
      this.space();
    }
  }

  /** A member's key (which of the few that matter, with no string made) and its colon. */
  private key(): number {
    const s = this.s;
    if (s.charCodeAt(this.i) !== QUOTE) throw INVALID;
    const start = this.i + 1;
    const escaped = this.string();
    const length = this.i - 1 - start;
    // By length and first letter before any comparison of the rest: most keys are none of these.
    const first = s.charCodeAt(start);
    let key = KEY_OTHER;
    if (escaped) key = KEY_ESCAPED;
    else if (length === 2) key = first === 0x69 && s.charCodeAt(start + 1) === 0x64 ? KEY_ID : KEY_OTHER;
    else if (length === 7 && first === 0x6a /* j */) key = s.startsWith('jsonrpc', start) ? KEY_JSONRPC : KEY_OTHER;
    else if (length === 7 && first === 0x69 /* i */) key = s.startsWith('isError', start) ? KEY_IS_ERROR : KEY_OTHER;
    else if (length === 6 && first === 0x72 /* r */) key = s.startsWith('result', start) ? KEY_RESULT : KEY_OTHER;
    else if (length === 6 && first === 0x6d /* m */) key = s.startsWith('method', start) ? KEY_DECLINED : KEY_OTHER;
    else if (length === 5 && first === 0x65 /* e */) key = s.startsWith('error', start) ? KEY_DECLINED : KEY_OTHER;
    this.space();
    if (s.charCodeAt(this.i++) !== COLON) throw INVALID;
    this.space();
    return key;
  }

  /** Whether the next value is the string "2.0", written without escapes. */
  private isString20(): boolean {
    if (!this.s.startsWith('"2.0"', this.i)) return false;
    this.i += 5;
    return true;
  }

  /** Whether the next value is the number `id` written as plain digits (as sent); anything else is for the parse to judge. */
  private isId(id: number): boolean {
    const s = this.s;
    const start = this.i;
    let value = 0;
    let i = start;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c < ZERO || c > NINE) break;
      value = value * 10 + (c - ZERO);
      i++;
    }
    if (i === start || (s.charCodeAt(start) === ZERO && i > start + 1)) return false;
    const next = s.charCodeAt(i);
    if (next === DOT || next === 0x65 || next === 0x45) return false; // 7.0, 7e0: the same number, written otherwise
    this.i = i;
    this.idStart = start;
    this.idEnd = i;
    return value === id;
  }

  /** Skips one value of any kind, validating it; `depth` counts the objects and arrays it is in. */
  private value(depth: number): void {
    const s = this.s;
    const c = s.charCodeAt(this.i);
    if (c === QUOTE) this.string();
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.container(depth + 1);
    else if (c === MINUS || (c >= ZERO && c <= NINE)) this.skipNumber();
    else if (c === 0x74 /* t */ && s.startsWith('true', this.i)) this.i += 4;
    else if (c === 0x66 /* f */ && s.startsWith('false', this.i)) this.i += 5;
    else if (c === 0x6e /* n */ && s.startsWith('null', this.i)) this.i += 4;
    else throw INVALID;
  }

  private container(depth: number): void {
    if (depth > MAX_DEPTH) throw INVALID;
    const s = this.s;
    const isObject = s.charCodeAt(this.i) === OPEN_BRACE;
    const close = isObject ? CLOSE_BRACE : CLOSE_BRACKET;
    this.i++;
    this.space();
    if (s.charCodeAt(this.i) === close) {
      this.i++;
      return;
    }
    for (;;) {
      if (isObject) {
        if (s.charCodeAt(this.i) !== QUOTE) throw INVALID;
        this.string();
        this.space();
        if (s.charCodeAt(this.i++) !== COLON) throw INVALID;
        this.space();
      }
      this.value(depth);
      this.space();
      const c = s.charCodeAt(this.i++);
      if (c === close) return;
      if (c !== COMMA) throw INVALID;
      this.space();
    }
  }

  /** Skips a string from its opening quote to past its closing one; true when it had escapes. */
  private string(): boolean {
    const s = this.s;
    const n = s.length;
    let i = this.i + 1;
    let escaped = false;
    let plain = 0;
    for (;;) {
      if (i >= n) throw INVALID;
      const c = s.charCodeAt(i);
      if (c === QUOTE) break;
      if (c < 0x20) throw INVALID; // JSON strings hold no raw control characters
      if (c === BACKSLASH) {
        escaped = true;
        plain = 0;
        const e = s.charCodeAt(i + 1);
        if (e === 0x75 /* u */) {
          for (let k = i + 2; k < i + 6; k++) if (!isHex(s.charCodeAt(k))) throw INVALID;
          i += 6;
          continue;
        }
        // " \ / b f n r t
        if (e !== QUOTE && e !== BACKSLASH && e !== 0x2f && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74) throw INVALID;
        i += 2;
        continue;
      }
      i++;
      // A long run of text (a tool's output) is skipped by the regular expression engine's compiled loop.
      if (++plain === LONG_RUN) {
        PLAIN_RUN.lastIndex = i;
        PLAIN_RUN.test(s);
        i = PLAIN_RUN.lastIndex;
        plain = 0;
      }
    }
    this.i = i + 1;
    return escaped;
  }

  /** -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
  private skipNumber(): void {
    const s = this.s;
    let i = this.i;
    if (s.charCodeAt(i) === MINUS) i++;
    const first = s.charCodeAt(i);
    if (first === ZERO) i++;
    else if (first > ZERO && first <= NINE) i = digits(s, i);
    else throw INVALID;
    if (s.charCodeAt(i) === DOT) {
      const after = digits(s, i + 1);
      if (after === i + 1) throw INVALID;
      i = after;
    }
    const e = s.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      i++;
      const sign = s.charCodeAt(i);
      if (sign === PLUS || sign === MINUS) i++;
      const after = digits(s, i);
      if (after === i) throw INVALID;
      i = after;
    }
    this.i = i;
  }

  /** JSON's whitespace: space, tab, line feed, carriage return (nothing else). */
  private space(): void {
    const s = this.s;
    let i = this.i;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
    this.i = i;
  }
}

/** Characters a string may hold as they are; after LONG_RUN of them in a row the rest of the run is skipped at once. */
const PLAIN_RUN = /[^"\\\u0000-\u001f]*/y;
const LONG_RUN = 32;

const KEY_OTHER = 0;
const KEY_JSONRPC = 1;
const KEY_ID = 2;
const KEY_RESULT = 3;
const KEY_IS_ERROR = 4;
/** `error` or `method`: not a plain success. */
const KEY_DECLINED = 5;
/** A key spelled with escapes: it may decode to one that decides the outcome, so the scan gives up. */
const KEY_ESCAPED = 6;

function digits(s: string, i: number): number {
  for (;;) {
    const c = s.charCodeAt(i);
    if (c >= ZERO && c <= NINE) i++;
    else return i;
  }
}

function isHex(c: number): boolean {
  return (c >= ZERO && c <= NINE) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
