import protobuf from 'protobufjs';
import snappy from 'snappyjs';
import { BUILTIN_METRICS } from '../engine/index.ts';
import { publicUrl, type Result } from '../results/index.ts';
import type { LiveSample, Output } from './output.ts';
import { push, PushQueue } from './push.ts';

/** Prometheus remote write 1.0 (prometheus/prompb): WriteRequest → TimeSeries → Label, Sample. */
const WRITE_REQUEST = protobuf.Root.fromJSON({
  nested: {
    WriteRequest: { fields: { timeseries: { rule: 'repeated', type: 'TimeSeries', id: 1 } } },
    TimeSeries: { fields: { labels: { rule: 'repeated', type: 'Label', id: 1 }, samples: { rule: 'repeated', type: 'Sample', id: 2 } } },
    Label: { fields: { name: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
    Sample: { fields: { value: { type: 'double', id: 1 }, timestamp: { type: 'int64', id: 2 } } },
  },
}).lookupType('WriteRequest');

const HEADERS = {
  'content-type': 'application/x-protobuf',
  'content-encoding': 'snappy',
  'x-prometheus-remote-write-version': '0.1.0',
  'user-agent': 'mcp-load',
};
const PREFIX = 'mcp_load_';
const QUANTILES = [
  ['0.5', 'p50'],
  ['0.9', 'p90'],
  ['0.95', 'p95'],
  ['0.99', 'p99'],
] as const;
const LABEL_VALUE_CHARS = 256;

export interface PromSeries {
  /** Including `__name__`. */
  labels: Record<string, string>;
  value: number;
  timestampMs: number;
}

/**
 * The result as Prometheus series, named as Prometheus names them: counters `mcp_load_<metric>_total`
 * (`_bytes_total` for data), rates `mcp_load_<metric>_rate`, gauges `mcp_load_<metric>`, latency
 * trends a summary in seconds (`mcp_load_<metric>_seconds{quantile}`, `_sum`, `_count`, `_max`);
 * every series labelled with the scenario id and its tags.
 */
export function resultSeries(result: Result): PromSeries[] {
  const timestampMs = Date.parse(result.endedAt);
  const out: PromSeries[] = [];
  const add = (name: string, tags: Record<string, string>, value: number, extra: Record<string, string> = {}) => {
    if (Number.isFinite(value)) out.push({ labels: labelsOf(name, result.scenario.id, tags, extra), value, timestampMs });
  };
  for (const series of result.metrics.metrics) {
    const name = metricName(series.metric);
    const tags = series.tags as Record<string, string>;
    switch (series.type) {
      case 'counter':
        add(`${name}${contains(series.metric) === 'data' ? '_bytes' : ''}_total`, tags, series.summary.count);
        break;
      case 'rate':
        add(`${name}_rate`, tags, series.summary.rate);
        break;
      case 'gauge':
        if (series.summary.samples > 0) add(name, tags, series.summary.value);
        break;
      case 'trend': {
        const scale = contains(series.metric) === 'time' ? 1 / 1000 : 1;
        const unit = contains(series.metric) === 'time' ? '_seconds' : '';
        const s = series.summary;
        if (s.count === 0) break;
        for (const [quantile, key] of QUANTILES) add(`${name}${unit}`, tags, s[key] * scale, { quantile });
        add(`${name}${unit}_max`, tags, s.max * scale);
        add(`${name}${unit}_count`, tags, s.count);
        add(`${name}${unit}_sum`, tags, (series.sumUs / 1000) * scale);
        break;
      }
    }
  }
  return out;
}

/** Live series of one second: VUs now, calls and errors since the start (counters, so rate() works). */
export function liveSeries(sample: LiveSample, scenario: string): PromSeries[] {
  const at = (name: string, value: number): PromSeries => ({ labels: labelsOf(name, scenario, {}), value, timestampMs: sample.timeMs });
  return [
    at(`${PREFIX}live_vus`, sample.vus),
    at(`${PREFIX}live_mcp_calls_total`, sample.totalCalls),
    at(`${PREFIX}live_mcp_errors_total`, sample.totalErrors),
  ];
}

/** A remote-write body: the WriteRequest protobuf, snappy block-compressed, labels sorted by name. */
export function encodeWriteRequest(series: readonly PromSeries[]): Uint8Array {
  const message = WRITE_REQUEST.fromObject({
    timeseries: series.map((s) => ({
      labels: Object.keys(s.labels)
        .sort()
        .map((name) => ({ name, value: s.labels[name] })),
      samples: [{ value: s.value, timestamp: s.timestampMs }],
    })),
  });
  return snappy.compress(WRITE_REQUEST.encode(message).finish());
}

function labelsOf(name: string, scenario: string, tags: Record<string, string>, extra: Record<string, string> = {}): Record<string, string> {
  const labels: Record<string, string> = { job: 'mcp-load', scenario: bounded(scenario) };
  for (const [key, value] of Object.entries(tags)) labels[labelName(key)] = bounded(String(value));
  for (const [key, value] of Object.entries(extra)) labels[key] = value;
  labels.__name__ = name;
  return labels;
}

function metricName(metric: string): string {
  return `${PREFIX}${metric.replace(/[^a-zA-Z0-9_]/g, '_')}`;
}

/** A tag name as a label name ([a-zA-Z_][a-zA-Z0-9_]*, and never one of Prometheus' own `__` names). */
function labelName(key: string): string {
  const name = key.replace(/[^a-zA-Z0-9_]/g, '_').replace(/^(?=\d)|^__/, 'tag_');
  return name === 'job' || name === 'scenario' || name === 'quantile' ? `tag_${name}` : name;
}

function bounded(value: string): string {
  return value.length > LABEL_VALUE_CHARS ? `${value.slice(0, LABEL_VALUE_CHARS - 1)}…` : value;
}

function contains(metric: string): string {
  return Object.hasOwn(BUILTIN_METRICS, metric) ? BUILTIN_METRICS[metric as keyof typeof BUILTIN_METRICS].contains : 'default';
}

/** `prometheus=URL`: remote write of live series while the run goes and every result series at the end. */
export class PrometheusOutput implements Output {
  readonly description: string;
  private readonly queue = new PushQueue();

  constructor(
    private readonly url: string,
    private readonly scenario: string,
  ) {
    this.description = `prometheus=${publicUrl(url)}`;
  }

  sample(sample: LiveSample): void {
    const body = encodeWriteRequest(liveSeries(sample, this.scenario));
    this.queue.enqueue(() => push(this.url, body, HEADERS));
  }

  async finish(result: Result): Promise<string[]> {
    await this.queue.settle();
    const series = resultSeries(result);
    const failure = await push(this.url, encodeWriteRequest(series), HEADERS);
    const lines = [];
    if (this.queue.failures.length > 0)
      lines.push(`prometheus: ${this.queue.failures.length} of ${this.queue.attempts} live pushes failed (last: ${this.queue.failures.at(-1)})`);
    lines.push(
      failure === undefined
        ? `prometheus: ${series.length} series written to ${publicUrl(this.url)}`
        : `prometheus: writing the result to ${publicUrl(this.url)} failed: ${failure}`,
    );
    return lines;
  }
}
