import { type Scenario, type Shard, type WorkerMode } from '../../scenario/index.ts';
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
export declare function resolveWorkerMode(scenario: Scenario, workers: number, flag: WorkerMode | undefined, shard: Shard | undefined, limits?: import("../descriptor-budget.ts").DescriptorLimits | undefined): WorkerModeChoice;
