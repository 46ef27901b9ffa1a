import type { Scenario } from '../../scenario/index.ts';
/**
 * Workers when none are asked for: one per core the machine offers, less the one an embedded demo
 * server (a run without a target) keeps busy in this same process.
 */
export declare function defaultWorkerCount(localServer: boolean, cores?: number): number;
/**
 * The workers that can each carry a slice of the load (one VU, or one iteration per time unit of
 * an arrival rate, each): more would leave some idle, so the count is capped there.
 */
export declare function workersWithLoad(requested: number, scenario: Scenario): number;
