// o200k_base's token table as the bundles (scripts/build.mjs) and the test loader
// (scripts/test-loader/) ship it: a file made at build time from gpt-tokenizer's rank table
// (src/engine/token-table.mjs), and a module standing in for src/engine/o200k-table.mjs that reads
// it, so that no run loads gpt-tokenizer's 2.4 MB array literal or builds anything from it.
import { tokenTableBytes } from '../src/engine/token-table.mjs';

/** The table's file: beside dist/tokenizer.cjs, and in a test run's directory. */
export const RANK_TABLE_FILE = 'o200k_base.tokens';

/** The file of gpt-tokenizer's o200k_base table (loaded here only when asked for: it is the slow literal). */
export async function o200kTokenTable() {
  const { default: ranks } = await import('gpt-tokenizer/bpeRanks/o200k_base');
  return tokenTableBytes(ranks);
}

/** The source of the module standing in for o200k-table.mjs: it reads the table from `file`, a JavaScript expression of its path or URL. */
export function rankTableModule(file) {
  return ["import { readFileSync } from 'node:fs';", `export default readFileSync(${file});`].join('\n');
}
