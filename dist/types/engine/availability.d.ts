/** Width of one availability window. */
export declare const AVAILABILITY_WINDOW_MS = 1000;
/**
 * Calls per window by the time they were sent (not when they ended: a call that hangs for 3 s
 * after an outage began is charged to the second the outage began), as result.json stores them.
 * Failures are those charged to the target (mcp-load's own `generator`/`internal` are neither
 * calls nor failures here). The first and last failing send of each window, in ms since the run's
 * start, let a reader time a failure burst to the millisecond; every field merges exactly
 * (counts add, first is a min, last a max).
 */
export interface AvailabilitySeriesJSON {
    windowMs: number;
    calls: number[];
    failed: number[];
    /** Null where no call of the window failed. */
    firstFailedMs: (number | null)[];
    lastFailedMs: (number | null)[];
}
/** Accumulates the send-time windows of a run, from `start(origin)`: the run's start on `performance.now()`'s clock. */
export declare class AvailabilitySeries {
    private readonly calls;
    private readonly failed;
    private readonly firstFailedMs;
    private readonly lastFailedMs;
    private originMs;
    constructor(originMs?: number);
    start(originMs: number): void;
    /** A call sent at `sentAt` (performance.now()) ended with the outcome class of index `outcome`. */
    record(sentAt: number, outcome: number): void;
    toJSON(): AvailabilitySeriesJSON;
}
