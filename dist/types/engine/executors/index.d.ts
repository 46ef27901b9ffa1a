import type { ScenarioSpec } from '../../scenario/index.ts';
import type { Executor } from './executor.ts';
export type { Executor, ExecutorContext } from './executor.ts';
export declare function createExecutor(spec: ScenarioSpec): Executor;
