import { type Scenario, type WorkerMode } from '../scenario/index.ts';
import { type DescriptorLimits } from './descriptor-budget.ts';
/** How a run's load is carried: in this process (threads or none), or in worker processes with their own descriptors. */
export interface WorkerPlan {
    workers: number;
    mode: WorkerMode;
}
/**
 * Before the load: refuses a run whose VUs cannot all have a file descriptor (DescriptorBudgetError),
 * and returns a warning for each other local limit they may exceed (ephemeral ports).
 * Descriptors are per process: in this process, the whole load (its worker threads share the
 * limit); in worker processes, the largest worker's slice against a fresh process's limit (each
 * worker process checks its own again when it starts). Ports are the machine's: the whole load.
 */
export declare function preflight(scenario: Scenario, openStream: boolean, plan?: WorkerPlan, limits?: DescriptorLimits | undefined): string[];
