// gpt-tokenizer's o200k_base encoding, built as its own `gpt-tokenizer/encoding/o200k_base` builds
// it, from the rank table of o200k-ranks.mjs (which the bundles load fast: token-ranks.mjs).
import { GptEncoding } from 'gpt-tokenizer/GptEncoding';
import ranks from './o200k-ranks.mjs';

const encoding = GptEncoding.getEncodingApi('o200k_base', () => ranks);

/**
 * A tool's output is text a client hands the model, where a special token's spelling
 * (`<|endoftext|>`) is ordinary text, as an API encodes it: counted as such, never a reason to throw
 * (gpt-tokenizer's default throws on it, and a server's text is untrusted).
 */
const ORDINARY_TEXT = Object.freeze({ disallowedSpecial: new Set() });

/**
 * The o200k_base tokens of a text.
 * @param {string} text
 * @returns {number}
 */
export function countTextTokens(text) {
  return encoding.countTokens(text, ORDINARY_TEXT);
}
