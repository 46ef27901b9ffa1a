import type { ExecutorName, ScenarioSpec } from '../../scenario/index.ts';
import { constantArrivalRate } from './constant-arrival-rate.ts';
import { constantVus } from './constant-vus.ts';
import type { Executor } from './executor.ts';
import { perVuIterations } from './per-vu-iterations.ts';
import { rampingArrivalRate } from './ramping-arrival-rate.ts';
import { rampingVus } from './ramping-vus.ts';
import { sharedIterations } from './shared-iterations.ts';

export type { Executor, ExecutorContext } from './executor.ts';

type Run<K extends ExecutorName> = (spec: Extract<ScenarioSpec, { executor: K }>) => Executor;

/** The one table of executor runs; their options, validation and description are in src/scenario/executors/. */
const RUNS: { readonly [K in ExecutorName]: Run<K> } = {
  'constant-vus': constantVus,
  'ramping-vus': rampingVus,
  'per-vu-iterations': perVuIterations,
  'shared-iterations': sharedIterations,
  'constant-arrival-rate': constantArrivalRate,
  'ramping-arrival-rate': rampingArrivalRate,
};

export function createExecutor(spec: ScenarioSpec): Executor {
  return (RUNS[spec.executor] as Run<ExecutorName>)(spec);
}
