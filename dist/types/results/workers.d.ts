import type { WorkersOutcome } from '../engine/index.ts';
import type { Shard, WorkerMode } from '../scenario/index.ts';
import type { Scenario } from '../scenario/index.ts';
import type { Result } from './types.ts';
/**
 * The one result of a run in workers (threads or processes): each worker's record is a shard of the process's
 * load, merged exactly as `mcp-load merge` merges shards (counters and histograms add, series
 * align). It reads as a one-process run would, but for `environment.workers` and `workerMode`: no shard (or the
 * process's own `--shard`), the workers' warnings once each, the interruption the parent decided.
 */
export declare function resultOfWorkers(scenario: Scenario, url: string, run: WorkersOutcome, shard: Shard | undefined, env?: NodeJS.ProcessEnv, mode?: WorkerMode): Result;
