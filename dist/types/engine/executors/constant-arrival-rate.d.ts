import type { ScenarioSpec } from '../../scenario/index.ts';
import type { Executor } from './executor.ts';
type Spec = Extract<ScenarioSpec, {
    executor: 'constant-arrival-rate';
}>;
/** Open model: iterations start at `rate` per `timeUnit` whether or not earlier ones finished. */
export declare function constantArrivalRate(spec: Spec): Executor;
export {};
