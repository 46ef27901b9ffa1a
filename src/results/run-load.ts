import { endPrestarted, preflight, resolveWorkerMode, type Progress, type StopSignal, type WorkerTask } from '../engine/index.ts';
import { shardScenario, type Shard, type WorkerMode } from '../scenario/index.ts';
import type { Scenario } from '../scenario/index.ts';
import type { Result } from './types.ts';

// The engine is imported for the mode that runs: with workers, this thread starts them, merges their
// records and, with threads and a target of its own, runs worker 1's slice itself
// (engine/workers/local-carrier.ts). The result's code loads after the run.
export interface LoadRun {
  url: string;
  stop: StopSignal;
  abort: StopSignal;
  onProgress?: (progress: Progress) => void;
  /** A pre-flight warning (ephemeral ports…), before the load starts. */
  onWarning?: (warning: string) => void;
  shard?: Shard;
  /** Workers (see engine/workers/count.ts for the default); 1 runs the load in this thread. */
  workers: number;
  /** Threads or child processes; undefined: resolveWorkerMode's choice (engine/workers/mode.ts). */
  workerMode?: WorkerMode;
  /** How the workers load the scenario file again: the options this process loaded it with. */
  load: WorkerTask['load'];
  env?: NodeJS.ProcessEnv;
}

/** Runs the scenario (in this thread, or in workers merged exactly) and returns its result. */
export async function runLoad(scenario: Scenario, run: LoadRun): Promise<Result> {
  const env = run.env ?? process.env;
  const shard = run.shard ? { shard: run.shard } : {};
  const onProgress = run.onProgress ? { onProgress: run.onProgress } : {};
  if (run.workers <= 1) {
    // Worker threads the CLI started before it knew (engine/workers/prestart.ts) are not needed.
    endPrestarted();
    const { runTest } = await import('../engine/index.ts');
    const outcome = await runTest(scenario, {
      url: run.url,
      stop: run.stop,
      abort: run.abort,
      ...onProgress,
      ...shard,
      ...(run.onWarning ? { onWarning: run.onWarning } : {}),
    });
    const { buildResult } = await import('./build.ts');
    return buildResult(scenario, run.url, outcome, env);
  }
  const mode = run.workerMode ?? resolveWorkerMode(scenario, run.workers, undefined, run.shard).mode;
  // Threads share this process's descriptors, processes each have their own, all share the machine's ports: checked here, before any starts.
  const warnings = preflight(run.shard ? shardScenario(scenario, run.shard) : scenario, scenario.client.stream, { workers: run.workers, mode });
  for (const warning of warnings) run.onWarning?.(warning);
  const { runInWorkers } = await import('../engine/index.ts');
  const outcome = await runInWorkers(scenario, {
    file: scenario.file,
    load: run.load,
    url: run.url,
    workers: run.workers,
    mode,
    stop: run.stop,
    abort: run.abort,
    ...onProgress,
    ...shard,
  });
  const { resultOfWorkers } = await import('./workers.ts');
  const result = resultOfWorkers(scenario, run.url, outcome, run.shard, env, mode);
  result.warnings.unshift(...warnings);
  return result;
}
