import {
  evaluateThresholds,
  fromSnapshot,
  mergeOverWindow,
  seriesKey,
  snapshot,
  type MetricsRegistry,
  type MetricsSnapshot,
  type TimeSeriesJSON,
} from '../engine/index.ts';
import { thresholdOutcomes, viewsOf } from './build.ts';
import { findingsOf } from './findings.ts';
import { mergeErrorKinds } from './merge-errors.ts';
import { mergeTimeSeries } from './merge-time-series.ts';
import type { Result } from './types.ts';

/** Shard results that cannot be merged; the message names the file at fault and what to do. */
export class MergeError extends Error {
  override name = 'MergeError';
}

/** A result and the file it was read from (for messages). */
export interface ShardResultFile {
  file: string;
  result: Result;
}

type ShardOf = ShardResultFile & { shard: { index: number; count: number } };

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
export function mergeShardResults(files: readonly ShardResultFile[]): Result {
  const shards = checkMergeable(files);
  const first = shards[0].result;
  const count = shards.length;
  const startedAt = Math.min(...shards.map((s) => Date.parse(s.result.startedAt)));
  const endedAt = Math.max(...shards.map((s) => Date.parse(s.result.endedAt)));
  const timeSeries = mergeTimeSeries(shards.map((s) => ({ startedAt: Date.parse(s.result.startedAt), series: s.result.timeSeries })), startedAt);
  const metrics = mergeMetrics(shards.map((s) => s.result.metrics), timeSeries);
  const thresholds = evaluateThresholds(metrics, first.scenario.echo.thresholds, { nowMs: metrics.endMs });

  const result: Result = {
    schemaVersion: first.schemaVersion,
    tool: { ...first.tool },
    scenario: first.scenario,
    target: first.target,
    environment: first.environment,
    startedAt: new Date(startedAt).toISOString(),
    endedAt: new Date(endedAt).toISOString(),
    durationMs: Math.max(...shards.map((s) => s.result.durationMs)),
    metrics,
    timeSeries,
    ...viewsOf(metrics),
    thresholds: thresholdOutcomes(first.scenario.echo.thresholds, thresholds),
    errors: mergeErrorKinds(shards.map((s) => s.result.errors)),
    warnings: mergedWarnings(shards),
    findings: [],
    vusMax: shards.reduce((sum, s) => sum + s.result.vusMax, 0),
    mergedShards: count,
  };
  const lags = shards.map((s) => s.result.generator?.eventLoopLagP99Ms).filter((n): n is number => n !== undefined);
  if (lags.length > 0) result.generator = { eventLoopLagP99Ms: Math.max(...lags) };
  const interrupted = shards.find((s) => s.result.interrupted === 'signal') ?? shards.find((s) => s.result.interrupted);
  if (interrupted?.result.interrupted) result.interrupted = interrupted.result.interrupted;
  result.findings = findingsOf(result);
  return result;
}

/** The shards sorted by index, or a MergeError naming the file at fault. */
function checkMergeable(files: readonly ShardResultFile[]): ShardOf[] {
  if (files.length === 0) throw new MergeError('no shard results to merge: pass the result.json of every shard');
  const shards: ShardOf[] = [];
  for (const { file, result } of files) {
    if (result.shard === undefined) {
      throw new MergeError(
        `${file} is not a shard result (${result.mergedShards ? `already merged from ${result.mergedShards} shards` : 'run without --shard'}): ` +
          'merge combines the results of one test run as shards (mcp-load run --shard i/n)',
      );
    }
    shards.push({ file, result, shard: result.shard });
  }
  const [head] = shards;
  for (const s of shards.slice(1)) {
    if (s.result.scenario.hash !== head.result.scenario.hash) {
      throw new MergeError(
        `${s.file} ran another scenario than ${head.file} (${describe(s)} vs ${describe(head)}): ` +
          'only the shards of one scenario file merge; run every shard with the same file',
      );
    }
    if (s.shard.count !== head.shard.count) {
      throw new MergeError(`${s.file} is shard ${s.shard.index}/${s.shard.count}, but ${head.file} is shard ${head.shard.index}/${head.shard.count}: the shards of one test share the count n`);
    }
  }
  const byIndex = new Map<number, string>();
  for (const s of shards) {
    const other = byIndex.get(s.shard.index);
    if (other !== undefined) {
      throw new MergeError(`${s.file} is shard ${s.shard.index}/${s.shard.count}, and so is ${other}: pass each shard's result once`);
    }
    byIndex.set(s.shard.index, s.file);
  }
  const missing: string[] = [];
  for (let i = 1; i <= head.shard.count; i++) if (!byIndex.has(i)) missing.push(`${i}/${head.shard.count}`);
  if (missing.length > 0) {
    throw new MergeError(`shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')} missing: pass the results of all ${head.shard.count} shards (given: ${shards.map((s) => `${s.file} = ${s.shard.index}/${s.shard.count}`).join(', ')})`);
  }
  return shards.sort((a, b) => a.shard.index - b.shard.index);
}

