import { ERROR_CLASSES } from '../../mcp/index.ts';
import type { CounterSink } from './counter.ts';
import type { RateSink } from './rate.ts';
import type { AnyMetric, CounterMetric, GaugeMetric, MetricsRegistry, RateMetric, TrendMetric } from './registry.ts';
import { NO_TAGS, type Tags } from './tags.ts';
import type { TrendSink, TrendState } from './trend.ts';

/**
 * One charted series. What a bucket holds depends on the metric's type: a counter's sum over
 * the bucket, a rate's non-zero samples in the bucket (e.g. errors), a gauge's value at the
 * end of the bucket, a trend's latency window (summary in ms plus its encoded histogram).
 */
export interface TimeSeriesColumn {
  name: string;
  metric: string;
  tags?: Tags;
}

export const DEFAULT_TIME_SERIES_COLUMNS: readonly TimeSeriesColumn[] = [
  { name: 'vus', metric: 'vus' },
  { name: 'mcp_calls', metric: 'mcp_calls' },
  { name: 'http_reqs', metric: 'http_reqs' },
  ...ERROR_CLASSES.map((errorClass) => ({ name: `errors_${errorClass}`, metric: 'mcp_errors', tags: { error_class: errorClass } })),
  { name: 'data_sent', metric: 'data_sent' },
  { name: 'data_received', metric: 'data_received' },
  { name: 'mcp_call_duration', metric: 'mcp_call_duration' },
];

export interface TimeBucket {
  /** [startMs, endMs): from the previous tick to this one. */
  startMs: number;
  endMs: number;
  /** Counter, rate and gauge columns. */
  values: Record<string, number>;
  /** Trend columns; null when the bucket has no samples. */
  latency: Record<string, TrendState | null>;
}

export interface TimeSeriesJSON {
  columns: TimeSeriesColumn[];
  buckets: TimeBucket[];
}

type Reader =
  | { kind: 'counter'; name: string; metric: CounterMetric; sink: CounterSink }
  | { kind: 'rate'; name: string; metric: RateMetric; sink: RateSink }
  | { kind: 'gauge'; name: string; metric: GaugeMetric; tags: Tags }
  | { kind: 'trend'; name: string; metric: TrendMetric; sink: TrendSink };

/** Per-second buckets for charts, closed by the engine's 1 s timer calling `tick(now)`. */
export class TimeSeries {
  private readonly columns: TimeSeriesColumn[];
  private readonly readers: Reader[];
  private readonly buckets: TimeBucket[] = [];
  private bucketStartMs: number;

  constructor(registry: MetricsRegistry, options: { startMs: number; columns?: readonly TimeSeriesColumn[] }) {
    this.columns = (options.columns ?? DEFAULT_TIME_SERIES_COLUMNS).map((c) => ({ ...c }));
    this.readers = this.columns.map((column) => reader(registry, column));
    this.bucketStartMs = options.startMs;
  }

  /** Closes the current bucket at `nowMs` and starts the next one. */
  tick(nowMs: number): TimeBucket {
    const bucket: TimeBucket = { startMs: this.bucketStartMs, endMs: nowMs, values: {}, latency: {} };
    const durationMs = nowMs - this.bucketStartMs;
    for (const r of this.readers) {
      switch (r.kind) {
        case 'counter':
          bucket.values[r.name] = r.sink.count;
          r.sink.reset();
          break;
        case 'rate':
          bucket.values[r.name] = r.sink.passes;
          r.sink.reset();
          break;
        case 'gauge':
          bucket.values[r.name] = r.metric.view(r.tags, (sink) => sink.value);
          break;
        case 'trend':
          bucket.latency[r.name] = r.sink.isEmpty() ? null : r.sink.state(durationMs);
          r.sink.reset();
          break;
      }
    }
    this.buckets.push(bucket);
    this.bucketStartMs = nowMs;
    return bucket;
  }

  toJSON(): TimeSeriesJSON {
    return { columns: this.columns, buckets: this.buckets };
  }

  /** Stops feeding the per-bucket sinks and frees their histograms; no tick afterwards. */
  dispose(): void {
    for (const r of this.readers) {
      switch (r.kind) {
        case 'counter':
          r.metric.detach(r.sink);
          break;
        case 'rate':
          r.metric.detach(r.sink);
          break;
        case 'trend':
          r.metric.detach(r.sink);
          r.sink.dispose();
          break;
        case 'gauge':
          break;
      }
    }
  }
}

function reader(registry: MetricsRegistry, column: TimeSeriesColumn): Reader {
  const metric: AnyMetric | undefined = registry.get(column.metric);
  if (metric === undefined) {
    throw new Error(`time series column "${column.name}": unknown metric "${column.metric}"`);
  }
  const tags = column.tags ?? NO_TAGS;
  switch (metric.type) {
    case 'counter':
      return { kind: 'counter', name: column.name, metric, sink: metric.attach(tags) };
    case 'rate':
      return { kind: 'rate', name: column.name, metric, sink: metric.attach(tags) };
    case 'gauge':
      return { kind: 'gauge', name: column.name, metric, tags };
    case 'trend':
      return { kind: 'trend', name: column.name, metric, sink: metric.attach(tags) };
  }
}
