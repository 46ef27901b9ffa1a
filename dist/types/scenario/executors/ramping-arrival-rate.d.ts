import type { Stage } from '../types.ts';
import type { ExecutorDefinition } from './definition.ts';
/** Open model with the rate following the stages linearly. */
export interface RampingArrivalRateConfig {
    executor: 'ramping-arrival-rate';
    startRate: number;
    timeUnitMs: number;
    stages: readonly Stage[];
    preAllocatedVUs: number;
    maxVUs: number;
}
export declare const rampingArrivalRate: ExecutorDefinition<RampingArrivalRateConfig>;
