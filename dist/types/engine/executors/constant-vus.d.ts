import type { ScenarioSpec } from '../../scenario/index.ts';
import { type Executor } from './executor.ts';
type Spec = Extract<ScenarioSpec, {
    executor: 'constant-vus';
}>;
/** A fixed number of VUs looping over the flow for a duration. */
export declare function constantVus(spec: Spec): Executor;
export {};
