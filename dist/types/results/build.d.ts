import { type RunOutcome, type ThresholdResult, type RunRecord } from '../engine/index.ts';
import type { Scenario, ThresholdSpec } from '../scenario/index.ts';
import { type Result, type ThresholdOutcome } from './types.ts';
/** The versioned result of a run: what the engine measured, in the one format every reader uses. */
export declare function buildResult(scenario: Scenario, url: string, run: RunOutcome, env?: NodeJS.ProcessEnv): Result;
/** As buildResult, from a run's plain record (what a worker thread reports). */
export declare function resultOfRecord(scenario: Scenario, url: string, run: RunRecord, env?: NodeJS.ProcessEnv): Result;
/** What a result derives from its metrics: HTTP per call, sessions, per-tool and per-method tables, checks, tool output, instances. */
export declare function viewsOf(metrics: Result['metrics']): Pick<Result, 'httpPerCall' | 'sessions' | 'byTool' | 'byMethod' | 'checks' | 'toolOutput' | 'instances' | 'sessionLifecycle'>;
/** Evaluated thresholds under the keys the scenario wrote them with. */
export declare function thresholdOutcomes(specs: readonly Pick<ThresholdSpec, 'key' | 'default'>[], evaluated: readonly ThresholdResult[]): ThresholdOutcome[];
/** Drops credentials, query and fragment: tokens sometimes ride in URLs. */
export declare function publicUrl(url: string): string;
