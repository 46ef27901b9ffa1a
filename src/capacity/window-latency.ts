import { steadyWindows, median } from '../compare/index.ts';
import type { Result } from '../results/index.ts';

/** The windows compare uses by default (1 s), and its default rank-interval confidence. */
const WINDOW_MS = 1000;
export const STEP_CONFIDENCE = 0.9;

export interface WindowLatency {
  /** The median over the step's steady 1 s windows of each window's percentile, ms; null without windows. */
  medianMs: number | null;
  /** Distribution-free interval of that median (order statistics); absent when too few windows reach the confidence. */
  intervalMs?: [number, number];
  windows: number;
}

/**
 * A step's latency judged as compare judges a run (src/compare/windows.ts): per-second windows of the
 * steady, measured phase are the unit (calls within a second are autocorrelated), and the figure is
 * the median of their percentiles, with the sign-test interval of that median.
 */
export function windowLatency(result: Result, percentile: 'p50' | 'p90' | 'p95' | 'p99'): WindowLatency {
  const values = steadyWindows(result, WINDOW_MS)
    .windows.map((w) => w[percentile])
    .filter((v): v is number => v !== null);
  if (values.length === 0) return { medianMs: null, windows: 0 };
  const interval = medianInterval(values, STEP_CONFIDENCE);
  return { medianMs: median(values), windows: values.length, ...(interval ? { intervalMs: interval } : {}) };
}

/**
 * [x(k), x(n−k+1)] of the sorted values covers the median with probability 1 − 2·P(Bin(n, ½) < k)
 * for any continuous distribution; the narrowest such interval whose coverage is at least `confidence`.
 */
export function medianInterval(values: readonly number[], confidence: number): [number, number] | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  let below = 0; // P(Bin(n, ½) < k), accumulated for k = 1, 2, …
  let term = 0.5 ** n; // C(n, i) / 2^n for i = k − 1
  let chosen: number | undefined;
  for (let k = 1; k <= Math.ceil(n / 2); k++) {
    below += term;
    if (1 - 2 * below < confidence) break;
    chosen = k;
    term = (term * (n - (k - 1))) / k;
  }
  return chosen === undefined ? undefined : [sorted[chosen - 1], sorted[n - chosen]];
}
