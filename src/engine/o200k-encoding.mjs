// o200k_base token counts, identical to gpt-tokenizer's `countTokens(text, { disallowedSpecial:
// new Set() })`, over a token table that needs no construction (token-table.mjs): the text is
// split with gpt-tokenizer's own O200K regex; a piece that is one token counts 1; any other is
// merged pair by pair over its UTF-8 bytes, in gpt-tokenizer's order. Bytes are written and looked
// up in place in one reused buffer: no string or match is made per piece, none per pair.
import { O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import file from './o200k-table.mjs';
import { isUtf8, loadTokenTable, rankOfBytes } from './token-table.mjs';

const table = loadTokenTable(file);
// The same pattern twice: sticky, to test at each piece's start without making a match (the pattern
// matches at every code point, so the pieces are matchAll's); global, to search on if it ever did not.
const sticky = new RegExp(O200K_TOKEN_SPLIT_REGEX.source, `${O200K_TOKEN_SPLIT_REGEX.flags.replace('g', '')}y`);
const searching = new RegExp(O200K_TOKEN_SPLIT_REGEX.source, O200K_TOKEN_SPLIT_REGEX.flags);
/** No pair to merge (gpt-tokenizer's Infinity). */
const NONE = 0x7fffffff;
/** The rank of a part merged into the one before it: matches no entry of the heap. */
const GONE = -1;
/** Above this many bytes a piece's pairs are kept in a heap, not scanned on every merge. */
const SCAN_LIMIT = 32;

/** The piece's UTF-8 bytes, as TextEncoder writes them (a lone surrogate as U+FFFD). */
let piece = new Uint8Array(1024);
/** Per part, by its first byte: where the next part starts, where the previous one starts, and the rank of its pair with the next. */
let next = new Int32Array(1024);
let prev = new Int32Array(1024);
let pairRank = new Int32Array(1024);
/** The heap of candidate merges, rank × 2^32 + part. */
let heap = new Float64Array(3 * 1024);

/**
 * The o200k_base tokens of a text. A special token's spelling (`<|endoftext|>`) is ordinary text,
 * as an API encodes a tool's output: counted as such, never a reason to throw.
 * @param {string} text
 * @returns {number}
 */
export function countTextTokens(text) {
  let count = 0;
  let at = 0;
  while (at < text.length) {
    let start = at;
    sticky.lastIndex = at;
    if (sticky.test(text)) at = sticky.lastIndex;
    else {
      searching.lastIndex = at;
      const match = searching.exec(text);
      if (match === null) break;
      start = match.index;
      at = searching.lastIndex;
    }
    if (piece.length < (at - start) * 3) grow((at - start) * 3);
    // gpt-tokenizer first looks the piece up whole, as text: a piece with a lone surrogate is never
    // found (no token holds one), and is then merged over its bytes, where it is U+FFFD.
    const written = encodePiece(text, start, at);
    if (written > 0 && rankOfBytes(table, piece, 0, written) >= 0) count++;
    else {
      const length = written < 0 ? -written : written;
      count += length <= SCAN_LIMIT ? partsByScan(length) : partsByHeap(length);
    }
  }
  return count;
}

/**
 * Writes text[start, end) into `piece` as UTF-8; returns the bytes written, negated if the text
 * held a lone surrogate (written as U+FFFD).
 */
function encodePiece(text, start, end) {
  let written = 0;
  let wellFormed = true;
  for (let i = start; i < end; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) piece[written++] = code;
    else if (code < 0x800) {
      piece[written++] = 0xc0 | (code >> 6);
      piece[written++] = 0x80 | (code & 0x3f);
    } else {
      if (code >= 0xd800 && code <= 0xdfff) {
        const low = i + 1 < end ? text.charCodeAt(i + 1) : 0;
        if (code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
          i++;
          piece[written++] = 0xf0 | (code >> 18);
          piece[written++] = 0x80 | ((code >> 12) & 0x3f);
          piece[written++] = 0x80 | ((code >> 6) & 0x3f);
          piece[written++] = 0x80 | (code & 0x3f);
          continue;
        }
        wellFormed = false;
        code = 0xfffd;
      }
      piece[written++] = 0xe0 | (code >> 12);
      piece[written++] = 0x80 | ((code >> 6) & 0x3f);
      piece[written++] = 0x80 | (code & 0x3f);
    }
  }
  return wellFormed ? written : -written;
}

function grow(bytes) {
  const size = Math.max(bytes, piece.length * 2);
  piece = new Uint8Array(size);
  next = new Int32Array(size + 1);
  prev = new Int32Array(size + 1);
  pairRank = new Int32Array(size + 1);
  heap = new Float64Array(3 * size + 3);
}

/**
 * The rank gpt-tokenizer's merge finds for piece[start, end): UTF-8 text is looked up as the string
 * its TextDecoder makes, which drops a leading byte order mark; other bytes as they are.
 */
function mergeRank(start, end) {
  if (end - start >= 3 && piece[start] === 0xef && piece[start + 1] === 0xbb && piece[start + 2] === 0xbf && isUtf8(piece, start, end)) {
    if (end - start === 3) return NONE;
    const rank = rankOfBytes(table, piece, start + 3, end);
    return rank < 0 ? NONE : rank;
  }
  const rank = rankOfBytes(table, piece, start, end);
  return rank < 0 ? NONE : rank;
}

/** Each part starts as one byte, with the rank of its pair with the next. */
function startParts(length) {
  for (let at = 0; at < length; at++) {
    next[at] = at + 1;
    prev[at] = at - 1;
    pairRank[at] = at + 2 <= length ? mergeRank(at, at + 2) : NONE;
  }
}

/** Merges the part at `at` with the next one, and ranks the pairs the merge changed. */
function merge(at, length) {
  const absorbed = next[at];
  const merged = next[absorbed];
  pairRank[absorbed] = GONE;
  next[at] = merged;
  if (merged < length) prev[merged] = at;
  pairRank[at] = merged < length ? mergeRank(at, next[merged]) : NONE;
  const before = prev[at];
  if (before >= 0) pairRank[before] = mergeRank(before, merged);
  return before;
}

/** The parts a piece of `length` bytes merges to, the lowest rank (then the leftmost) first, found by scanning. */
function partsByScan(length) {
  startParts(length);
  let parts = length;
  while (parts > 1) {
    let lowest = NONE;
    let at = -1;
    for (let part = 0; part < length; part = next[part]) {
      if (pairRank[part] < lowest) {
        lowest = pairRank[part];
        at = part;
      }
    }
    if (at < 0) break;
    merge(at, length);
    parts--;
  }
  return parts;
}

/** The same merges as partsByScan, in the same order, with the candidates in a heap (a stale entry's rank no longer matches its part's). */
function partsByHeap(length) {
  startParts(length);
  let size = 0;
  const push = (at) => {
    let i = size++;
    const key = pairRank[at] * 4294967296 + at;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent] <= key) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = key;
  };
  for (let at = 0; at + 1 < length; at++) if (pairRank[at] !== NONE) push(at);
  let parts = length;
  while (size > 0) {
    const top = heap[0];
    const last = heap[--size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && heap[child + 1] < heap[child]) child++;
      if (heap[child] >= last) break;
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = last;
    const rank = Math.floor(top / 4294967296);
    const at = top - rank * 4294967296;
    if (pairRank[at] !== rank) continue;
    const before = merge(at, length);
    parts--;
    if (pairRank[at] !== NONE) push(at);
    if (before >= 0 && pairRank[before] !== NONE) push(before);
  }
  return parts;
}
