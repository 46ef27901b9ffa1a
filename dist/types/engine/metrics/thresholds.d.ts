import { MetricsRegistry } from './registry.ts';
import { type MetricsSnapshot } from './snapshot.ts';
/** One k6 threshold expression, e.g. `p(95)<200` on `mcp_call_duration{tool:send_sms}`. */
export interface ThresholdSpec {
    metric: string;
    tags: Record<string, string>;
    /** The expression as written, e.g. `p(95)<200`. */
    source: string;
    aggregation: {
        kind: 'p';
        p: number;
    } | {
        kind: 'avg' | 'min' | 'max' | 'med' | 'rate' | 'count' | 'value';
    };
    op: '<' | '<=' | '>' | '>=' | '===' | '!=';
    value: number;
    abortOnFail: boolean;
    delayAbortEvalMs: number;
}
export interface ThresholdResult {
    source: string;
    metric: string;
    tags: Record<string, string>;
    ok: boolean;
    /** Durations in ms; null when skipped (no samples yet) or invalid. */
    observed: number | null;
    /** Why the threshold could not be evaluated (unknown metric, aggregation not valid for the type). */
    error?: string;
}
export interface EvaluateOptions {
    /** End of measured time for rates when the registry is still running. Default `Date.now()`. */
    nowMs?: number;
    /**
     * Skip (pass) thresholds whose sub-metric has no samples yet, as k6 does for the periodic
     * evaluation during the run. The final evaluation (default) computes them on empty data.
     */
    ignoreEmpty?: boolean;
}
/** Evaluates thresholds against a live registry or a snapshot, in the order given. */
export declare function evaluateThresholds(from: MetricsRegistry | MetricsSnapshot, specs: readonly ThresholdSpec[], options?: EvaluateOptions): ThresholdResult[];
