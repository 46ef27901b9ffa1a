import type { ExecutorDefinition } from './definition.ts';
/** Each VU runs the flow `iterations` times, within `maxDuration`. */
export interface PerVuIterationsConfig {
    executor: 'per-vu-iterations';
    vus: number;
    iterations: number;
    maxDurationMs: number;
}
export declare const perVuIterations: ExecutorDefinition<PerVuIterationsConfig>;
