import { type MetricsSnapshot } from '../engine/index.ts';
/** One row of the per-tool or per-method tables. Durations in ms. */
export interface OperationBreakdown {
    method: string;
    /** The tool, prompt or resource for operations that name one. */
    tool?: string;
    calls: number;
    errors: number;
    errorRate: number;
    /** Of successful calls; null when none succeeded. */
    p50: number | null;
    p95: number | null;
    p99: number | null;
    max: number | null;
    /** p95 of failed calls: shown apart, so failing fast never reads as faster. */
    failedP95: number | null;
    httpReqs: number;
    httpPerCall: number;
    bytesSent: number;
    bytesReceived: number;
}
/**
 * Per (method, tool) and per method rows, merged across scenarios and outcome classes from the
 * tagged series: latency percentiles come from added histograms, never from averaged percentiles.
 */
export declare function breakdowns(snapshot: MetricsSnapshot): {
    byTool: OperationBreakdown[];
    byMethod: OperationBreakdown[];
};
