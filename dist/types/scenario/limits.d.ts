/**
 * What one mcp-load process can drive; beyond it the generator, not the server, is measured (or
 * the heap runs out). Larger loads are split over machines with `--shard i/n`.
 */
export declare const MAX_VUS = 50000;
/** Iterations started per second by an arrival-rate executor. */
export declare const MAX_RATE_PER_SECOND = 100000;
export declare const MAX_ITERATIONS = 1000000000;
/** Any duration in a scenario: a longer test is a soak test, better run as several. */
export declare const MAX_DURATION_MS: number;
/** Worker threads (`workers:`, `--workers`): well above any runner's cores, below a typo's thousands. */
export declare const MAX_WORKERS = 256;
/** What a worker runs in: a thread of this process (shares its `ulimit -n`) or a child process (has its own). */
export declare const WORKER_MODES: readonly ["thread", "process"];
export type WorkerMode = (typeof WORKER_MODES)[number];
/** Descriptors the process keeps for itself (stdio, event loop, timers, the demo server) besides connections. */
export declare const RESERVED_DESCRIPTORS = 64;
/** Bounds of `maxResponseSize` (the wire client's default is 4 MiB): a reply is held in memory whole. */
export declare const MIN_RESPONSE_CAP = 1024;
export declare const MAX_RESPONSE_CAP: number;
/** YAML alias expansions (the yaml package's `maxAliasCount`): enough for shared blocks, not for an alias bomb. */
export declare const MAX_ALIAS_COUNT = 100;
/**
 * The soft limit on open files (`ulimit -n`), or undefined where it cannot be read (non-Linux).
 * Each VU may hold a connection, and each connection is a descriptor.
 */
export declare function openFileLimit(limits?: () => string): number | undefined;
