import { shardScenario, type Scenario, type WorkerMode } from '../scenario/index.ts';
import { checkDescriptorBudget, currentDescriptorLimits, freshProcessLimits, processesNeeded, type DescriptorLimits } from './descriptor-budget.ts';
import { ephemeralPortWarning } from './port-budget.ts';

/** How a run's load is carried: in this process (threads or none), or in worker processes with their own descriptors. */
export interface WorkerPlan {
  workers: number;
  mode: WorkerMode;
}

const ONE_PROCESS: WorkerPlan = { workers: 1, mode: 'thread' };

/**
 * Before the load: refuses a run whose VUs cannot all have a file descriptor (DescriptorBudgetError),
 * and returns a warning for each other local limit they may exceed (ephemeral ports).
 * Descriptors are per process: in this process, the whole load (its worker threads share the
 * limit); in worker processes, the largest worker's slice against a fresh process's limit (each
 * worker process checks its own again when it starts). Ports are the machine's: the whole load.
 */
export function preflight(scenario: Scenario, openStream: boolean, plan: WorkerPlan = ONE_PROCESS, limits = currentDescriptorLimits()): string[] {
  checkDescriptors(scenario, openStream, plan, limits);
  const ports = ephemeralPortWarning(scenario, openStream);
  return ports === undefined ? [] : [ports];
}

function checkDescriptors(scenario: Scenario, openStream: boolean, plan: WorkerPlan, limits: DescriptorLimits | undefined): void {
  if (limits === undefined) return;
  const processes = Math.max(2, processesNeeded(scenario, openStream, limits));
  if (plan.mode !== 'process' || plan.workers <= 1) return checkDescriptorBudget(scenario, openStream, limits, { processes });
  // Slice 1 is the largest: remainders go to the lowest slices.
  const largest = shardScenario(scenario, { index: 1, count: plan.workers });
  checkDescriptorBudget(largest, openStream, freshProcessLimits(limits), { where: `worker process 1/${plan.workers}`, processes, estimated: true });
}
