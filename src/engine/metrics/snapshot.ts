import { CounterSink, type CounterSummary } from './counter.ts';
import { GaugeSink, type GaugeSummary } from './gauge.ts';
import { RateSink, type RateSummary } from './rate.ts';
import { MetricsRegistry, type AnyMetric } from './registry.ts';
import { NO_TAGS, type Tags } from './tags.ts';
import { TrendSink, type TrendState } from './trend.ts';

export const METRICS_SNAPSHOT_VERSION = 1;

/** One series of a metric; `tags` is `{}` for the metric's untagged aggregate. */
export type SeriesSnapshot =
  | { metric: string; type: 'counter'; tags: Tags; summary: CounterSummary }
  | { metric: string; type: 'rate'; tags: Tags; summary: RateSummary }
  | { metric: string; type: 'gauge'; tags: Tags; summary: GaugeSummary }
  | ({ metric: string; type: 'trend'; tags: Tags } & TrendState);

/** Plain JSON of a registry: exact enough to merge runs and shards without loss. */
export interface MetricsSnapshot {
  version: typeof METRICS_SNAPSHOT_VERSION;
  /** Measured window (epoch ms); rates divide by its length. */
  startMs: number;
  endMs: number;
  metrics: SeriesSnapshot[];
}

export function snapshot(registry: MetricsRegistry, nowMs: number = Date.now()): MetricsSnapshot {
  const { startMs, endMs } = registry.window(nowMs);
  const durationMs = Math.max(0, endMs - startMs);
  const metrics: SeriesSnapshot[] = [];
  for (const metric of registry.all()) {
    metrics.push(seriesSnapshot(metric, NO_TAGS, metric.total, durationMs));
    for (const series of metric.series()) metrics.push(seriesSnapshot(metric, series.tags, series.sink, durationMs));
  }
  return { version: METRICS_SNAPSHOT_VERSION, startMs, endMs, metrics };
}

/** A finished registry holding exactly the snapshot's data (dispose it when done). */
export function fromSnapshot(data: MetricsSnapshot): MetricsRegistry {
  if (data.version !== METRICS_SNAPSHOT_VERSION) {
    throw new Error(`unsupported metrics snapshot version ${String(data.version)}`);
  }
  const registry = new MetricsRegistry({ nowMs: data.startMs });
  registry.finish(data.endMs);
  for (const entry of data.metrics) {
    switch (entry.type) {
      case 'counter':
        registry.counter(entry.metric).sinkFor(entry.tags).mergeFrom(CounterSink.fromSummary(entry.summary));
        break;
      case 'rate':
        registry.rate(entry.metric).sinkFor(entry.tags).mergeFrom(RateSink.fromSummary(entry.summary));
        break;
      case 'gauge':
        registry.gauge(entry.metric).sinkFor(entry.tags).mergeFrom(GaugeSink.fromSummary(entry.summary));
        break;
      case 'trend': {
        const decoded = TrendSink.fromState(entry);
        registry.trend(entry.metric).sinkFor(entry.tags).mergeFrom(decoded);
        decoded.dispose();
        break;
      }
    }
  }
  return registry;
}

/**
 * A new registry with the samples of both: counters and rates add, trend histograms add
 * (percentiles are recomputed, never averaged), gauges keep min/max and the value set last
 * (`b`'s when the order is unknown, as after `fromSnapshot`).
 * The measured window spans both, which is the wall time of parallel shards.
 */
export function mergeRegistries(a: MetricsRegistry, b: MetricsRegistry, nowMs: number = Date.now()): MetricsRegistry {
  const wa = a.window(nowMs);
  const wb = b.window(nowMs);
  return mergeOverWindow([a, b], { startMs: Math.min(wa.startMs, wb.startMs), endMs: Math.max(wa.endMs, wb.endMs) });
}

/**
 * A new registry with the samples of all `sources` (merged as `mergeRegistries` does), measured over
 * `window`: for shards that ran the same schedule at different times, the schedule's length, not
 * the wall time from the first start to the last end.
 */
export function mergeOverWindow(sources: readonly MetricsRegistry[], window: { startMs: number; endMs: number }): MetricsRegistry {
  const merged = new MetricsRegistry({ nowMs: window.startMs });
  merged.finish(window.endMs);
  for (const source of sources) {
    for (const metric of source.all()) mergeMetric(merged, metric);
  }
  return merged;
}

export function mergeSnapshots(a: MetricsSnapshot, b: MetricsSnapshot): MetricsSnapshot {
  const ra = fromSnapshot(a);
  const rb = fromSnapshot(b);
  const merged = mergeRegistries(ra, rb);
  try {
    return snapshot(merged);
  } finally {
    ra.dispose();
    rb.dispose();
    merged.dispose();
  }
}

/** Exact merge of trend states, e.g. per-second windows into one chart range. */
export function mergeTrendStates(states: readonly TrendState[], durationMs: number): TrendState {
  const merged = new TrendSink();
  try {
    for (const state of states) {
      const decoded = TrendSink.fromState(state);
      merged.mergeFrom(decoded);
      decoded.dispose();
    }
    return merged.state(durationMs);
  } finally {
    merged.dispose();
  }
}

function mergeMetric(into: MetricsRegistry, metric: AnyMetric): void {
  switch (metric.type) {
    case 'counter': {
      const target = into.counter(metric.name);
      target.total.mergeFrom(metric.total);
      for (const s of metric.series()) target.sinkFor(s.tags).mergeFrom(s.sink);
      break;
    }
    case 'rate': {
      const target = into.rate(metric.name);
      target.total.mergeFrom(metric.total);
      for (const s of metric.series()) target.sinkFor(s.tags).mergeFrom(s.sink);
      break;
    }
    case 'trend': {
      const target = into.trend(metric.name);
      target.total.mergeFrom(metric.total);
      for (const s of metric.series()) target.sinkFor(s.tags).mergeFrom(s.sink);
      break;
    }
    case 'gauge': {
      const target = into.gauge(metric.name);
      target.total.mergeFrom(metric.total);
      for (const s of metric.series()) target.sinkFor(s.tags).mergeFrom(s.sink);
      break;
    }
  }
}

function seriesSnapshot(metric: AnyMetric, tags: Tags, sink: CounterSink | RateSink | GaugeSink | TrendSink, durationMs: number): SeriesSnapshot {
  const { name } = metric;
  if (sink instanceof TrendSink) return { metric: name, type: 'trend', tags, ...sink.state(durationMs) };
  if (sink instanceof CounterSink) return { metric: name, type: 'counter', tags, summary: sink.summary(durationMs) };
  if (sink instanceof RateSink) return { metric: name, type: 'rate', tags, summary: sink.summary() };
  return { metric: name, type: 'gauge', tags, summary: sink.summary() };
}
