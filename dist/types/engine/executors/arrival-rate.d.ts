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
 * window. Each iteration is due at its scheduled time and takes a free VU. With none free it waits
 * for the first VU to become free: one finishing its iteration, or a new one (up to `maxVUs`; see
 * openingAtOnce for how many at a time) opening its session in the background. When every one of `maxVUs` VUs would be taken
 * by the iterations running and waiting, a due iteration is dropped (`dropped_iterations`). The
 * wait between the due time and the actual start counts in the latency, so the coordinated
 * omission of closed-loop tools is not hidden.
 *
 * Why an iteration does not simply start on a new VU, handshake included: after a stall of some ms
 * at thousands per second, every due iteration then waited for a handshake although a warm VU was
 * free within a ms, the handshakes held the generator's core, and 400 VUs were busy at once at
 * 2,000/s (bench/open-model.ts: 3-9 % of the iterations dropped). Why new VUs open a few at a time
 * only for iterations the generator's own stall held: against a slow server that holds every VU,
 * from few preallocated, a pool that grew by an eighth per handshake dropped 246 of 600 at 200/s.
 */
export declare function arrivalRate(spec: ConstantSpec | RampingSpec, durationMs: number, schedule: () => ArrivalSchedule): Executor;
export {};
