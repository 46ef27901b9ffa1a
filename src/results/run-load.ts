import { runTest, type Progress } from '../engine/index.ts';
import type { StopSignal } from '../engine/index.ts';
import { runInWorkers } from '../engine/index.ts';
import type { WorkerTask } from '../engine/index.ts';
import { preflight } from '../engine/index.ts';
import { shardScenario, type Shard } from '../scenario/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { buildResult } from './build.ts';
import type { Result } from './types.ts';
import { resultOfWorkers } from './workers.ts';

export interface LoadRun {
  url: string;
  stop: StopSignal;
  abort: StopSignal;
  onProgress?: (progress: Progress) => void;
  /** A pre-flight warning (ephemeral ports…), before the load starts. */
  onWarning?: (warning: string) => void;
  shard?: Shard;
  /** Worker threads (see engine/workers/count.ts for the default); 1 runs the load in this thread. */
  workers: number;
  /** How the workers load the scenario file again: the options this process loaded it with. */
  load: WorkerTask['load'];
  env?: NodeJS.ProcessEnv;
}

/** Runs the scenario (in this thread, or in worker threads merged exactly) and returns its result. */
export async function runLoad(scenario: Scenario, run: LoadRun): Promise<Result> {
  const env = run.env ?? process.env;
  const shard = run.shard ? { shard: run.shard } : {};
  const onProgress = run.onProgress ? { onProgress: run.onProgress } : {};
  if (run.workers <= 1) {
    const outcome = await runTest(scenario, {
      url: run.url,
      stop: run.stop,
      abort: run.abort,
      ...onProgress,
      ...shard,
      ...(run.onWarning ? { onWarning: run.onWarning } : {}),
    });
    return buildResult(scenario, run.url, outcome, env);
  }
  // The workers share this process's descriptors and the machine's ports: checked here, for all of them.
  const warnings = preflight(run.shard ? shardScenario(scenario, run.shard) : scenario, scenario.client.stream);
  for (const warning of warnings) run.onWarning?.(warning);
  const outcome = await runInWorkers(scenario, {
    file: scenario.file,
    load: run.load,
    url: run.url,
    workers: run.workers,
    stop: run.stop,
    abort: run.abort,
    ...onProgress,
    ...shard,
  });
  const result = resultOfWorkers(scenario, run.url, outcome, run.shard, env);
  result.warnings.unshift(...warnings);
  return result;
}
