import type { ExecutorConfig, Scenario } from './types.ts';
/** One slice of a sharded run: `index` of `count`, 1-based (`--shard 2/4`). */
export interface Shard {
    index: number;
    count: number;
}
/** A shard that is not `i/n` with 1 ≤ i ≤ n, or one that would carry no load. */
export declare class ShardError extends Error {
    name: string;
}
/** Parses `i/n` with 1 ≤ i ≤ n, e.g. `2/4`; the message says what is expected. */
export declare function parseShard(text: string): Shard;
export declare function isValidShard(shard: Shard): boolean;
/** `2/4` */
export declare function formatShard(shard: Shard): string;
/**
 * Shard `index`'s share of the integer `total` split `count` ways: the shares differ by at most one,
 * the remainder goes to the lowest indexes (10 over 3 → 4, 3, 3), and all shares sum to `total`.
 */
export declare function shareOf(total: number, index: number, count: number): number;
/**
 * How many shards can carry a part of this executor's load: one VU at least, and for the
 * arrival-rate executors one iteration per time unit at their peak. Beyond that, more shards
 * leave the extra ones without this scenario.
 */
export declare function shardsWithLoad(config: ExecutorConfig): number;
/**
 * This shard's slice of one executor's load, or undefined when the shard gets none of it.
 *
 * The load is split among the first m = min(count, shardsWithLoad) shards, every quantity on its
 * own with the remainder to the lowest indexes, so that the slices of all shards sum exactly to the
 * original: VUs (vus, startVUs, stage targets, preAllocatedVUs, maxVUs), shared-iterations'
 * `iterations` (per-vu-iterations keeps its iterations per VU) and arrival rates (rate, startRate,
 * stage targets, per the same timeUnit). Durations, time units and graceful stops are unchanged.
 * Splitting over m rather than count keeps every slice runnable: at least one VU, at least as many
 * shared iterations as VUs, at most as many preallocated VUs as maxVUs, and some arrival rate.
 */
export declare function shardExecutor(config: ExecutorConfig, shard: Shard): ExecutorConfig | undefined;
/**
 * The scenario file as this shard runs it: each scenario's slice (see `shardExecutor`), the
 * scenarios it gets no part of left out. Hash and echo stay those of the whole workload, so the
 * results of all shards name the same scenario and merge. Refused when the shard gets nothing.
 */
export declare function shardScenario(scenario: Scenario, shard: Shard): Scenario;
/**
 * `scenario` with `changes`, its lazy `hash` still lazy: a spread would read the getter, and hashing
 * loads node:crypto, 4 ms of a slice's start-up (scenario/load.ts).
 */
export declare function scenarioWith(scenario: Scenario, changes: Partial<Scenario>): Scenario;
