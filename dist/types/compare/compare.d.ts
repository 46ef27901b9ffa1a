import type { Result } from '../results/index.ts';
import type { Comparison, History } from './types.ts';
export interface CompareOptions {
    /** The `regression:` settings; default: the current run's scenario echo. */
    regression?: Readonly<Record<string, unknown>>;
    /** Comparable earlier runs needed for the history band (default 5); fewer: a rank interval against the latest. */
    minHistory?: number;
}
/**
 * Judges the current run against one baseline run (rank interval of steady-state window figures) or a
 * history of earlier runs (robust band over their per-run figures), per metric and per tool.
 * A baseline of another fingerprint is reported as not comparable, never compared.
 */
export declare function compare(current: Result, baseline: Result | History, options?: CompareOptions): Comparison;
