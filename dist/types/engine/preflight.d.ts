import type { Scenario } from '../scenario/index.ts';
/**
 * Before the load: refuses a run whose VUs cannot all have a file descriptor (DescriptorBudgetError),
 * and returns a warning for each other local limit they may exceed (ephemeral ports).
 * One process checks the whole of its load: with workers, the parent, for all of them together.
 */
export declare function preflight(scenario: Scenario, openStream: boolean): string[];
