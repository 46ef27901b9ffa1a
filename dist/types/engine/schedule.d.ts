import type { Stage } from '../scenario/index.ts';
/** Sum of the stages' durations. */
export declare function stagesDurationMs(stages: readonly Stage[]): number;
/**
 * k6's ramping-vus target at `t` ms: linear from each stage's start value to its target, whole VUs
 * (rounded down while ramping up and up while ramping down, so a stage ends exactly at its target).
 */
export declare function rampingVusAt(startVUs: number, stages: readonly Stage[], t: number): number;
/**
 * Start times (ms from the executor's start) of an open-model arrival schedule: rates are
 * iterations per `timeUnitMs`, linear within each stage, as k6's ramping-arrival-rate. The n-th
 * iteration starts when the integral of the rate reaches n, so the count over any span is exact.
 */
export declare class ArrivalSchedule {
    private readonly stages;
    private readonly timeUnitMs;
    private stageIndex;
    private stageStartMs;
    /** Rate (per timeUnit) at the start of the current stage. */
    private stageFrom;
    /** Iterations scheduled before the current stage started (fractional). */
    private countAtStageStart;
    private issued;
    constructor(startRate: number, timeUnitMs: number, stages: readonly Stage[]);
    static constant(rate: number, timeUnitMs: number, durationMs: number): ArrivalSchedule;
    /** Start time of the next iteration, or undefined when the schedule is over. */
    next(): number | undefined;
}
