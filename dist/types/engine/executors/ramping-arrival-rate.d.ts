import type { ScenarioSpec } from '../../scenario/index.ts';
import type { Executor } from './executor.ts';
type Spec = Extract<ScenarioSpec, {
    executor: 'ramping-arrival-rate';
}>;
/** Open model with the rate following the stages linearly. */
export declare function rampingArrivalRate(spec: Spec): Executor;
export {};
