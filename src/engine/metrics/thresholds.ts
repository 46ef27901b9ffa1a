import type { CounterSink } from './counter.ts';
import type { GaugeSink } from './gauge.ts';
import type { RateSink } from './rate.ts';
import { didYouMean } from '../../scenario/index.ts';
import { MetricsRegistry, type AnyMetric } from './registry.ts';
import { seriesKey } from './tags.ts';
import { fromSnapshot, type MetricsSnapshot } from './snapshot.ts';
import type { TrendSink } from './trend.ts';

/** One k6 threshold expression, e.g. `p(95)<200` on `mcp_call_duration{tool:send_sms}`. */
export interface ThresholdSpec {
  metric: string;
  tags: Record<string, string>;
  /** The expression as written, e.g. `p(95)<200`. */
  source: string;
  aggregation: { kind: 'p'; p: number } | { kind: 'avg' | 'min' | 'max' | 'med' | 'rate' | 'count' | 'value' };
  op: '<' | '<=' | '>' | '>=' | '===' | '!=';
  value: number;
  abortOnFail: boolean;
  delayAbortEvalMs: number;
}

export interface ThresholdResult {
  source: string;
  metric: string;
  tags: Record<string, string>;
  ok: boolean;
  /** Durations in ms; null when skipped (no samples yet) or invalid. */
  observed: number | null;
  /** Why the threshold could not be evaluated (unknown metric, aggregation not valid for the type). */
  error?: string;
}

export interface EvaluateOptions {
  /** End of measured time for rates when the registry is still running. Default `Date.now()`. */
  nowMs?: number;
  /**
   * Skip (pass) thresholds whose sub-metric has no samples yet, as k6 does for the periodic
   * evaluation during the run. The final evaluation (default) computes them on empty data.
   */
  ignoreEmpty?: boolean;
}

/** Evaluates thresholds against a live registry or a snapshot, in the order given. */
export function evaluateThresholds(from: MetricsRegistry | MetricsSnapshot, specs: readonly ThresholdSpec[], options: EvaluateOptions = {}): ThresholdResult[] {
  if (from instanceof MetricsRegistry) return evaluateOn(from, specs, options);
  const registry = fromSnapshot(from);
  try {
    return evaluateOn(registry, specs, options);
  } finally {
    registry.dispose();
  }
}

function evaluateOn(registry: MetricsRegistry, specs: readonly ThresholdSpec[], options: EvaluateOptions): ThresholdResult[] {
  const durationMs = registry.durationMs(options.nowMs);
  return specs.map((spec) => {
    const result = { source: spec.source, metric: spec.metric, tags: spec.tags };
    const metric = registry.get(spec.metric);
    if (metric === undefined) return { ...result, ok: false, observed: null, error: `unknown metric "${spec.metric}"` };
    if (options.ignoreEmpty !== true) {
      const unseen = unseenTags(metric, spec.tags);
      if (unseen !== undefined) return { ...result, ok: false, observed: null, error: unseen };
    }
    const observed = observe(metric, spec, durationMs, options.ignoreEmpty === true);
    if (typeof observed === 'string') return { ...result, ok: false, observed: null, error: observed };
    if (observed === null) return { ...result, ok: true, observed: null };
    return { ...result, ok: compare(observed, spec.op, spec.value), observed };
  });
}

/** The aggregated value, null when skipped as empty, or an error message. */
function observe(metric: AnyMetric, spec: ThresholdSpec, durationMs: number, ignoreEmpty: boolean): number | null | string {
  const agg = spec.aggregation;
  const invalid = `"${agg.kind}" is not an aggregation of ${metric.type} metric "${metric.name}"`;
  switch (metric.type) {
    case 'trend':
      if (!['p', 'avg', 'min', 'max', 'med', 'count'].includes(agg.kind)) return invalid;
      if (agg.kind === 'count') return metric.view(spec.tags, (sink) => (ignoreEmpty && sink.isEmpty() ? null : sink.count));
      return metric.view(spec.tags, (sink) => (sink.isEmpty() ? (ignoreEmpty ? null : noSamples(metric, spec)) : trendValue(sink, spec)));
    case 'counter':
      if (agg.kind !== 'count' && agg.kind !== 'rate') return invalid;
      return metric.view(spec.tags, (sink) => (ignoreEmpty && sink.isEmpty() ? null : counterValue(sink, spec, durationMs)));
    case 'rate':
      if (agg.kind !== 'rate') return invalid;
      return metric.view(spec.tags, (sink) => (sink.isEmpty() ? (ignoreEmpty ? null : noSamples(metric, spec)) : rateValue(sink)));
    case 'gauge':
      if (agg.kind !== 'value' && agg.kind !== 'min' && agg.kind !== 'max') return invalid;
      return metric.view(spec.tags, (sink) => (sink.isEmpty() ? (ignoreEmpty ? null : noSamples(metric, spec)) : gaugeValue(sink, spec)));
  }
}

