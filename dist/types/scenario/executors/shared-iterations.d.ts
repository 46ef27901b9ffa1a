import type { ExecutorDefinition } from './definition.ts';
/** `iterations` in all, shared by the VUs: whichever is free takes the next one. */
export interface SharedIterationsConfig {
    executor: 'shared-iterations';
    vus: number;
    iterations: number;
    maxDurationMs: number;
}
export declare const sharedIterations: ExecutorDefinition<SharedIterationsConfig>;
