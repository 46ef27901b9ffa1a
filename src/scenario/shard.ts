import { definitionOf } from './executors.ts';
import type { ExecutorConfig, Scenario, ScenarioSpec } from './types.ts';

/** One slice of a sharded run: `index` of `count`, 1-based (`--shard 2/4`). */
export interface Shard {
  index: number;
  count: number;
}

/** A shard that is not `i/n` with 1 ≤ i ≤ n, or one that would carry no load. */
export class ShardError extends Error {
  override name = 'ShardError';
}

/** Parses `i/n` with 1 ≤ i ≤ n, e.g. `2/4`; the message says what is expected. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const shard = { index: Number(match?.[1]), count: Number(match?.[2]) };
  if (!match || !isValidShard(shard)) {
    throw new ShardError(`shard must be i/n with 1 ≤ i ≤ n (e.g. 2/4), got ${JSON.stringify(text)}`);
  }
  return shard;
}

export function isValidShard(shard: Shard): boolean {
  return Number.isSafeInteger(shard.index) && Number.isSafeInteger(shard.count) && shard.index >= 1 && shard.index <= shard.count;
}

/** `2/4` */
export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/**
 * Shard `index`'s share of the integer `total` split `count` ways: the shares differ by at most one,
 * the remainder goes to the lowest indexes (10 over 3 → 4, 3, 3), and all shares sum to `total`.
 */
export function shareOf(total: number, index: number, count: number): number {
  return Math.floor(total / count) + (index <= total % count ? 1 : 0);
}

/**
 * How many shards can carry a part of this executor's load: one VU at least, and for the
 * arrival-rate executors one iteration per time unit at their peak. Beyond that, more shards
 * leave the extra ones without this scenario.
 */
export function shardsWithLoad(config: ExecutorConfig): number {
  return definitionOf(config).shardsWithLoad(config);
}

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
export function shardExecutor(config: ExecutorConfig, shard: Shard): ExecutorConfig | undefined {
  if (!isValidShard(shard)) throw new ShardError(`shard must be i/n with 1 ≤ i ≤ n, got ${formatShard(shard)}`);
  const m = Math.min(shard.count, shardsWithLoad(config));
  if (shard.index > m) return undefined;
  const share = (total: number): number => shareOf(total, shard.index, m);
  return definitionOf(config).shard(config, share);
}

/**
 * The scenario file as this shard runs it: each scenario's slice (see `shardExecutor`), the
 * scenarios it gets no part of left out. Hash and echo stay those of the whole workload, so the
 * results of all shards name the same scenario and merge. Refused when the shard gets nothing.
 */
export function shardScenario(scenario: Scenario, shard: Shard): Scenario {
  const scenarios: ScenarioSpec[] = [];
  for (const spec of scenario.scenarios) {
    const slice = shardExecutor(spec, shard);
    if (slice) scenarios.push({ ...spec, ...slice } as ScenarioSpec);
  }
  if (scenarios.length === 0) {
    const most = Math.max(...scenario.scenarios.map(shardsWithLoad));
    throw new ShardError(
      `shard ${formatShard(shard)} gets no part of ${scenario.file}: its load splits over at most ${most} shard${most === 1 ? '' : 's'} ` +
        `(one VU and, for arrival rates, one iteration per time unit each); run it with --shard i/${most} or fewer shards`,
    );
  }
  return scenarioWith(scenario, { scenarios });
}

/**
 * `scenario` with `changes`, its lazy `hash` still lazy: a spread would read the getter, and hashing
 * loads node:crypto, 4 ms of a slice's start-up (scenario/load.ts).
 */
export function scenarioWith(scenario: Scenario, changes: Partial<Scenario>): Scenario {
  return Object.assign(Object.defineProperties({}, Object.getOwnPropertyDescriptors(scenario)), changes) as Scenario;
}
