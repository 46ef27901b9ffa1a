import type { Issues, Path } from './errors.ts';
import { MapReader } from './fields.ts';
import type { ScenarioSpec, ThresholdSpec } from './types.ts';
export declare const DEFAULTS_KEYS: readonly ["thresholds"];
/** The error rate above which a run fails unless the scenario sets its own threshold on `mcp_errors`. */
export declare const DEFAULT_MAX_ERROR_RATE = 0.05;
/** The share of an open model's scheduled iterations that may be dropped before the run fails: beyond it the planned load was not offered. */
export declare const DEFAULT_MAX_DROPPED_SHARE = 0.01;
/** `defaults: { thresholds: false }` turns the default health gate off. */
export declare function readDefaults(r: MapReader): {
    thresholds: boolean;
};
/**
 * The health gate every run carries unless the scenario opts out: an error rate under 5 % (only
 * when the scenario sets no threshold of its own on `mcp_errors`), at least one successful MCP
 * call (a successful session when the flow makes no call), and, with an arrival-rate scenario, at
 * most 1 % of the scheduled iterations dropped (unless the scenario sets its own threshold on
 * `dropped_iteration_share`). A run against a dead, unauthorised or rate-limiting target therefore
 * fails instead of passing with 100 % errors, and an open model that could not offer its planned
 * load fails instead of passing on the load it did offer.
 */
export declare function withDefaultGate(thresholds: ThresholdSpec[], scenarios: readonly ScenarioSpec[], enabled: boolean): ThresholdSpec[];
/** A warm-up that lasts as long as every scenario's schedule leaves nothing to measure: refused at load time. */
export declare function checkWarmup(warmupMs: number, scenarios: readonly ScenarioSpec[], at: Path, issues: Issues): void;
