// o200k_base's rank table as the bundles (scripts/build.mjs) and the test loader
// (scripts/test-loader/) ship it: a text file (src/engine/token-ranks.mjs) and a module standing in
// for src/engine/o200k-ranks.mjs that reads it, instead of gpt-tokenizer's 2.4 MB array literal.
import { rankTableText } from '../src/engine/token-ranks.mjs';

/** The table's file: beside dist/tokenizer.cjs, and in a test run's directory. */
export const RANK_TABLE_FILE = 'o200k_base.ranks';

/** The file's text of gpt-tokenizer's o200k_base table (loaded here only when asked for: it is the slow literal). */
export async function o200kRankTableText() {
  const { default: ranks } = await import('gpt-tokenizer/bpeRanks/o200k_base');
  return rankTableText(ranks);
}

/**
 * The source of the module standing in for o200k-ranks.mjs: `tokenRanks` (the specifier of
 * token-ranks.mjs) reads the table from `file`, a JavaScript expression of its path or URL.
 */
export function rankTableModule(tokenRanks, file) {
  return [
    "import { readFileSync } from 'node:fs';",
    `import { ranksOfText } from ${JSON.stringify(tokenRanks)};`,
    `export default ranksOfText(readFileSync(${file}, 'utf8'));`,
  ].join('\n');
}
