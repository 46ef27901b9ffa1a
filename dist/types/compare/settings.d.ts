/** How a metric is tested; decides its defaults and which knobs apply. */
export type MetricKind = 'latency' | 'throughput' | 'error-rate' | 'http-per-call' | 'tokens';
/** The knobs of one metric, defaults applied. */
export interface MetricSettings {
    /** Smallest relative change worth flagging (0.1 = 10 %). */
    minEffect: number;
    /** Smallest absolute change worth flagging, in the metric's unit (ms, calls/s, error rate). */
    floor: number;
    /** Error rates: fewer errors than this in the worse run are never flagged. */
    minCount: number;
    /** Error rates: one-sided significance level of the two-proportion test. */
    alpha: number;
    gated: boolean;
}
/** The `regression:` block of a scenario, validated, defaults applied. */
export interface RegressionSettings {
    /** Window length for the windowed metrics (whole seconds). */
    windowMs: number;
    /** Two-sided confidence of the rank interval (its exact coverage is at least this). */
    confidence: number;
    /** Half-width of the history band in IQRs around the history median. */
    historyK: number;
    /** The knobs of a metric by its reference (`mcp_call_duration_p95`, `tool:send_sms:p95`). */
    metric(ref: string, kind: MetricKind, gatedByDefault: boolean): MetricSettings;
}
/** A `regression:` block that cannot be used; the message names the setting. */
export declare class RegressionSettingsError extends Error {
    name: string;
}
export declare const DEFAULT_WINDOW_MS = 5000;
/** Every overall metric a comparison reports, with its kind. */
export declare const OVERALL_METRICS: Readonly<Record<string, MetricKind>>;
/** Per-tool metrics: `tool:<name>:<short>`; `<name>` may be `*` in settings. */
export declare const TOOL_METRICS: {
    readonly p95: {
        readonly metric: "mcp_call_duration_p95";
        readonly kind: "latency";
    };
    readonly error_rate: {
        readonly metric: "mcp_error_rate";
        readonly kind: "error-rate";
    };
    readonly http_per_call: {
        readonly metric: "http_per_call";
        readonly kind: "http-per-call";
    };
    readonly tokens_per_call: {
        readonly metric: "tokens_per_call";
        readonly kind: "tokens";
    };
};
export type ToolMetric = keyof typeof TOOL_METRICS;
export declare function toolRef(tool: string, short: ToolMetric): string;
/** Validates a scenario's `regression:` block (call it at load time to fail before the run). */
export declare function regressionSettings(block?: Readonly<Record<string, unknown>>): RegressionSettings;
