import type { Scenario, Shard } from '../../scenario/index.ts';
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
/**
 * The workers a run uses: those asked for (`--workers`, the action input), else the scenario's
 * `workers:`, else the default; never more than the load (this shard's slice of it) has slices for.
 */
export declare function resolveWorkers(scenario: Scenario, flag: number | undefined, shard: Shard | undefined): {
    asked: number | undefined;
    workers: number;
};
