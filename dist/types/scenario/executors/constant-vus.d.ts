import type { ExecutorDefinition } from './definition.ts';
/** A fixed number of VUs looping over the flow for a duration. */
export interface ConstantVusConfig {
    executor: 'constant-vus';
    vus: number;
    durationMs: number;
}
export declare const constantVus: ExecutorDefinition<ConstantVusConfig>;
