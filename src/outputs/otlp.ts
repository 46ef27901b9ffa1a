import { ValueType } from '@opentelemetry/api';
import { ProtobufMetricsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AggregationTemporality, DataPointType, type MetricData, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { publicUrl, type Result } from '../results/index.ts';
import { TOOL_VERSION } from '../version.ts';
import { explicitBucketCounts } from './histogram-buckets.ts';
import type { LiveSample, Output } from './output.ts';
import { push, PushQueue } from './push.ts';

/** The boundaries the MCP semantic conventions advise for `mcp.client.operation.duration`, in seconds. */
export const OPERATION_DURATION_BOUNDARIES = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];
const HEADERS = { 'content-type': 'application/x-protobuf', 'user-agent': 'mcp-load' };
const LIVE_EVERY_MS = 5000;
const SCOPE = { name: 'mcp-load', version: TOOL_VERSION };

type HrTime = [number, number];
const hrTime = (ms: number): HrTime => [Math.floor(ms / 1000), Math.round((ms % 1000) * 1e6)];

/**
 * `mcp.client.operation.duration` (histogram, s) per MCP method and tool, prompt or resource, failures
 * with `error.type` (mcp-load's outcome class), from the result's HDR histograms; attributes as the
 * MCP semantic conventions name them.
 */
export function operationDurations(result: Result): MetricData {
  const start = hrTime(Date.parse(result.startedAt));
  const end = hrTime(Date.parse(result.endedAt));
  const dataPoints = [];
  for (const series of result.metrics.metrics) {
    if (series.metric !== 'mcp_call_duration' || series.type !== 'trend') continue;
    const tags = series.tags as Record<string, string>;
    // Series with a method partition the calls (success without error_class, each failure class with it).
    if (tags.method === undefined || series.summary.count === 0) continue;
    dataPoints.push({
      startTime: start,
      endTime: end,
      attributes: operationAttributes(tags),
      value: {
        buckets: { boundaries: OPERATION_DURATION_BOUNDARIES, counts: explicitBucketCounts(series.hdr, OPERATION_DURATION_BOUNDARIES) },
        count: series.summary.count,
        sum: series.sumUs / 1e6,
        min: series.summary.min / 1000,
        max: series.summary.max / 1000,
      },
    });
  }
  return {
    descriptor: {
      name: 'mcp.client.operation.duration',
      description: 'The duration of the MCP request as observed on the sender.',
      unit: 's',
      valueType: ValueType.DOUBLE,
    },
    aggregationTemporality: AggregationTemporality.CUMULATIVE,
    dataPointType: DataPointType.HISTOGRAM,
    dataPoints,
  } as MetricData;
}

function operationAttributes(tags: Record<string, string>): Record<string, string> {
  const attributes: Record<string, string> = { 'mcp.method.name': tags.method };
  if (tags.tool !== undefined) {
    if (tags.method === 'tools/call') attributes['gen_ai.tool.name'] = tags.tool;
    else if (tags.method === 'prompts/get') attributes['gen_ai.prompt.name'] = tags.tool;
    else if (tags.method === 'resources/read') attributes['mcp.resource.uri'] = tags.tool;
  }
  if (tags.tool !== undefined && tags.method === 'tools/call') attributes['gen_ai.operation.name'] = 'execute_tool';
  if (tags.error_class !== undefined) attributes['error.type'] = tags.error_class;
  if (tags.scenario !== undefined) attributes['mcp_load.scenario'] = tags.scenario;
  return attributes;
}

/** Live figures: calls and errors so far (monotonic sums) and the VUs now (a gauge). */
export function liveMetrics(sample: LiveSample, startMs: number): MetricData[] {
  const point = (value: number) => ({ startTime: hrTime(startMs), endTime: hrTime(sample.timeMs), attributes: {}, value });
  const sum = (name: string, description: string, value: number): MetricData => ({
    descriptor: { name, description, unit: '{call}', valueType: ValueType.INT },
    aggregationTemporality: AggregationTemporality.CUMULATIVE,
    dataPointType: DataPointType.SUM,
    isMonotonic: true,
    dataPoints: [point(value)],
  });
  return [
    sum('mcp_load.calls', 'MCP calls made so far', sample.totalCalls),
    sum('mcp_load.errors', 'MCP calls that failed so far', sample.totalErrors),
    {
      descriptor: { name: 'mcp_load.vus', description: 'Virtual users running', unit: '{vu}', valueType: ValueType.INT },
      aggregationTemporality: AggregationTemporality.CUMULATIVE,
      dataPointType: DataPointType.GAUGE,
      dataPoints: [point(sample.vus)],
    },
  ];
}

/** An OTLP/HTTP protobuf body (ExportMetricsServiceRequest), encoded by OpenTelemetry's own serializer. */
export function encodeMetrics(metrics: MetricData[], resource: Record<string, string>): Uint8Array {
  const request: ResourceMetrics = { resource: resourceFromAttributes(resource), scopeMetrics: [{ scope: SCOPE, metrics }] };
  return ProtobufMetricsSerializer.serializeRequest(request) ?? new Uint8Array();
}

/** `otlp=URL`: OTLP/HTTP metrics, live every 5 s and the operation-duration histograms at the end. */
export class OtlpOutput implements Output {
  readonly description: string;
  private readonly queue = new PushQueue();
  private readonly startMs = Date.now();
  private lastLiveMs = 0;
  private readonly resource: Record<string, string>;

  constructor(
    private readonly url: string,
    scenario: string,
  ) {
    this.description = `otlp=${publicUrl(url)}`;
    this.resource = { 'service.name': 'mcp-load', 'service.version': TOOL_VERSION, 'mcp_load.scenario': scenario };
  }

  sample(sample: LiveSample): void {
    if (sample.timeMs - this.lastLiveMs < LIVE_EVERY_MS) return;
    this.lastLiveMs = sample.timeMs;
    const body = encodeMetrics(liveMetrics(sample, this.startMs), this.resource);
    this.queue.enqueue(() => push(this.url, body, HEADERS));
  }

  async finish(result: Result): Promise<string[]> {
    await this.queue.settle();
    const durations = operationDurations(result);
    const failure = await push(this.url, encodeMetrics([durations], this.resource), HEADERS);
    const lines = [];
    if (this.queue.failures.length > 0)
      lines.push(`otlp: ${this.queue.failures.length} of ${this.queue.attempts} live exports failed (last: ${this.queue.failures.at(-1)})`);
    lines.push(
      failure === undefined
        ? `otlp: ${durations.dataPoints.length} operation histograms exported to ${publicUrl(this.url)}`
        : `otlp: exporting to ${publicUrl(this.url)} failed: ${failure}`,
    );
    return lines;
  }
}
