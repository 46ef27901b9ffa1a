import type { ScenarioSpec } from '../../scenario/index.ts';
import { type Executor } from './executor.ts';
type Spec = Extract<ScenarioSpec, {
    executor: 'per-vu-iterations';
}>;
/** Each VU runs the flow `iterations` times, within `maxDuration`. */
export declare function perVuIterations(spec: Spec): Executor;
export {};
