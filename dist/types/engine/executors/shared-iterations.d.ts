import type { ScenarioSpec } from '../../scenario/index.ts';
import { type Executor } from './executor.ts';
type Spec = Extract<ScenarioSpec, {
    executor: 'shared-iterations';
}>;
/** `iterations` in all, shared by the VUs: whichever is free takes the next one. */
export declare function sharedIterations(spec: Spec): Executor;
export {};
