import type { MetricsRegistry } from './registry.ts';
import { type Tags } from './tags.ts';
import type { TrendState } from './trend.ts';
/**
 * One charted series. What a bucket holds depends on the metric's type: a counter's sum over
 * the bucket, a rate's non-zero samples in the bucket (e.g. errors), a gauge's value at the
 * end of the bucket, a trend's latency window (summary in ms plus its encoded histogram).
 */
export interface TimeSeriesColumn {
    name: string;
    metric: string;
    tags?: Tags;
}
export declare const DEFAULT_TIME_SERIES_COLUMNS: readonly TimeSeriesColumn[];
export interface TimeBucket {
    /** [startMs, endMs): from the previous tick to this one. */
    startMs: number;
    endMs: number;
    /** Counter, rate and gauge columns. */
    values: Record<string, number>;
    /** Trend columns; null when the bucket has no samples. */
    latency: Record<string, TrendState | null>;
}
export interface TimeSeriesJSON {
    columns: TimeSeriesColumn[];
    buckets: TimeBucket[];
}
/** Per-second buckets for charts, closed by the engine's 1 s timer calling `tick(now)`. */
export declare class TimeSeries {
    private readonly columns;
    private readonly readers;
    private readonly buckets;
    private bucketStartMs;
    constructor(registry: MetricsRegistry, options: {
        startMs: number;
        columns?: readonly TimeSeriesColumn[];
    });
    /** Closes the current bucket at `nowMs` and starts the next one. */
    tick(nowMs: number): TimeBucket;
    toJSON(): TimeSeriesJSON;
    /** Stops feeding the per-bucket sinks and frees their histograms; no tick afterwards. */
    dispose(): void;
}