/**
 * A latency, rate or gauge with no sample has no value: the threshold fails rather than pass on a
 * made-up 0 (a counter's 0 is a real count). The message names the series.
 */
function noSamples(metric: AnyMetric, spec: ThresholdSpec): string {
  return `no samples for ${seriesKey(metric.name, spec.tags)}: nothing was measured, so the threshold cannot pass`;
}

const MAX_LISTED = 8;

/**
 * A filter naming a tag key or value that no series of the metric ever had (a typo, a tool never
 * called): says so, with the keys or values that did appear.
 */
function unseenTags(metric: AnyMetric, filter: Record<string, string>): string | undefined {
  const valuesByKey = new Map<string, Set<string>>();
  for (const series of metric.series()) {
    for (const [key, value] of Object.entries(series.tags)) {
      let values = valuesByKey.get(key);
      if (values === undefined) valuesByKey.set(key, (values = new Set()));
      values.add(value);
    }
  }
  const listed = (items: Iterable<string>): string => {
    const all = [...items].sort();
    return all.length === 0 ? 'none' : `${all.slice(0, MAX_LISTED).join(', ')}${all.length > MAX_LISTED ? `, … (${all.length})` : ''}`;
  };
  for (const [key, value] of Object.entries(filter)) {
    const values = valuesByKey.get(key);
    if (values === undefined) {
      const hint = valuesByKey.size === 0 ? 'it has no samples at all' : `its tags: ${listed(valuesByKey.keys())}`;
      return `no samples for ${seriesKey(metric.name, filter)}: no series has a tag "${key}"${didYouMean(key, valuesByKey.keys())}; ${hint}`;
    }
    if (!values.has(value)) {
      return `no samples for ${seriesKey(metric.name, filter)}: ${key} "${value}" never appeared${didYouMean(value, values)}; ${key} values seen: ${listed(values)}`;
    }
  }
  return undefined;
}

function trendValue(sink: TrendSink, spec: ThresholdSpec): number {
  const agg = spec.aggregation;
  switch (agg.kind) {
    case 'p':
      return sink.percentileUs(agg.p) / 1000;
    case 'med':
      return sink.percentileUs(50) / 1000;
    case 'avg':
      return sink.meanUs() / 1000;
    case 'min':
      return sink.isEmpty() ? 0 : sink.minUs / 1000;
    case 'count':
      return sink.count;
    default:
      return sink.isEmpty() ? 0 : sink.maxUs / 1000;
  }
}

function counterValue(sink: CounterSink, spec: ThresholdSpec, durationMs: number): number {
  const summary = sink.summary(durationMs);
  return spec.aggregation.kind === 'count' ? summary.count : summary.rate;
}

function rateValue(sink: RateSink): number {
  return sink.summary().rate;
}

function gaugeValue(sink: GaugeSink, spec: ThresholdSpec): number {
  const summary = sink.summary();
  return spec.aggregation.kind === 'min' ? summary.min : spec.aggregation.kind === 'max' ? summary.max : summary.value;
}

function compare(observed: number, op: ThresholdSpec['op'], value: number): boolean {
  switch (op) {
    case '<':
      return observed < value;
    case '<=':
      return observed <= value;
    case '>':
      return observed > value;
    case '>=':
      return observed >= value;
    case '===':
      return observed === value;
    case '!=':
      return observed !== value;
  }
}
