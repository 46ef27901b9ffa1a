import type { ExecutorDefinition } from './definition.ts';
/** Open model: iterations start at `rate` per `timeUnit` whether or not earlier ones finished. */
export interface ConstantArrivalRateConfig {
    executor: 'constant-arrival-rate';
    rate: number;
    timeUnitMs: number;
    durationMs: number;
    preAllocatedVUs: number;
    maxVUs: number;
}
export declare const constantArrivalRate: ExecutorDefinition<ConstantArrivalRateConfig>;
