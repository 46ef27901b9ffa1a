// The rank table of a BPE encoding as one text file, which loads in a fraction of the time of the
// JavaScript array literal gpt-tokenizer ships it as (V8 parses 200,000 string literals; here one
// read and one split). scripts/build.mjs writes dist/o200k_base.ranks, the test loader its own copy;
// o200k-ranks.mjs reads it. Plain JavaScript, as tokenizer-thread.mjs is.

/** Between two tokens: a noncharacter, which no token of a table (valid UTF-8 text) contains. */
const TOKEN_SEPARATOR = '\uffff';
/** Begins a token that is not UTF-8 text, written as its bytes in decimal, comma-separated. */
const BYTES_MARK = '\ufffe';

/**
 * The file's text of a rank table (gpt-tokenizer's form: index = rank; a token is a string, or an
 * array of bytes where it is not UTF-8 text). Throws on a table the text cannot hold exactly.
 * @param {readonly (string | readonly number[])[]} ranks
 * @returns {string}
 */
export function rankTableText(ranks) {
  const tokens = new Array(ranks.length);
  for (let rank = 0; rank < ranks.length; rank++) {
    if (!(rank in ranks)) throw new Error(`rank ${rank} has no token`);
    const token = ranks[rank];
    if (typeof token === 'string') {
      if (token.length === 0 || token.includes(TOKEN_SEPARATOR) || token.startsWith(BYTES_MARK)) throw new Error(`rank ${rank}: token ${JSON.stringify(token)} cannot be written`);
      tokens[rank] = token;
    } else {
      if (!Array.isArray(token) || token.some((b) => !Number.isInteger(b) || b < 0 || b > 255)) throw new Error(`rank ${rank} is neither text nor bytes`);
      tokens[rank] = BYTES_MARK + token.join(',');
    }
  }
  return tokens.join(TOKEN_SEPARATOR);
}

/**
 * The rank table of a file's text (rankTableText): the same strings and byte arrays, rank for rank.
 * @param {string} text
 * @returns {(string | number[])[]}
 */
export function ranksOfText(text) {
  const ranks = text.split(TOKEN_SEPARATOR);
  for (let rank = 0; rank < ranks.length; rank++) {
    const token = ranks[rank];
    if (token.startsWith(BYTES_MARK)) ranks[rank] = token.slice(1).split(',').map(Number);
  }
  return ranks;
}
