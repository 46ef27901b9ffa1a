// The few statistics the comparison needs, on small samples (tens of windows, tens of runs).

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
  /** The Hodges–Lehmann estimate of the ratio current / baseline, minus 1. */
  estimate: number;
  low: number;
  high: number;
  /** The interval's exact coverage under the shift model: at least the confidence asked for. */
  coverage: number;
}

/**
 * Distribution-free interval of the relative change between two independent samples (Lehmann's
 * interval for a shift, on log values, so a slow-down by a factor is a shift): the order statistics
 * of the m·n pairwise log-ratios current_j / baseline_i that the Mann–Whitney null distribution
 * puts at the two tails. Its coverage is exact for any sample size when the windows of a run are
 * exchangeable; discreteness makes it at least `confidence`, never less (3 vs 3 windows reach 90 %).
 * Undefined when the samples are too small to reach `confidence` at all, or the baseline median
 * is not positive.
 */
export function rankRelativeChange(baseline: readonly number[], current: readonly number[], confidence: number): RelativeChange | undefined {
  const m = baseline.length;
  const n = current.length;
  if (m === 0 || n === 0 || !(median(baseline) > 0)) return undefined;
  const k = rankCriticalCount(m, n, (1 - confidence) / 2);
  if (k === 0) return undefined;
  const log = (x: number) => Math.log(Math.max(x, Number.MIN_VALUE));
  const differences = new Float64Array(m * n);
  let at = 0;
  for (const c of current) for (const b of baseline) differences[at++] = log(c) - log(b);
  differences.sort();
  const tail = mannWhitneyCdf(m, n, k - 1);
  return {
    estimate: Math.expm1(quantile(differences, 0.5)),
    low: Math.expm1(differences[k - 1]),
    high: Math.expm1(differences[m * n - k]),
    coverage: 1 - 2 * tail,
  };
}

/** Exact distributions up to this many pairs; beyond, the normal approximation is within 0.1 % of them. */
const EXACT_PAIRS = 40_000;

/**
 * The largest k with P(U ≤ k − 1) ≤ `tail` under the null (U: Mann–Whitney count of m·n pairs);
 * 0 when even P(U = 0) = 1 / C(m + n, n) exceeds it.
 */
function rankCriticalCount(m: number, n: number, tail: number): number {
  const tolerance = 1e-12; // 3 vs 3 windows at 90 %: P(U = 0) is 0.05 exactly.
  let k = 0;
  while (k < (m * n) / 2 && mannWhitneyCdf(m, n, k) <= tail + tolerance) k++;
  return k;
}

const cdfs = new Map<string, Float64Array>();

/** P(U ≤ u) for the Mann–Whitney statistic of samples of m and n without ties. */
function mannWhitneyCdf(m: number, n: number, u: number): number {
  if (u < 0) return 0;
  if (m * n > EXACT_PAIRS) {
    const sd = Math.sqrt((m * n * (m + n + 1)) / 12);
    return 1 - normalTail((u + 0.5 - (m * n) / 2) / sd);
  }
  const key = `${Math.min(m, n)}:${Math.max(m, n)}`;
  let cdf = cdfs.get(key);
  if (cdf === undefined) cdfs.set(key, (cdf = mannWhitneyDistribution(Math.min(m, n), Math.max(m, n))));
  return cdf[Math.min(u, m * n)];
}

/**
 * Cumulative null distribution of U: the coefficients of the Gaussian binomial [m + n, n]_q, built
 * as ∏ (1 − q^(m+i)) / (1 − q^i) for i = 1..n, divided by C(m + n, n).
 */
function mannWhitneyDistribution(n: number, m: number): Float64Array {
  const size = m * n + 1;
  const ways = new Float64Array(size);
  ways[0] = 1;
  for (let i = 1; i <= n; i++) {
    for (let u = size - 1; u >= m + i; u--) ways[u] -= ways[u - m - i];
    for (let u = i; u < size; u++) ways[u] += ways[u - i];
  }
  let total = 0;
  for (let u = 0; u < size; u++) total += ways[u];
  let sum = 0;
  for (let u = 0; u < size; u++) ways[u] = (sum += ways[u]) / total;
  return ways;
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

/** The fewest samples per side with which `rankRelativeChange` reaches `confidence` (3 at 90 %, 4 at 95 %). */
export function fewestRankSamples(confidence: number): number {
  let n = 1;
  while (rankCriticalCount(n, n, (1 - confidence) / 2) === 0) n++;
  return n;
}
