import { type Issues } from './errors.ts';
import type { EventSpec, ScenarioSpec } from './types.ts';
export declare const EVENT_KEYS: readonly ["at", "name", "run", "timeout"];
export declare const DEFAULT_EVENT_TIMEOUT_MS = 30000;
/**
 * `events: [{ at: 8s, name: kill-b, run: "docker kill b" | [argv…], timeout: 10s }]`: moments of
 * the run (since its start, warm-up included) to mark, and commands to run then. Each event must
 * fall within the planned run, and a command must say something to run.
 */
export declare function readEvents(value: unknown, scenarios: readonly ScenarioSpec[], issues: Issues): EventSpec[];
