import type { MapReader } from './fields.ts';
import type { ExecutorConfig, ExecutorName } from './types.ts';
import type { ExecutorDefinition, ExecutorDescription, LoadPlan, Shortcut } from './executors/definition.ts';
export { STAGE_KEYS } from './executors/common.ts';
export type { ExecutorDefinition, ExecutorDescription, LoadPlan, Shortcut } from './executors/definition.ts';
export declare const EXECUTORS: readonly ExecutorName[];
/** The options each executor accepts besides the common ones, as in k6. */
export declare const EXECUTOR_KEYS: Readonly<Record<ExecutorName, readonly string[]>>;
/** The option the CLI's `--vus`, `--duration` or `--iterations` sets in this executor, or undefined where it makes no sense. */
export declare function shortcutKey(executor: ExecutorName, shortcut: Shortcut): string | undefined;
/** The executors a shortcut applies to. */
export declare function shortcutExecutors(shortcut: Shortcut): ExecutorName[];
/** The definition of `config`'s executor (a union member narrows to its own definition). */
export declare function definitionOf(config: ExecutorConfig): ExecutorDefinition<ExecutorConfig>;
export declare function isExecutorName(value: unknown): value is ExecutorName;
/** Reads the executor-specific options of one scenario (unknown keys are the caller's concern). */
export declare function readExecutor(r: MapReader, executor: ExecutorName): ExecutorConfig;
/** The executor's nominal run time, before graceful stop / ramp-down (k6's "max duration" in the progress bar). */
export declare function plannedDurationMs(config: ExecutorConfig): number;
/** The most VUs the executor can have at once. */
export declare function peakVUs(config: ExecutorConfig): number;
/** The key that sets a scenario's peak VUs. */
export declare function peakVuKey(config: ExecutorConfig): string;
/** Open model (arrival rate): iterations start on a schedule, not when a VU is free. */
export declare function isOpenModel(executor: ExecutorName): boolean;
/** The planned load over time (VUs, or iterations per ms); undefined for the iteration-count executors. */
export declare function loadPlan(config: ExecutorConfig): LoadPlan | undefined;
/** The reports' words for the executor's load. */
export declare function describeExecutor(config: ExecutorConfig): ExecutorDescription;
