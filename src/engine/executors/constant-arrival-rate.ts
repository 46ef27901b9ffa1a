import type { ScenarioSpec } from '../../scenario/index.ts';
import { ArrivalSchedule } from '../schedule.ts';
import { arrivalRate } from './arrival-rate.ts';
import type { Executor } from './executor.ts';

type Spec = Extract<ScenarioSpec, { executor: 'constant-arrival-rate' }>;

/** Open model: iterations start at `rate` per `timeUnit` whether or not earlier ones finished. */
export function constantArrivalRate(spec: Spec): Executor {
  return arrivalRate(spec, spec.durationMs, () => ArrivalSchedule.constant(spec.rate, spec.timeUnitMs, spec.durationMs));
}
