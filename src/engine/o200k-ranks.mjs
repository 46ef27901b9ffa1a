// o200k_base's rank table. From the sources, gpt-tokenizer's own module; scripts/build.mjs and the
// test loader (scripts/test-loader/hooks.mjs) replace this module with a read of the same table as a
// file (token-ranks.mjs), which loads in a fraction of the time.
export { default } from 'gpt-tokenizer/bpeRanks/o200k_base';
