// A byte-level BPE encoding's tokens laid out for lookup without construction: the bundles ship it
// as one file (scripts/build.mjs: dist/o200k_base.tokens), which loads as one read and typed-array
// views, instead of a Map of 200,000 strings. The hash table is in the file: built at load it cost
// about 50 ms of CPU (200,000 writes to random places of 2 MB), read it costs about 1 ms.
// Plain JavaScript, as tokenizer-thread.mjs is.
//
// File (little-endian): MAGIC, FORMAT, rank count, byte count, slot count (5 × u32); the slots (one
// i32 each: rank + 1 of the token whose hashBytes lands there by linear probing, 0 where empty);
// one u8 length per rank (0: no token has that rank); every token's bytes, concatenated by rank.

const MAGIC = 0x6b743262; // 'b2tk'
const FORMAT = 2;
const HEADER_BYTES = 20;
/** 2^19 slots for 200,000 tokens: at most 40 % full, so a miss ends after about one probe. */
const SLOT_COUNT = 1 << 19;
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
const encoder = new TextEncoder();

/**
 * The file of a rank table in gpt-tokenizer's form (index = rank; a token is its text, or its bytes
 * where they are not UTF-8 text). A token of bytes that are UTF-8 is left out: gpt-tokenizer
 * never finds it. Throws on a table whose lookups by bytes would not find what gpt-tokenizer finds:
 * a token that is not well-formed text, two tokens of the same bytes, a byte that is no token.
 * @param {readonly (string | readonly number[])[]} ranks
 * @returns {Uint8Array}
 */
export function tokenTableBytes(ranks) {
  if (ranks.length > SLOT_COUNT * 0.5) throw new Error(`${ranks.length} ranks: too many for ${SLOT_COUNT} slots`);
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
  const lengthsAt = HEADER_BYTES + 4 * SLOT_COUNT;
  const file = new Uint8Array(lengthsAt + ranks.length + byteCount);
  const view = new DataView(file.buffer);
  for (const [i, value] of [MAGIC, FORMAT, ranks.length, byteCount, SLOT_COUNT].entries()) view.setUint32(4 * i, value, true);
  let at = lengthsAt + ranks.length;
  for (let rank = 0; rank < ranks.length; rank++) {
    if (tokens[rank] === undefined) continue;
    file[lengthsAt + rank] = tokens[rank].length;
    file.set(tokens[rank], at);
    at += tokens[rank].length;
  }
  const { offsets, bytes } = tableParts(file);
  const slots = slotsOf(offsets, bytes);
  for (let slot = 0; slot < SLOT_COUNT; slot++) view.setInt32(HEADER_BYTES + 4 * slot, slots[slot], true);
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
 * The lookup table of a file (tokenTableBytes): views of its bytes and slots, and each rank's offset.
 * @param {Uint8Array} file
 * @returns {TokenTable}
 */
export function loadTokenTable(file) {
  const { offsets, bytes } = tableParts(file);
  // A view where the file's slots can be one (aligned, and this machine little-endian); else made again.
  const aligned = (file.byteOffset + HEADER_BYTES) % 4 === 0;
  const slots = LITTLE_ENDIAN && aligned ? new Int32Array(file.buffer, file.byteOffset + HEADER_BYTES, SLOT_COUNT) : slotsOf(offsets, bytes);
  return { offsets, bytes, slots, mask: SLOT_COUNT - 1 };
}

/** A file's tokens: their bytes, and where each rank's begin. */
function tableParts(file) {
  const header = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (file.byteLength < HEADER_BYTES || header.getUint32(0, true) !== MAGIC || header.getUint32(4, true) !== FORMAT) throw new Error('not a token table of this format');
  const rankCount = header.getUint32(8, true);
  const byteCount = header.getUint32(12, true);
  const lengthsAt = HEADER_BYTES + 4 * SLOT_COUNT;
  if (header.getUint32(16, true) !== SLOT_COUNT || file.byteLength !== lengthsAt + rankCount + byteCount) throw new Error('a token table of the wrong length');
  const lengths = file.subarray(lengthsAt, lengthsAt + rankCount);
  const offsets = new Uint32Array(rankCount + 1);
  let at = 0;
  for (let rank = 0; rank < rankCount; rank++) {
    offsets[rank] = at;
    at += lengths[rank];
  }
  offsets[rankCount] = at;
  if (at !== byteCount) throw new Error('a token table whose lengths do not add up');
  return { offsets, bytes: file.subarray(lengthsAt + rankCount) };
}

/** The slots of tokens (their offsets and bytes), each at the first free one from its hash. */
function slotsOf(offsets, bytes) {
  const slots = new Int32Array(SLOT_COUNT);
  const mask = SLOT_COUNT - 1;
  for (let rank = 0; rank + 1 < offsets.length; rank++) {
    if (offsets[rank + 1] === offsets[rank]) continue;
    let slot = hashBytes(bytes, offsets[rank], offsets[rank + 1]) & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = rank + 1;
  }
  return slots;
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
