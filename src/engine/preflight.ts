import type { Scenario } from '../scenario/index.ts';
import { checkDescriptorBudget } from './descriptor-budget.ts';
import { ephemeralPortWarning } from './port-budget.ts';

/**
 * Before the load: refuses a run whose VUs cannot all have a file descriptor (DescriptorBudgetError),
 * and returns a warning for each other local limit they may exceed (ephemeral ports).
 * One process checks the whole of its load: with workers, the parent, for all of them together.
 */
export function preflight(scenario: Scenario, openStream: boolean): string[] {
  checkDescriptorBudget(scenario, openStream);
  const ports = ephemeralPortWarning(scenario, openStream);
  return ports === undefined ? [] : [ports];
}
