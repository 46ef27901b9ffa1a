import type { Comparison } from '../compare/index.ts';
/** The verdict table of `mcp-load compare`: a headline, then one row per metric, regressions first. */
export declare function renderComparison(comparison: Comparison): string;
