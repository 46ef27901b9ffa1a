import type { Scenario } from '../../scenario/index.ts';
import type { WorkerCarrier } from './carrier.ts';
/**
 * A carrier whose worker is this thread: given its task, it runs the slice of `scenario` (the one
 * the parent loaded: no second parse). A failure reaches the pool as the error itself (its class and
 * stack), as this thread's own run would throw it.
 */
export declare function localCarrier(scenario: Scenario): WorkerCarrier;
