import type { AvailabilitySeriesJSON } from '../engine/index.ts';
/** Windows of only successful calls in a row that end a failure burst (one clean second between failures may be luck). */
export declare const QUIET_WINDOWS = 2;
/** One shard's send-time windows, each aligned by its own start (shards run the same schedule). */
export declare function mergeAvailability(parts: readonly (AvailabilitySeriesJSON | undefined)[]): AvailabilitySeriesJSON | undefined;
/** Calls sent in a span of time and how many of them failed. */
export interface SpanAvailability {
    /** ms since the run's start. */
    startMs: number;
    endMs: number;
    calls: number;
    failed: number;
    /** Null without calls: nothing to say. */
    ratio: number | null;
}
export interface AvailabilitySummary {
    whole: SpanAvailability;
    /** The window with the lowest success ratio (the earliest of equals); absent without calls. */
    worst?: SpanAvailability;
}
export declare function availabilitySummary(series: AvailabilitySeriesJSON): AvailabilitySummary;
/** Windows [from, to) added up. */
export declare function spanOf(series: AvailabilitySeriesJSON, from: number, to: number): SpanAvailability;
/**
 * Failures close together: from the first failing call sent at or after `fromMs` to the last one
 * before QUIET_WINDOWS windows in a row whose calls all succeeded (windows without calls say
 * nothing and do not end it, and one such window after the last failure shows it recovered). Times are send times, to the millisecond; in the window of
 * `fromMs` itself a failure sent before it hides when the first one after it was sent, and the
 * burst is then taken to start at `fromMs`.
 */
export interface FailureBurst {
    firstMs: number;
    lastMs: number;
    /** Calls sent in the burst's windows, and those of them that failed. */
    calls: number;
    failed: number;
    /** Its window with the lowest success ratio. */
    worst: SpanAvailability;
    /** A window of calls that all succeeded followed it; false: the run ended while calls still failed. */
    recovered: boolean;
    /** The window after its last. */
    endWindow: number;
}
export declare function burstFrom(series: AvailabilitySeriesJSON, fromMs: number): FailureBurst | undefined;
