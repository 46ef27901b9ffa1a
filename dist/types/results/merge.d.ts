import type { Result } from './types.ts';
/** Shard results that cannot be merged; the message names the file at fault and what to do. */
export declare class MergeError extends Error {
    name: string;
}
/** A result and the file it was read from (for messages). */
export interface ShardResultFile {
    file: string;
    result: Result;
}
/**
 * The results of the n shards of one test (`mcp-load run --shard i/n`) as the one result of the
 * whole load, merged exactly where the data allows:
 * - metrics: counters and rates add, trend histograms add (percentiles recomputed, never
 *   averaged); rates per second divide by the measured window, which is the longest shard's,
 *   placed at the earliest shard's start (shards ran the same schedule, maybe not at the same time);
 * - the `vus_max` gauge adds; the `vus` gauge's peak is the peak of the merged per-second series
 *   (the shards' VUs in the same second of the schedule added), which is exact to the second;
 * - per-second series aligned by time since each shard's start (see `mergeTimeSeries`);
 * - per-tool and per-method tables, HTTP per call, checks and thresholds recomputed from the
 *   merged metrics; error kinds added; each shard's warnings kept, prefixed with its shard.
 * Refused: a result that is not a shard, shards of different scenarios or counts, a duplicate
 * index, a missing shard.
 */
export declare function mergeShardResults(files: readonly ShardResultFile[]): Result;
