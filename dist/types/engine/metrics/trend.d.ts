import type { Gate } from './gate.ts';
import { type Histogram } from './histogram.ts';
/** Durations in milliseconds (recorded in microseconds). */
export interface TrendSummary {
    count: number;
    /** Samples per second of measured time. */
    rate: number;
    min: number;
    mean: number;
    p50: number;
    p90: number;
    p95: number;
    p99: number;
    p99_9: number;
    max: number;
}
/** Everything needed to rebuild a trend exactly: the summary plus the encoded histogram and exact sum. */
export interface TrendState {
    summary: TrendSummary;
    /** hdr-histogram-js `encodeIntoCompressedBase64` of the microsecond histogram. */
    hdr: string;
    /** Exact sum of the recorded microseconds (integers), so that means survive merging. */
    sumUs: number;
}
/**
 * The samples of one trend. Its histogram is created at the first sample (or merge): a run has a
 * series per tag set it might use (each outcome class of each tool), most of which stay empty.
 */
export declare class TrendSink {
    private hist;
    /** Precision of the histogram (see histogram.ts); an empty sink takes that of what is merged into it. */
    digits: number;
    count: number;
    sumUs: number;
    minUs: number;
    maxUs: number;
    private disposed;
    constructor(digits?: number, histogram?: Histogram);
    /** The histogram, created empty if there was none yet. */
    get histogram(): Histogram;
    private adopt;
    /** `us` must already be an integer in range (see `toRecordableUs`). */
    record(us: number): void;
    isEmpty(): boolean;
    /** Value at percentile `p` (0..100) in µs, clamped to the exact min and max. */
    percentileUs(p: number): number;
    meanUs(): number;
    mergeFrom(other: TrendSink): void;
    reset(): void;
    /** Frees the histogram; safe to call twice. */
    dispose(): void;
    summary(durationMs: number): TrendSummary;
    state(durationMs: number): TrendState;
    static fromState(state: TrendState): TrendSink;
}
/** Rounds to whole microseconds and clamps into the histogram's range (negative and NaN become 0). */
export declare function toRecordableUs(us: number): number;
export declare class TrendHandle {
    private readonly gate;
    private readonly sinks;
    constructor(gate: Gate, sinks: TrendSink[]);
    /** Records a duration in microseconds. */
    record(us: number): void;
}
