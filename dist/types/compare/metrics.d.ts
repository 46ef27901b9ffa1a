import { type MetricKind } from './settings.ts';
import type { HistoryEntry, TokenSample } from './types.ts';
/** One metric a comparison reports: how to read it from a run and how to test it. */
export interface ComparedMetric {
    /** The key of its settings and of `gate:` (`mcp_call_duration_p95`, `tool:send_sms:p95`). */
    ref: string;
    metric: string;
    tool?: string;
    kind: MetricKind;
    gatedByDefault: boolean;
    /** Throughput: a fall is the regression. */
    lowerIsWorse: boolean;
    /** The run's figure; null when the run does not have the metric at all (→ new / gone). */
    value(run: HistoryEntry): number | null;
    /** Windowed metrics: the steady-state window samples (the figure is their median). */
    windows?(run: HistoryEntry): number[];
    /** Error rates: the counts behind the rate. */
    counts?(run: HistoryEntry): {
        errors: number;
        calls: number;
    } | undefined;
    /** Per-tool latency: the tool's share of the run's calls. */
    share?(run: HistoryEntry): number;
    /** Tokens: the replies the estimate rests on. */
    sample?(run: HistoryEntry): TokenSample | undefined;
}
/**
 * Gated by default: p95 MCP call duration, MCP error rate, HTTP requests per session of setup and
 * per call of calls (exact when whole numbers), and throughput when an arrival-rate executor fixes the offered load (under a closed model
 * throughput only mirrors latency). The rest is informational unless promoted with `gate:`.
 */
export declare function comparedMetrics(current: HistoryEntry, baselines: readonly HistoryEntry[], arrivalRate: boolean): ComparedMetric[];
