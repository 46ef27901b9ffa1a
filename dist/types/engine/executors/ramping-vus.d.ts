import type { ScenarioSpec } from '../../scenario/index.ts';
import { type Executor } from './executor.ts';
type Spec = Extract<ScenarioSpec, {
    executor: 'ramping-vus';
}>;
/**
 * VUs follow the stages linearly. A VU removed on ramp-down finishes its iteration, or is
 * interrupted after `gracefulRampDown`; VUs are reused (with their warm sessions) when the count rises again.
 */
export declare function rampingVus(spec: Spec): Executor;
export {};
