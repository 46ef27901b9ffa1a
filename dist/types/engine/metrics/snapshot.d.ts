import { type CounterSummary } from './counter.ts';
import { type GaugeSummary } from './gauge.ts';
import { type RateSummary } from './rate.ts';
import { MetricsRegistry } from './registry.ts';
import { type Tags } from './tags.ts';
import { type TrendState } from './trend.ts';
export declare const METRICS_SNAPSHOT_VERSION = 1;
/** One series of a metric; `tags` is `{}` for the metric's untagged aggregate. */
export type SeriesSnapshot = {
    metric: string;
    type: 'counter';
    tags: Tags;
    summary: CounterSummary;
} | {
    metric: string;
    type: 'rate';
    tags: Tags;
    summary: RateSummary;
} | {
    metric: string;
    type: 'gauge';
    tags: Tags;
    summary: GaugeSummary;
} | ({
    metric: string;
    type: 'trend';
    tags: Tags;
} & TrendState);
/** Plain JSON of a registry: exact enough to merge runs and shards without loss. */
export interface MetricsSnapshot {
    version: typeof METRICS_SNAPSHOT_VERSION;
    /** Measured window (epoch ms); rates divide by its length. */
    startMs: number;
    endMs: number;
    metrics: SeriesSnapshot[];
}
export declare function snapshot(registry: MetricsRegistry, nowMs?: number): MetricsSnapshot;
/** A finished registry holding exactly the snapshot's data (dispose it when done). */
export declare function fromSnapshot(data: MetricsSnapshot): MetricsRegistry;
/**
 * A new registry with the samples of both: counters and rates add, trend histograms add
 * (percentiles are recomputed, never averaged), gauges keep min/max and the value set last
 * (`b`'s when the order is unknown, as after `fromSnapshot`).
 * The measured window spans both, which is the wall time of parallel shards.
 */
export declare function mergeRegistries(a: MetricsRegistry, b: MetricsRegistry, nowMs?: number): MetricsRegistry;
/**
 * A new registry with the samples of all `sources` (merged as `mergeRegistries` does), measured over
 * `window`: for shards that ran the same schedule at different times, the schedule's length, not
 * the wall time from the first start to the last end.
 */
export declare function mergeOverWindow(sources: readonly MetricsRegistry[], window: {
    startMs: number;
    endMs: number;
}): MetricsRegistry;
export declare function mergeSnapshots(a: MetricsSnapshot, b: MetricsSnapshot): MetricsSnapshot;
/** Exact merge of trend states, e.g. per-second windows into one chart range. */
export declare function mergeTrendStates(states: readonly TrendState[], durationMs: number): TrendState;
