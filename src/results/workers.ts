import { MAX_TRACE_EXEMPLARS } from '../engine/index.ts';
import type { WorkersOutcome } from '../engine/index.ts';
import type { Shard, WorkerMode } from '../scenario/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { resultOfRecord } from './build.ts';
import { findingsOf } from './findings.ts';
import { mergeShardResults } from './merge.ts';
import type { Result } from './types.ts';

/**
 * The one result of a run in workers (threads or processes): each worker's record is a shard of the process's
 * load, merged exactly as `mcp-load merge` merges shards (counters and histograms add, series
 * align). It reads as a one-process run would, but for `environment.workers` and `workerMode`: no shard (or the
 * process's own `--shard`), the workers' warnings once each, the interruption the parent decided.
 */
export function resultOfWorkers(
  scenario: Scenario,
  url: string,
  run: WorkersOutcome,
  shard: Shard | undefined,
  env: NodeJS.ProcessEnv = process.env,
  mode: WorkerMode = 'thread',
): Result {
  const files = run.records.map((record, i) => ({
    file: `worker ${i + 1}`,
    result: resultOfRecord(scenario, url, { ...record, shard: { index: i + 1, count: run.records.length } }, env),
  }));
  const merged = mergeShardResults(files);
  delete merged.mergedShards;
  delete merged.shard;
  if (shard) merged.shard = { index: shard.index, count: shard.count };
  merged.environment = { ...merged.environment, workers: run.records.length, workerMode: mode };
  merged.warnings = [...new Set(run.records.flatMap((r) => r.warnings))];
  const exemplars = run.records.flatMap((r) => r.traceExemplars ?? []).sort((a, b) => b.durationMs - a.durationMs);
  if (exemplars.length > 0) merged.traceExemplars = exemplars.slice(0, MAX_TRACE_EXEMPLARS);
  if (run.interrupted) merged.interrupted = run.interrupted;
  merged.findings = findingsOf(merged);
  return merged;
}
