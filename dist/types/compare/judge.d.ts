import type { ComparedMetric } from './metrics.ts';
import type { RegressionSettings } from './settings.ts';
import type { ComparisonVerdict, HistoryEntry } from './types.ts';
export interface TestOptions {
    settings: RegressionSettings;
}
/** Against one baseline run: rank interval of the windows, two-proportion test, or exact comparison. */
export declare function judgeAgainstRun(metric: ComparedMetric, current: HistoryEntry, baseline: HistoryEntry, options: TestOptions): ComparisonVerdict | undefined;
/** Against ≥ minHistory earlier runs: a robust band over their per-run figures. */
export declare function judgeAgainstHistory(metric: ComparedMetric, current: HistoryEntry, runs: readonly HistoryEntry[], minHistory: number, options: TestOptions): ComparisonVerdict | undefined;
