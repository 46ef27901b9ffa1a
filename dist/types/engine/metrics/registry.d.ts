import { CounterHandle, CounterSink } from './counter.ts';
import { GaugeHandle, GaugeSink } from './gauge.ts';
import { Metric, type MetricType } from './metric.ts';
import { RateHandle, RateSink } from './rate.ts';
import type { Tags } from './tags.ts';
import { TrendHandle, TrendSink } from './trend.ts';
export type CounterMetric = Metric<'counter', CounterSink, CounterHandle>;
export type RateMetric = Metric<'rate', RateSink, RateHandle>;
export type TrendMetric = Metric<'trend', TrendSink, TrendHandle>;
export type GaugeMetric = Metric<'gauge', GaugeSink, GaugeHandle>;
export type AnyMetric = CounterMetric | RateMetric | TrendMetric | GaugeMetric;
export type Phase = 'warmup' | 'measuring';
/**
 * Distinct tagged series per metric; later tag sets are folded into "(other)", so that a server
 * with thousands of tools cannot take the generator's memory. A tool has a series per outcome
 * class, most of them empty (a few hundred bytes; about 25 kB once a trend has samples), so
 * 10,000 leaves about 1,400 tools unfolded.
 */
export declare const MAX_SERIES_PER_METRIC = 10000;
export interface RegistryOptions {
    /** Distinct tagged series per metric before folding. Default MAX_SERIES_PER_METRIC. */
    maxSeriesPerMetric?: number;
    /** Start in warm-up: samples are dropped until `startMeasuring()`. Default false. */
    warmup?: boolean;
    /** Start of measured time when not warming up. Default `Date.now()`. */
    nowMs?: number;
}
/** All metrics of one run (or one merge of runs), with the measured time window that rates divide by. */
export declare class MetricsRegistry {
    private readonly gate;
    private readonly metrics;
    private startedMs;
    private endedMs;
    private readonly maxSeries;
    constructor(options?: RegistryOptions);
    get phase(): Phase;
    /** The load starts after a setup (sessions opened ahead): measured time counts from `nowMs`, unless a warm-up is still on. */
    startWindow(nowMs: number): void;
    /** Ends warm-up: later samples are recorded and rates count from `nowMs`. */
    startMeasuring(nowMs?: number): void;
    /** Fixes the end of measured time (samples arriving later, e.g. in a graceful stop, still count). */
    finish(nowMs?: number): void;
    /** Measured window; `startMs === endMs` when measuring never started. */
    window(nowMs?: number): {
        startMs: number;
        endMs: number;
    };
    durationMs(nowMs?: number): number;
    counter(name: string): CounterMetric;
    rate(name: string): RateMetric;
    trend(name: string): TrendMetric;
    gauge(name: string): GaugeMetric;
    /** The metric of that name and type, created if needed. */
    ofType(name: string, type: MetricType): AnyMetric;
    /** An existing metric, or a built-in one (created empty); undefined for unknown names. */
    get(name: string): AnyMetric | undefined;
    /** Metrics whose later tag sets were folded into "(other)", with how many were. */
    folded(): {
        metric: string;
        tagSets: number;
    }[];
    all(): IterableIterator<AnyMetric>;
    /**
     * Registers a tag filter (sub-metric) before the run so that thresholds on it are read
     * without merging series. Unknown custom metrics must be created first.
     */
    track(name: string, filter: Tags): void;
    /** Frees the histograms (WASM memory). The registry must not be used afterwards. */
    dispose(): void;
    private obtain;
}
