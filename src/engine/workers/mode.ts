import { shardScenario, type Scenario, type Shard, type WorkerMode } from '../../scenario/index.ts';
import { currentDescriptorLimits, descriptorsNeeded, fitsDescriptors, freshProcessLimits } from '../descriptor-budget.ts';

export interface WorkerModeChoice {
  mode: WorkerMode;
  /** Why processes were chosen without being asked for: said to the user before the run. */
  why?: string;
}

/**
 * Threads or processes: the one asked for (`--worker-mode`, the action input, the scenario's
 * `workers: { mode }`), else threads (they start faster and cost less memory, docs/scale-out.md),
 * unless the load does not fit this process's file descriptors while each worker's slice fits a
 * process of its own: then processes, said so. A load neither fits is left to the pre-flight,
 * whose refusal names the worker processes that would hold it.
 */
export function resolveWorkerMode(
  scenario: Scenario,
  workers: number,
  flag: WorkerMode | undefined,
  shard: Shard | undefined,
  limits = currentDescriptorLimits(),
): WorkerModeChoice {
  const asked = flag ?? scenario.workerMode;
  if (asked !== undefined) return { mode: asked };
  if (workers <= 1 || limits === undefined) return { mode: 'thread' };
  const load = shard ? shardScenario(scenario, shard) : scenario;
  const stream = scenario.client.stream;
  if (fitsDescriptors(load, stream, limits)) return { mode: 'thread' };
  if (!fitsDescriptors(shardScenario(load, { index: 1, count: workers }), stream, freshProcessLimits(limits))) return { mode: 'thread' };
  const { vus, needed } = descriptorsNeeded(load, stream);
  return {
    mode: 'process',
    why:
      `workers: ${workers} child processes rather than threads: ${vus} VUs need about ${needed} file descriptors, more than this process may open ` +
      `(ulimit -n ${limits.limit}, ${limits.inUse} in use); each worker process has a limit of its own`,
  };
}
