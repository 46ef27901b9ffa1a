import type { MapReader } from './fields.ts';
import type { ExecutorConfig, ExecutorName } from './types.ts';
import { constantArrivalRate } from './executors/constant-arrival-rate.ts';
import { constantVus } from './executors/constant-vus.ts';
import type { ExecutorDefinition, ExecutorDescription, LoadPlan } from './executors/definition.ts';
import { perVuIterations } from './executors/per-vu-iterations.ts';
import { rampingArrivalRate } from './executors/ramping-arrival-rate.ts';
import { rampingVus } from './executors/ramping-vus.ts';
import { sharedIterations } from './executors/shared-iterations.ts';

export { STAGE_KEYS } from './executors/common.ts';
export type { ExecutorDefinition, ExecutorDescription, LoadPlan } from './executors/definition.ts';

/** The one table of executors: each module holds its options, validation, description, shard split and load plan. */
const DEFINITIONS: { readonly [K in ExecutorName]: ExecutorDefinition<Extract<ExecutorConfig, { executor: K }>> } = {
  'constant-vus': constantVus,
  'ramping-vus': rampingVus,
  'per-vu-iterations': perVuIterations,
  'shared-iterations': sharedIterations,
  'constant-arrival-rate': constantArrivalRate,
  'ramping-arrival-rate': rampingArrivalRate,
};

export const EXECUTORS = Object.keys(DEFINITIONS) as readonly ExecutorName[];

/** The options each executor accepts besides the common ones, as in k6. */
export const EXECUTOR_KEYS = Object.fromEntries(EXECUTORS.map((name) => [name, DEFINITIONS[name].keys])) as Readonly<Record<ExecutorName, readonly string[]>>;

/** The definition of `config`'s executor (a union member narrows to its own definition). */
export function definitionOf(config: ExecutorConfig): ExecutorDefinition<ExecutorConfig> {
  return DEFINITIONS[config.executor] as ExecutorDefinition<ExecutorConfig>;
}

export function isExecutorName(value: unknown): value is ExecutorName {
  return typeof value === 'string' && Object.hasOwn(DEFINITIONS, value);
}

/** Reads the executor-specific options of one scenario (unknown keys are the caller's concern). */
export function readExecutor(r: MapReader, executor: ExecutorName): ExecutorConfig {
  return DEFINITIONS[executor].read(r);
}

/** The executor's nominal run time, before graceful stop / ramp-down (k6's "max duration" in the progress bar). */
export function plannedDurationMs(config: ExecutorConfig): number {
  return definitionOf(config).plannedDurationMs(config);
}

/** The most VUs the executor can have at once. */
export function peakVUs(config: ExecutorConfig): number {
  return definitionOf(config).peakVUs(config);
}

/** The key that sets a scenario's peak VUs. */
export function peakVuKey(config: ExecutorConfig): string {
  return definitionOf(config).peakVuKey(config);
}

/** Open model (arrival rate): iterations start on a schedule, not when a VU is free. */
export function isOpenModel(executor: ExecutorName): boolean {
  return DEFINITIONS[executor].openModel;
}

/** The planned load over time (VUs, or iterations per ms); undefined for the iteration-count executors. */
export function loadPlan(config: ExecutorConfig): LoadPlan | undefined {
  return definitionOf(config).loadPlan(config);
}

/** The reports' words for the executor's load. */
export function describeExecutor(config: ExecutorConfig): ExecutorDescription {
  return definitionOf(config).describe(config);
}
