import { seededRandom } from '../seeded-random.ts';
import { median } from './statistics.ts';

/**
 * Change points in a series of runs by E-divisive means (Matteson & James, "A Nonparametric Approach
 * for Multiple Change Point Analysis of Multivariate Data", JASA 2014), as MongoDB runs it over its
 * nightly performance results (Daly et al., ICPE 2020) and hunter / Apache Otava after it: the split
 * that maximises the energy distance between the two sides is a candidate, kept when a permutation
 * test says a split that strong is unlikely in a series without one; then each side is searched again.
 */
export interface ChangePoint {
  /** Index of the first run after the shift. */
  index: number;
  /** Medians of the runs on either side (up to the neighbouring change points). */
  before: number;
  after: number;
  /** after / before − 1. */
  change: number;
  /** Permutation p-value of the split. */
  pValue: number;
}

export interface ChangePointOptions {
  /** Permutation test level. Default 0.01: about 1 false alarm in 200 nightly series of 30 runs (docs/change-points.md). */
  alpha?: number;
  /** Permutations per test. Default 199 (p-values down to 0.005). */
  permutations?: number;
  /** Fewest runs on either side of a change point. Default 3. */
  minSegment?: number;
  /** Shifts smaller than this relative change are not reported (noise-level moves). Default 0.05. */
  minChange?: number;
  seed?: number;
}

const DEFAULTS = { alpha: 0.01, permutations: 199, minSegment: 3, minChange: 0.05, seed: 1 } as const;

export function changePoints(series: readonly number[], options: ChangePointOptions = {}): ChangePoint[] {
  const settings = { ...DEFAULTS, ...options };
  const rng = seededRandom(settings.seed);
  const found: number[] = [];
  const pValues = new Map<number, number>();
  const segments: [number, number][] = [[0, series.length]];
  while (segments.length > 0) {
    const [start, end] = segments.pop()!;
    const values = series.slice(start, end);
    if (values.length < 2 * settings.minSegment) continue;
    const best = bestSplit(values, settings.minSegment);
    if (best === undefined) continue;
    let asStrong = 0;
    const shuffled = [...values];
    for (let i = 0; i < settings.permutations; i++) {
      shuffle(shuffled, rng);
      if (bestSplit(shuffled, settings.minSegment)!.statistic >= best.statistic) asStrong++;
    }
    const pValue = (asStrong + 1) / (settings.permutations + 1);
    if (pValue >= settings.alpha) continue;
    const at = start + best.index;
    found.push(at);
    pValues.set(at, pValue);
    segments.push([start, at], [at, end]);
  }
  found.sort((a, b) => a - b);
  const bounds = [0, ...found, series.length];
  const points: ChangePoint[] = [];
  for (let k = 0; k < found.length; k++) {
    const before = median(series.slice(bounds[k], bounds[k + 1]));
    const after = median(series.slice(bounds[k + 1], bounds[k + 2]));
    const change = before === 0 ? (after === 0 ? 0 : Infinity) : after / before - 1;
    if (Math.abs(change) >= settings.minChange) points.push({ index: found[k], before, after, change, pValue: pValues.get(found[k])! });
  }
  return points;
}

/**
 * The split τ maximising the E-divisive statistic (α = 1) of one ordering:
 * Q(τ) = τ(n−τ)/n · (2·mean|x−y| − mean|x−x'| − mean|y−y'|), x left of τ, y right of it.
 * Moving one point across the split updates the three pair sums in O(n), so a scan is O(n²).
 */
function bestSplit(values: readonly number[], minSegment: number): { index: number; statistic: number } | undefined {
  const n = values.length;
  let between = 0;
  let left = 0;
  let right = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) right += Math.abs(values[i] - values[j]);
  let best: { index: number; statistic: number } | undefined;
  for (let tau = 1; tau < n; tau++) {
    // Point tau−1 moves from the right side to the left.
    const moving = values[tau - 1];
    let toLeft = 0;
    let toRight = 0;
    for (let i = 0; i < tau - 1; i++) toLeft += Math.abs(values[i] - moving);
    for (let j = tau; j < n; j++) toRight += Math.abs(values[j] - moving);
    between += toRight - toLeft;
    left += toLeft;
    right -= toRight;
    if (tau < minSegment || n - tau < minSegment) continue;
    const m = n - tau;
    const meanBetween = between / (tau * m);
    const meanLeft = tau > 1 ? left / ((tau * (tau - 1)) / 2) : 0;
    const meanRight = m > 1 ? right / ((m * (m - 1)) / 2) : 0;
    const statistic = ((tau * m) / n) * (2 * meanBetween - meanLeft - meanRight);
    if (best === undefined || statistic > best.statistic) best = { index: tau, statistic };
  }
  return best;
}

function shuffle(values: number[], rng: () => number): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [values[i], values[j]] = [values[j], values[i]];
  }
}
