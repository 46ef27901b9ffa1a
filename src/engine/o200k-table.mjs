// o200k_base's token table file (token-table.mjs). From the sources, made here from gpt-tokenizer's
// rank table; scripts/build.mjs and the test loader (scripts/test-loader/hooks.mjs) replace this
// module with a read of the same file, made at build time.
import ranks from 'gpt-tokenizer/bpeRanks/o200k_base';
import { tokenTableBytes } from './token-table.mjs';

export default tokenTableBytes(ranks);
