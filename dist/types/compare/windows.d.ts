import type { Result } from '../results/index.ts';
/** The figures of one steady-state window: the unit of analysis (requests within a run are autocorrelated). */
export interface WindowSample {
    /** ms; null when the window had no MCP call. */
    p50: number | null;
    p90: number | null;
    p95: number | null;
    p99: number | null;
    /** MCP calls per second. */
    throughput: number;
}
/**
 * Splits the run's steady phase into windows of `windowMs` (whole seconds of per-second buckets)
 * and summarises each: latency percentiles from the exactly merged histograms, calls per second.
 *
 * Steady means measured (after warm-up) and at plateau: while every scenario of the plan is either
 * at ≥ 90 % of its own planned peak or idle throughout the bucket, and at least one is at its peak.
 * The plan (stages, rates, start times) comes from the scenario echo, so the same buckets are chosen
 * in every run of a workload whatever the server did. The iteration-count executors have no planned
 * end; with them, the measured VUs decide (≥ 90 % of the run's peak at both ends of the bucket).
 * A trailing part of a steady stretch too short for a whole window is dropped.
 */
export declare function steadyWindows(result: Result, windowMs: number): {
    windowMs: number;
    windows: WindowSample[];
};
