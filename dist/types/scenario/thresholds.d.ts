import { type Issues, type Path } from './errors.ts';
import type { ThresholdAggregation, ThresholdOperator, ThresholdSpec } from './types.ts';
import { BUILTIN_METRICS, type MetricType } from '../metric-catalogue.ts';
export type { MetricType };
export { BUILTIN_METRICS };
export declare const THRESHOLD_OBJECT_KEYS: readonly ["threshold", "abortOnFail", "delayAbortEval"];
/** Reads `thresholds:` (metric key → list of expressions or {threshold, abortOnFail, delayAbortEval}). */
export declare function readThresholds(value: unknown, path: Path, issues: Issues): ThresholdSpec[];
/** `mcp_call_duration{tool:send_sms,method:tools/call}` → metric and tag filter; unknown metrics are errors. */
export declare function parseThresholdKey(key: string): {
    metric: string;
    tags: Record<string, string>;
} | {
    error: string;
};
/** `p(95)<200`, `rate<0.01`, `avg<1s` (trend values may carry a duration unit; they compare in ms). */
export declare function parseThresholdExpression(source: string, type: MetricType): {
    aggregation: ThresholdAggregation;
    op: ThresholdOperator;
    value: number;
} | {
    error: string;
};
