/**
 * Text with its escapes decoded, and where each decoded character came from: runs of literal text
 * map one to one, a decoded escape maps to the whole escape.
 */
export class Decoded {
  constructor(
    readonly text: string,
    /** Per segment: where it starts in the decoded text, where in the original, and (for an escape) where it ends there. */
    private readonly decodedStarts: number[],
    private readonly originalStarts: number[],
    private readonly escapeEnds: (number | undefined)[],
  ) {}

  /** The span of the original text that decoded characters [from, to) came from. */
  originalSpan(from: number, to: number): [number, number] {
    return [this.position(from, 'start'), this.position(to - 1, 'end')];
  }

  private position(i: number, side: 'start' | 'end'): number {
    let low = 0;
    let high = this.decodedStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.decodedStarts[mid] <= i) low = mid;
      else high = mid - 1;
    }
    const escapeEnd = this.escapeEnds[low];
    if (escapeEnd !== undefined) return side === 'start' ? this.originalStarts[low] : escapeEnd;
    const original = this.originalStarts[low] + (i - this.decodedStarts[low]);
    return side === 'start' ? original : original + 1;
  }
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const DECIMAL_ENTITY = /&#0*(\d{1,7});/y;
const HEX_ENTITY = /&#[xX]0*([0-9a-fA-F]{1,6});/y;
const NAMED_ENTITY = /&(amp|lt|gt|quot|apos|nbsp);/y;
const PERCENT_BYTE = /%([0-9a-fA-F]{2})/y;
const JSON_UNICODE = /\\u([0-9a-fA-F]{4})/y;
const JSON_PUNCTUATION = /\\([^\w\s])/y;

/** True when `text` may hold an escape that decodeEscapes would decode. */
export function mayHoldEscapes(text: string): boolean {
  return text.includes('&') || text.includes('%') || text.includes('\\');
}

const ESCAPE_START = /[&%\\]/g;

/**
 * Decodes HTML entities (`&#95;`, `&#x5f;`, `&amp;`…), URL %-escapes (UTF-8) and JSON escapes
 * (`\u005f`, `\/`), once, keeping where each decoded character was: so that a secret written in
 * any mix of them can be found in the decoded text and replaced in the original.
 */
export function decodeEscapes(text: string): Decoded {
  const pieces: string[] = [];
  const decodedStarts: number[] = [];
  const originalStarts: number[] = [];
  const escapeEnds: (number | undefined)[] = [];
  let length = 0;
  const segment = (piece: string, originalStart: number, escapeEnd: number | undefined): void => {
    decodedStarts.push(length);
    originalStarts.push(originalStart);
    escapeEnds.push(escapeEnd);
    pieces.push(piece);
    length += piece.length;
  };
  let literalFrom = 0;
  ESCAPE_START.lastIndex = 0;
  for (let match = ESCAPE_START.exec(text); match; match = ESCAPE_START.exec(text)) {
    const i = match.index;
    const c = text[i];
    const decoded = c === '&' ? entityAt(text, i) : c === '%' ? percentAt(text, i) : jsonEscapeAt(text, i);
    if (!decoded) continue;
    if (i > literalFrom) segment(text.slice(literalFrom, i), literalFrom, undefined);
    segment(decoded.chars, i, decoded.end);
    literalFrom = decoded.end;
    ESCAPE_START.lastIndex = decoded.end;
  }
  if (literalFrom < text.length || pieces.length === 0) segment(text.slice(literalFrom), literalFrom, undefined);
  return new Decoded(pieces.join(''), decodedStarts, originalStarts, escapeEnds);
}

function at(pattern: RegExp, text: string, i: number): RegExpExecArray | null {
  pattern.lastIndex = i;
  return pattern.exec(text);
}

function fromCode(code: number): string | undefined {
  return code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

function entityAt(text: string, i: number): { chars: string; end: number } | undefined {
  const decimal = at(DECIMAL_ENTITY, text, i);
  const hex = decimal ? null : at(HEX_ENTITY, text, i);
  const named = decimal || hex ? null : at(NAMED_ENTITY, text, i);
  const match = decimal ?? hex ?? named;
  if (!match) return undefined;
  const chars = named ? NAMED[match[1]] : fromCode(parseInt(match[1], decimal ? 10 : 16));
  return chars === undefined ? undefined : { chars, end: i + match[0].length };
}

/** One UTF-8 character as %-escapes (1 to 4 bytes). */
function percentAt(text: string, i: number): { chars: string; end: number } | undefined {
  const first = at(PERCENT_BYTE, text, i);
  if (!first) return undefined;
  const lead = parseInt(first[1], 16);
  const length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
  if (length === 0) return undefined;
  const bytes = [lead];
  let end = i + 3;
  for (let k = 1; k < length; k++) {
    const next = at(PERCENT_BYTE, text, end);
    if (!next) return undefined;
    bytes.push(parseInt(next[1], 16));
    end += 3;
  }
  const chars = Buffer.from(bytes).toString('utf8');
  return chars.includes('\ufffd') ? undefined : { chars, end };
}

function jsonEscapeAt(text: string, i: number): { chars: string; end: number } | undefined {
  const unicode = at(JSON_UNICODE, text, i);
  if (unicode) return { chars: String.fromCharCode(parseInt(unicode[1], 16)), end: i + 6 };
  const punctuation = at(JSON_PUNCTUATION, text, i);
  return punctuation ? { chars: punctuation[1], end: i + 2 } : undefined;
}
