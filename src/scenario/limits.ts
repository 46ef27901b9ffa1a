import { readFileSync } from 'node:fs';

/**
 * What one mcp-load process can drive; beyond it the generator, not the server, is measured (or
 * the heap runs out). Larger loads are split over machines with `--shard i/n`.
 */
export const MAX_VUS = 50_000;
/** Iterations started per second by an arrival-rate executor. */
export const MAX_RATE_PER_SECOND = 100_000;
export const MAX_ITERATIONS = 1_000_000_000;
/** Any duration in a scenario: a longer test is a soak test, better run as several. */
export const MAX_DURATION_MS = 24 * 60 * 60 * 1000;
/** Worker threads (`workers:`, `--workers`): well above any runner's cores, below a typo's thousands. */
export const MAX_WORKERS = 256;
/** What a worker runs in: a thread of this process (shares its `ulimit -n`) or a child process (has its own). */
export const WORKER_MODES = ['thread', 'process'] as const;
export type WorkerMode = (typeof WORKER_MODES)[number];
/** Descriptors the process keeps for itself (stdio, event loop, timers, the demo server) besides connections. */
export const RESERVED_DESCRIPTORS = 64;
/** Bounds of `maxResponseSize` (the wire client's default is 4 MiB): a reply is held in memory whole. */
export const MIN_RESPONSE_CAP = 1024;
export const MAX_RESPONSE_CAP = 1024 ** 3;
/** YAML alias expansions (the yaml package's `maxAliasCount`): enough for shared blocks, not for an alias bomb. */
export const MAX_ALIAS_COUNT = 100;

/**
 * The soft limit on open files (`ulimit -n`), or undefined where it cannot be read (non-Linux).
 * Each VU may hold a connection, and each connection is a descriptor.
 */
export function openFileLimit(limits: () => string = () => readFileSync('/proc/self/limits', 'utf8')): number | undefined {
  try {
    const soft = /^Max open files\s+(\S+)/m.exec(limits())?.[1];
    return soft === undefined || soft === 'unlimited' ? undefined : Number(soft);
  } catch {
    return undefined;
  }
}
