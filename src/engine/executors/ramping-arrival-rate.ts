import type { ScenarioSpec } from '../../scenario/index.ts';
import { ArrivalSchedule, stagesDurationMs } from '../schedule.ts';
import { arrivalRate } from './arrival-rate.ts';
import type { Executor } from './executor.ts';

type Spec = Extract<ScenarioSpec, { executor: 'ramping-arrival-rate' }>;

/** Open model with the rate following the stages linearly. */
export function rampingArrivalRate(spec: Spec): Executor {
  return arrivalRate(spec, stagesDurationMs(spec.stages), () => new ArrivalSchedule(spec.startRate, spec.timeUnitMs, spec.stages));
}
