// The few statistics the comparison needs, on small samples (tens of windows, tens of runs).
import { seededRandom } from '../seeded-random.ts';

/** Quantile `q` (0..1) of ascending values, linear between order statistics (R type 7). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function median(values: readonly number[]): number {
  return quantile([...values].sort(ascending), 0.5);
}


export interface RelativeChange {
  /** median(current) / median(baseline) − 1. */
  estimate: number;
  low: number;
  high: number;
}

export interface BootstrapOptions {
  /** Two-sided confidence of the interval, e.g. 0.95. */
  confidence: number;
  resamples: number;
  seed: number;
}

/**
 * Percentile-bootstrap interval of the relative change of the medians of two independent samples
 * (each resampled with replacement on its own). Undefined when the baseline median is not positive.
 */
export function bootstrapRelativeChange(
  baseline: readonly number[],
  current: readonly number[],
  options: BootstrapOptions,
): RelativeChange | undefined {
  const baseMedian = median(baseline);
  if (!(baseMedian > 0) || current.length === 0) return undefined;
  const random = seededRandom(options.seed);
  const b = new Float64Array(baseline.length);
  const c = new Float64Array(current.length);
  const changes = new Float64Array(options.resamples);
  let kept = 0;
  for (let r = 0; r < options.resamples; r++) {
    resample(baseline, b, random);
    resample(current, c, random);
    const mb = medianInPlace(b);
    if (mb > 0) changes[kept++] = medianInPlace(c) / mb - 1;
  }
  const sorted = changes.subarray(0, kept).sort();
  const tail = (1 - options.confidence) / 2;
  return { estimate: median(current) / baseMedian - 1, low: quantile(sorted, tail), high: quantile(sorted, 1 - tail) };
}

/** The median (as `quantile(…, 0.5)`) by selection, reordering `a`: the bootstrap's inner loop. */
function medianInPlace(a: Float64Array): number {
  const mid = a.length >> 1;
  const upper = select(a, mid);
  if (a.length % 2 === 1) return upper;
  let lower = -Infinity;
  for (let i = 0; i < mid; i++) if (a[i] > lower) lower = a[i];
  return (lower + upper) / 2;
}

/** Hoare's selection: the k-th smallest value, with everything before index k no larger. */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i++] = a[j];
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k];
}

function resample(from: readonly number[], into: Float64Array, random: () => number): void {
  for (let i = 0; i < into.length; i++) into[i] = from[Math.floor(random() * from.length)];
}

/** P(Z > z) for a standard normal Z (Abramowitz & Stegun 26.2.17, absolute error < 7.5e-8), never rounded to 0. */
export function normalTail(z: number): number {
  if (z < 0) return 1 - normalTail(-z);
  const t = 1 / (1 + 0.2316419 * z);
  const poly = t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)) * poly;
}

/**
 * Pooled two-proportion z-test of `x2/n2` against `x1/n1`: one-sided p-values for a rise and a fall.
 * Both are 1 when nothing happened in either sample (no evidence either way).
 */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number): { pRise: number; pFall: number } {
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return { pRise: 1, pFall: 1 };
  const z = (x2 / n2 - x1 / n1) / se;
  return { pRise: normalTail(z), pFall: normalTail(-z) };
}

/** median ± k·IQR of a history's per-run values: robust to the odd bad run it contains. */
export function robustBand(values: readonly number[], k: number): { center: number; low: number; high: number } {
  const sorted = [...values].sort(ascending);
  const center = quantile(sorted, 0.5);
  const spread = k * (quantile(sorted, 0.75) - quantile(sorted, 0.25));
  return { center, low: center - spread, high: center + spread };
}

function ascending(a: number, b: number): number {
  return a - b;
}
