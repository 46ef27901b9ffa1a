import { type MetricData } from '@opentelemetry/sdk-metrics';
import { type Result } from '../results/index.ts';
import type { LiveSample, Output } from './output.ts';
/** The boundaries the MCP semantic conventions advise for `mcp.client.operation.duration`, in seconds. */
export declare const OPERATION_DURATION_BOUNDARIES: number[];
/**
 * `mcp.client.operation.duration` (histogram, s) per MCP method and tool, prompt or resource, failures
 * with `error.type` (mcp-load's outcome class), from the result's HDR histograms; attributes as the
 * MCP semantic conventions name them.
 */
export declare function operationDurations(result: Result): MetricData;
/** Live figures: calls and errors so far (monotonic sums) and the VUs now (a gauge). */
export declare function liveMetrics(sample: LiveSample, startMs: number): MetricData[];
/** An OTLP/HTTP protobuf body (ExportMetricsServiceRequest), encoded by OpenTelemetry's own serializer. */
export declare function encodeMetrics(metrics: MetricData[], resource: Record<string, string>): Uint8Array;
/** `otlp=URL`: OTLP/HTTP metrics, live every 5 s and the operation-duration histograms at the end. */
export declare class OtlpOutput implements Output {
    private readonly url;
    readonly description: string;
    private readonly queue;
    private readonly startMs;
    private lastLiveMs;
    private readonly resource;
    constructor(url: string, scenario: string);
    sample(sample: LiveSample): void;
    finish(result: Result): Promise<string[]>;
}
