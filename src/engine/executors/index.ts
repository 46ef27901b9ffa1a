import type { ScenarioSpec } from '../../scenario/index.ts';
import { constantArrivalRate, rampingArrivalRate } from './arrival-rate.ts';
import { constantVus } from './constant-vus.ts';
import type { Executor } from './executor.ts';
import { perVuIterations } from './per-vu-iterations.ts';
import { rampingVus } from './ramping-vus.ts';
import { sharedIterations } from './shared-iterations.ts';

export type { Executor, ExecutorContext } from './executor.ts';

export function createExecutor(spec: ScenarioSpec): Executor {
  switch (spec.executor) {
    case 'constant-vus':
      return constantVus(spec);
    case 'ramping-vus':
      return rampingVus(spec);
    case 'per-vu-iterations':
      return perVuIterations(spec);
    case 'shared-iterations':
      return sharedIterations(spec);
    case 'constant-arrival-rate':
      return constantArrivalRate(spec);
    case 'ramping-arrival-rate':
      return rampingArrivalRate(spec);
  }
}
