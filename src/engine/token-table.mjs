// A byte-level BPE encoding's tokens laid out for lookup without construction: the bundles ship it
// as one file (scripts/build.mjs: dist/o200k_base.tokens), which loads as one read, typed-array
// views and a hash table of 200,000 entries built in a few milliseconds, instead of a Map of
// 200,000 strings. Plain JavaScript, as tokenizer-thread.mjs is.
//
// File (little-endian): MAGIC, FORMAT, rank count, byte count (4 × u32); then one u8 length per
// rank (0: no token has that rank); then every token's bytes, concatenated in rank order.

const MAGIC = 0x6b743262; // 'b2tk'
const FORMAT = 1;
const HEADER_BYTES = 16;
/** 2^19 slots for 200,000 tokens: at most 40 % full, so a miss ends after about one probe. */
const SLOT_BITS = 19;
const encoder = new TextEncoder();

/**
 * The file of a rank table in gpt-tokenizer's form (index = rank; a token is its text, or its bytes
 * where they are not UTF-8 text). Throws on a table whose lookups by bytes would not find what
 * gpt-tokenizer finds: a token that is not well-formed text, bytes that are valid UTF-8 (which
 * gpt-tokenizer looks up as text), two tokens of the same bytes, a byte that is no token.
 * @param {readonly (string | readonly number[])[]} ranks
 * @returns {Uint8Array}
 */
export function tokenTableBytes(ranks) {
  if (ranks.length > 2 ** 24) throw new Error(`${ranks.length} ranks: too many for the table`);
  const tokens = new Array(ranks.length);
  let byteCount = 0;
  for (let rank = 0; rank < ranks.length; rank++) {
    const token = ranks[rank];
    if (token === undefined) continue;
    let bytes;
    if (typeof token === 'string') {
      if (!token.isWellFormed()) throw new Error(`rank ${rank}: token ${JSON.stringify(token)} is not well-formed text`);
      bytes = encoder.encode(token);
    } else {
      if (!Array.isArray(token) || token.some((b) => !Number.isInteger(b) || b < 0 || b > 255)) throw new Error(`rank ${rank} is neither text nor bytes`);
      bytes = Uint8Array.from(token);
      // gpt-tokenizer looks up bytes that are UTF-8 as text, and never finds such a token (in
      // o200k_base: a byte order mark and what follows it, whose text its TextDecoder strips).
      if (isUtf8(bytes, 0, bytes.length)) continue;
    }
    if (bytes.length === 0 || bytes.length > 255) throw new Error(`rank ${rank}: a token of ${bytes.length} bytes`);
    tokens[rank] = bytes;
    byteCount += bytes.length;
  }
  const file = new Uint8Array(HEADER_BYTES + ranks.length + byteCount);
  const header = new DataView(file.buffer);
  header.setUint32(0, MAGIC, true);
  header.setUint32(4, FORMAT, true);
  header.setUint32(8, ranks.length, true);
  header.setUint32(12, byteCount, true);
  let at = HEADER_BYTES + ranks.length;
  for (let rank = 0; rank < ranks.length; rank++) {
    if (tokens[rank] === undefined) continue;
    file[HEADER_BYTES + rank] = tokens[rank].length;
    file.set(tokens[rank], at);
    at += tokens[rank].length;
  }
  const table = loadTokenTable(file);
  for (let rank = 0; rank < ranks.length; rank++) {
    if (tokens[rank] !== undefined && rankOfBytes(table, tokens[rank], 0, tokens[rank].length) !== rank) throw new Error(`rank ${rank}: its bytes are another token's too`);
  }
  for (let byte = 0; byte < 256; byte++) {
    if (rankOfBytes(table, Uint8Array.of(byte), 0, 1) < 0) throw new Error(`byte ${byte} is no token`);
  }
  return file;
}

/**
 * @typedef {object} TokenTable
 * @property {Uint32Array} offsets where each rank's bytes begin in `bytes` (and end: offsets[rank + 1])
 * @property {Uint8Array} bytes every token's bytes, in rank order
 * @property {Int32Array} slots open addressing by hashBytes: rank + 1, 0 where empty
 * @property {number} mask slots.length - 1
 */

