import { type MetricsSnapshot, type SeriesSnapshot, mergeTrendStates, type TrendState } from '../engine/index.ts';

/** A metric's untagged aggregate in a snapshot (its series all together), if it was recorded. */
export function totalOf(metrics: MetricsSnapshot, metric: string): SeriesSnapshot | undefined {
  return metrics.metrics.find((s) => s.metric === metric && Object.keys(s.tags).length === 0);
}

/** A counter's total count; 0 when it was never recorded. */
export function totalCount(metrics: MetricsSnapshot, metric: string): number {
  const s = totalOf(metrics, metric);
  return s?.type === 'counter' ? s.summary.count : 0;
}

/** A counter's total and its rate per second of measured time. */
export function counterTotal(metrics: MetricsSnapshot, metric: string): { count: number; rate: number } | undefined {
  const s = totalOf(metrics, metric);
  return s?.type === 'counter' ? s.summary : undefined;
}

/** A trend's whole-run summary (ms); undefined without a sample. */
export function trendTotal(metrics: MetricsSnapshot, metric: string): { mean: number; p50: number; p95: number; p99: number } | undefined {
  const s = totalOf(metrics, metric);
  return s?.type === 'trend' && s.summary.count > 0 ? s.summary : undefined;
}

/**
 * Failed calls' latency, apart from `mcp_call_duration`'s (of successful calls, so that failing fast
 * never reads as faster): its `expected_response:false` series merged exactly; undefined without one.
 */
export function failedCallLatency(metrics: MetricsSnapshot): TrendState['summary'] | undefined {
  const failed = metrics.metrics.filter(
    (s): s is TrendState & SeriesSnapshot => s.metric === 'mcp_call_duration' && s.tags.expected_response === 'false' && s.type === 'trend',
  );
  if (failed.reduce((sum, s) => sum + s.summary.count, 0) === 0) return undefined;
  return mergeTrendStates(failed, metrics.endMs - metrics.startMs).summary;
}
