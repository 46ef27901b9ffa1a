import { MapReader } from './fields.ts';
import type { ScenarioSpec } from './types.ts';
export declare const COMMON_SCENARIO_KEYS: readonly ["executor", "startTime", "gracefulStop", "session", "flow", "tags"];
export declare const SESSIONS: readonly ["per-vu", "per-iteration"];
/** Reads `scenarios:` (name → executor options, common options and flow). */
export declare function readScenarios(r: MapReader, raw: unknown, rows: Record<string, readonly unknown[]>): ScenarioSpec[];