function describe(s: ShardResultFile): string {
  return `scenario ${s.result.scenario.id} ${s.result.scenario.hash.slice(0, 12)}`;
}

function mergeMetrics(snapshots: readonly MetricsSnapshot[], timeSeries: TimeSeriesJSON): MetricsSnapshot {
  const startMs = Math.min(...snapshots.map((s) => s.startMs));
  const lengthMs = Math.max(...snapshots.map((s) => Math.max(0, s.endMs - s.startMs)));
  const window = { startMs, endMs: startMs + lengthMs };
  const registries: MetricsRegistry[] = [];
  let merged: MetricsRegistry | undefined;
  try {
    for (const s of snapshots) registries.push(fromSnapshot(s));
    merged = mergeOverWindow(registries, window);
    const out = snapshot(merged, window.endMs);
    addConcurrentGauges(out, snapshots, timeSeries);
    return out;
  } finally {
    for (const r of registries) r.dispose();
    merged?.dispose();
  }
}

/**
 * Shards run side by side, so their VUs add up, which a gauge merge (last value, max of maxes)
 * does not know: `vus_max` (VUs allocated, only ever grows) adds exactly; `vus` takes its peak from
 * the merged per-second series when it has the column (exact to the second), else the sum of peaks
 * (an upper bound).
 */
function addConcurrentGauges(out: MetricsSnapshot, snapshots: readonly MetricsSnapshot[], timeSeries: TimeSeriesJSON): void {
  const vusColumn = timeSeries.columns.find((c) => c.metric === 'vus' && (c.tags === undefined || Object.keys(c.tags).length === 0));
  for (const series of out.metrics) {
    if (series.type !== 'gauge' || (series.metric !== 'vus' && series.metric !== 'vus_max')) continue;
    const key = seriesKey(series.metric, series.tags);
    const parts = snapshots.flatMap((s) => s.metrics.filter((m) => m.type === 'gauge' && seriesKey(m.metric, m.tags) === key && m.summary.samples > 0));
    const sum = (field: 'value' | 'max'): number => parts.reduce((n, m) => n + (m.type === 'gauge' ? m.summary[field] : 0), 0);
    series.summary.value = sum('value');
    series.summary.max = sum('max');
    if (series.metric === 'vus' && vusColumn && Object.keys(series.tags).length === 0) {
      const peak = Math.max(0, ...timeSeries.buckets.map((b) => b.values[vusColumn.name] ?? 0));
      series.summary.max = Math.min(series.summary.max, Math.max(peak, series.summary.value));
    }
  }
}

function mergedWarnings(shards: readonly ShardOf[]): string[] {
  const out: string[] = [];
  const head = shards[0];
  const runner = (r: Result): string => `${r.environment.os}/${r.environment.arch}, ${r.environment.cpus} CPUs`;
  const differing = (what: (r: Result) => string, label: string): void => {
    const other = shards.find((s) => what(s.result) !== what(head.result));
    if (other) out.push(`the shards differ in ${label} (${head.file}: ${what(head.result)}; ${other.file}: ${what(other.result)}); the merged result records shard ${head.shard.index}'s`);
  };
  differing((r) => r.tool.version, 'mcp-load version');
  differing(runner, 'runner');
  differing((r) => r.target, 'target');
  for (const s of shards) {
    const tag = `shard ${s.shard.index}/${s.shard.count}`;
    if (s.result.interrupted) out.push(`${tag} was interrupted (${s.result.interrupted}): the merged result holds less than the whole load`);
    for (const warning of s.result.warnings) out.push(`${tag}: ${warning}`);
  }
  return out;
}