/**
 * The lookup table of a file (tokenTableBytes): views of its bytes, and the hash table built over them.
 * @param {Uint8Array} file
 * @returns {TokenTable}
 */
export function loadTokenTable(file) {
  const header = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (file.byteLength < HEADER_BYTES || header.getUint32(0, true) !== MAGIC || header.getUint32(4, true) !== FORMAT) throw new Error('not a token table of this format');
  const rankCount = header.getUint32(8, true);
  const byteCount = header.getUint32(12, true);
  if (file.byteLength !== HEADER_BYTES + rankCount + byteCount) throw new Error('a token table of the wrong length');
  const lengths = file.subarray(HEADER_BYTES, HEADER_BYTES + rankCount);
  const bytes = file.subarray(HEADER_BYTES + rankCount);
  const offsets = new Uint32Array(rankCount + 1);
  const slots = new Int32Array(1 << SLOT_BITS);
  const mask = slots.length - 1;
  let at = 0;
  for (let rank = 0; rank < rankCount; rank++) {
    offsets[rank] = at;
    const length = lengths[rank];
    if (length === 0) continue;
    let slot = hashBytes(bytes, at, at + length) & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = rank + 1;
    at += length;
  }
  offsets[rankCount] = at;
  if (at !== byteCount) throw new Error('a token table whose lengths do not add up');
  return { offsets, bytes, slots, mask };
}

/**
 * FNV-1a of bytes[start, end).
 * @param {Uint8Array} bytes
 * @param {number} start
 * @param {number} end
 */
function hashBytes(bytes, start, end) {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  return hash;
}

/**
 * The rank of the token whose bytes are bytes[start, end), or -1.
 * @param {TokenTable} table
 * @param {Uint8Array} bytes
 * @param {number} start
 * @param {number} end
 * @returns {number}
 */
export function rankOfBytes(table, bytes, start, end) {
  const { offsets, slots, mask } = table;
  const tokenBytes = table.bytes;
  const length = end - start;
  let slot = hashBytes(bytes, start, end) & mask;
  for (let entry = slots[slot]; entry !== 0; entry = slots[slot]) {
    const rank = entry - 1;
    const at = offsets[rank];
    if (offsets[rank + 1] - at === length) {
      let i = 0;
      while (i < length && tokenBytes[at + i] === bytes[start + i]) i++;
      if (i === length) return rank;
    }
    slot = (slot + 1) & mask;
  }
  return -1;
}

/**
 * Whether bytes[start, end) is UTF-8 text as gpt-tokenizer's isValidUTF8 judges it (no overlong
 * form, no surrogate, nothing above U+10FFFF): it looks such bytes up as text, others as bytes.
 * @param {Uint8Array} bytes
 * @param {number} start
 * @param {number} end
 */
export function isUtf8(bytes, start, end) {
  let i = start;
  while (i < end) {
    const lead = bytes[i];
    let count;
    let codePoint;
    if (lead <= 0x7f) {
      i++;
      continue;
    } else if ((lead & 0xe0) === 0xc0) {
      if (lead <= 0xc1) return false;
      count = 2;
      codePoint = lead & 0x1f;
    } else if ((lead & 0xf0) === 0xe0) {
      count = 3;
      codePoint = lead & 0x0f;
    } else if ((lead & 0xf8) === 0xf0) {
      if (lead > 0xf4) return false;
      count = 4;
      codePoint = lead & 0x07;
    } else return false;
    if (i + count > end) return false;
    for (let j = 1; j < count; j++) {
      const next = bytes[i + j];
      if ((next & 0xc0) !== 0x80) return false;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if ((count === 3 && codePoint < 0x800) || (count === 4 && codePoint < 0x10000)) return false;
    if ((codePoint >= 0xd800 && codePoint <= 0xdfff) || codePoint > 0x10ffff) return false;
    i += count;
  }
  return true;
}
