import { type MetricsSnapshot, type SeriesSnapshot, type TrendState } from '../engine/index.ts';
/** A metric's untagged aggregate in a snapshot (its series all together), if it was recorded. */
export declare function totalOf(metrics: MetricsSnapshot, metric: string): SeriesSnapshot | undefined;
/** A counter's total count; 0 when it was never recorded. */
export declare function totalCount(metrics: MetricsSnapshot, metric: string): number;
/** A counter's total and its rate per second of measured time. */
export declare function counterTotal(metrics: MetricsSnapshot, metric: string): {
    count: number;
    rate: number;
} | undefined;
/** A trend's whole-run summary (ms); undefined without a sample. */
export declare function trendTotal(metrics: MetricsSnapshot, metric: string): {
    mean: number;
    p50: number;
    p95: number;
    p99: number;
} | undefined;
/**
 * Failed calls' latency, apart from `mcp_call_duration`'s (of successful calls, so that failing fast
 * never reads as faster): its `expected_response:false` series merged exactly; undefined without one.
 */
export declare function failedCallLatency(metrics: MetricsSnapshot): TrendState['summary'] | undefined;
