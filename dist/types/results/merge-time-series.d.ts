import { type TimeSeriesJSON } from '../engine/index.ts';
/** One shard's per-second series and when its run started (epoch ms). */
export interface ShardSeries {
    startedAt: number;
    series: TimeSeriesJSON;
}
/**
 * The shards' per-second series as one, aligned by time since each shard's start: the jobs of a
 * CI matrix rarely start in the same second, and each ran the same schedule from its own start, so
 * bucket k of every shard is second k of the schedule. Bucket k of the result spans the longest
 * shard's bucket k, placed after `startedAt`. Counter and rate columns (calls, requests, errors,
 * bytes) add, gauge columns (VUs at the end of the bucket) add, latency columns merge their HDR
 * histograms exactly (percentiles recomputed, never averaged).
 */
export declare function mergeTimeSeries(shards: readonly ShardSeries[], startedAt: number): TimeSeriesJSON;
