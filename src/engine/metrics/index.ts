// Metrics as data (k6 style): sinks per metric and tag set, snapshots, thresholds, per-second series.
// Renderers read snapshots; nothing here formats output.
export { initMetrics, histogramBackend, type HistogramBackend } from './histogram.ts';
export { BUILTIN_METRICS, EXPECTED_RESPONSE_TAG, EXPECTED_ONLY, type BuiltinMetricName, type MetricDefinition } from './builtins.ts';
export { seriesKey, type Tags } from './tags.ts';
export { OTHER_TAG_VALUE, type MetricType, type Series } from './metric.ts';
export {
  MAX_SERIES_PER_METRIC,
  MetricsRegistry,
  type AnyMetric,
  type CounterMetric,
  type GaugeMetric,
  type Phase,
  type RateMetric,
  type RegistryOptions,
  type TrendMetric,
} from './registry.ts';
export type { CounterHandle, CounterSummary } from './counter.ts';
export type { RateHandle, RateSummary } from './rate.ts';
export type { GaugeHandle, GaugeSummary } from './gauge.ts';
export type { TrendHandle, TrendState, TrendSummary } from './trend.ts';
export {
  fromSnapshot,
  mergeOverWindow,
  mergeRegistries,
  mergeSnapshots,
  mergeTrendStates,
  snapshot,
  type MetricsSnapshot,
  type SeriesSnapshot,
} from './snapshot.ts';
export {
  DEFAULT_TIME_SERIES_COLUMNS,
  TimeSeries,
  type TimeBucket,
  type TimeSeriesColumn,
  type TimeSeriesJSON,
} from './time-series.ts';
export { evaluateThresholds, type EvaluateOptions, type ThresholdResult, type ThresholdSpec } from './thresholds.ts';
