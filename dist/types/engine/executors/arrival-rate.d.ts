import type { ScenarioSpec } from '../../scenario/index.ts';
import type { ArrivalSchedule } from '../schedule.ts';
import { type Executor } from './executor.ts';
type ConstantSpec = Extract<ScenarioSpec, {
    executor: 'constant-arrival-rate';
}>;
type RampingSpec = Extract<ScenarioSpec, {
    executor: 'ramping-arrival-rate';
}>;
/**
 * The `preAllocatedVUs` are created and open their sessions in the setup, before the measured
 * window. Each iteration is due at its scheduled time and takes a free VU; with none free, a new
 * VU is allocated up to `maxVUs`, beyond which the iteration is dropped (`dropped_iterations`).
 * The wait between the due time and the actual start counts in the latency, so the coordinated
 * omission of closed-loop tools is not hidden.
 */
export declare function arrivalRate(spec: ConstantSpec | RampingSpec, durationMs: number, schedule: () => ArrivalSchedule): Executor;
export {};
