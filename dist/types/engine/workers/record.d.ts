import { type MetricsSnapshot, type TimeSeriesJSON } from '../metrics/index.ts';
import type { RunOutcome } from '../run.ts';
/**
 * A run's outcome as plain data: what a worker thread hands its parent (structured clone), and
 * what a result is built from. Metrics and time series are their exact JSON forms.
 */
export type RunRecord = Omit<RunOutcome, 'registry' | 'timeSeries'> & {
    metrics: MetricsSnapshot;
    timeSeries: TimeSeriesJSON;
};
export declare function recordOf(run: RunOutcome): RunRecord;
