import { mergeTrendStates, type TimeBucket, type TimeSeriesColumn, type TimeSeriesJSON, type TrendState } from '../engine/index.ts';

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
export function mergeTimeSeries(shards: readonly ShardSeries[], startedAt: number): TimeSeriesJSON {
  const columns: TimeSeriesColumn[] = [];
  const seen = new Set<string>();
  for (const { series } of shards) {
    for (const column of series.columns) {
      if (seen.has(column.name)) continue;
      seen.add(column.name);
      columns.push({ ...column, ...(column.tags ? { tags: { ...column.tags } } : {}) });
    }
  }
  const length = Math.max(0, ...shards.map((s) => s.series.buckets.length));
  const buckets: TimeBucket[] = [];
  for (let k = 0; k < length; k++) {
    const parts = shards.flatMap(({ startedAt: start, series }) => {
      const bucket = series.buckets[k];
      return bucket ? [{ bucket, offsetStart: bucket.startMs - start, offsetEnd: bucket.endMs - start }] : [];
    });
    // The longest-lasting part sets the bucket's place; parts end at their shard's last tick.
    const clock = parts.reduce((a, b) => (b.offsetEnd - b.offsetStart > a.offsetEnd - a.offsetStart ? b : a));
    const merged: TimeBucket = { startMs: startedAt + clock.offsetStart, endMs: startedAt + clock.offsetEnd, values: {}, latency: {} };
    for (const { bucket } of parts) {
      for (const [name, value] of Object.entries(bucket.values)) merged.values[name] = (merged.values[name] ?? 0) + value;
    }
    for (const name of new Set(parts.flatMap(({ bucket }) => Object.keys(bucket.latency)))) {
      const states = parts.map(({ bucket }) => bucket.latency[name]).filter((s): s is TrendState => s != null);
      merged.latency[name] = states.length === 0 ? null : mergeTrendStates(states, merged.endMs - merged.startMs);
    }
    buckets.push(merged);
  }
  return { columns, buckets };
}
