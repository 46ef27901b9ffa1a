import type { Stage } from '../types.ts';
import type { ExecutorDefinition } from './definition.ts';
/** VUs following the stages linearly. */
export interface RampingVusConfig {
    executor: 'ramping-vus';
    startVUs: number;
    stages: readonly Stage[];
    gracefulRampDownMs: number;
}
export declare const rampingVus: ExecutorDefinition<RampingVusConfig>;
