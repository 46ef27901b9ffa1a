import * as core from '@actions/core';
import { withTargetOrDemo } from '../demo/index.ts';
import { withStopSignals, type StopSignal, resolveWorkers, resolveWorkerMode } from '../engine/index.ts';
import { throttledProgress, renderTerminalSummary, renderCapacityTerminal } from '../report/index.ts';
import { type Result, runLoad } from '../results/index.ts';
import { formatShard, type Shard, type Scenario, type LoadOptions, type WorkerMode } from '../scenario/index.ts';
import { runCapacity, type CapacitySettings } from '../capacity/index.ts';

/** A log line every this often: the Actions log is not a terminal. */
const PROGRESS_EVERY_MS = 10_000;

/**
 * Runs the scenario (or the shard's slice of it) against its target, or the embedded demo server
 * when it has none; logs progress and the summary.
 */
export function runLoadTest(
  scenario: Scenario,
  load: Omit<LoadOptions, 'readFile'>,
  shard?: Shard,
  workers: { count?: number | undefined; mode?: WorkerMode | undefined } = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<Result> {
  const onDemo = (url: string): void => core.info(`no target in ${scenario.file} and no target input: running against the embedded demo server at ${url}`);
  // A cancelled workflow sends SIGINT then SIGTERM: stop gracefully and still report what ran.
  const onCancel = (): void => core.warning('mcp-load: cancelled; stopping gracefully and writing the results of what ran');
  return withTargetOrDemo(scenario.target, onDemo, (url) =>
    withStopSignals(onCancel, (signals) => runAndLog(scenario, load, url, signals, shard, workers, env)),
  );
}

async function runAndLog(
  scenario: Scenario,
  load: Omit<LoadOptions, 'readFile'>,
  url: string,
  signals: { stop: StopSignal; abort: StopSignal },
  shard: Shard | undefined,
  asked: { count?: number | undefined; mode?: WorkerMode | undefined },
  env: NodeJS.ProcessEnv,
): Promise<Result> {
  if (shard) core.info(`shard ${formatShard(shard)}: this job runs its slice of the load; a last job with mode: merge merges the ${shard.count} jobs' results`);
  const onProgress = throttledProgress((line) => core.info(line), PROGRESS_EVERY_MS);
  const onWarning = (warning: string): void => core.warning(`mcp-load: ${warning}`);
  const { workers } = resolveWorkers(scenario, asked.count, shard);
  const { mode: workerMode, why } = resolveWorkerMode(scenario, workers, asked.mode, shard);
  if (why) core.info(why);
  else if (workers > 1)
    core.info(`running the load in ${workers} worker ${workerMode === 'process' ? 'processes' : 'threads'}, each its slice, merged exactly`);
  const result = await runLoad(scenario, { url, ...signals, onProgress, onWarning, ...(shard ? { shard } : {}), workers, workerMode, load, env });
  core.info(renderTerminalSummary(result));
  return result;
}

/** `capacity-slo`: the capacity search instead of the scenario's own shape; each step logged. */
export function runCapacityLoadTest(scenario: Scenario, settings: CapacitySettings, env: NodeJS.ProcessEnv = process.env): Promise<Result> {
  const onDemo = (url: string): void => core.info(`no target in ${scenario.file} and no target input: running against the embedded demo server at ${url}`);
  const onCancel = (): void => core.warning('mcp-load: cancelled; the running capacity step may finish, no further step starts');
  return withTargetOrDemo(scenario.target, onDemo, (url) =>
    withStopSignals(onCancel, async (signals) => {
      const result = await runCapacity(
        scenario,
        url,
        signals,
        settings,
        (step) => core.info(`capacity step ${step.rate}/s: ${step.held ? 'held' : `broke (${step.limit})`}`),
        env,
      );
      core.info(renderCapacityTerminal(result.capacity!));
      return result;
    }),
  );
}
