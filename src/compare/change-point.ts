import { seededRandom } from '../seeded-random.ts';
import type { Finding } from '../results/index.ts';
import { median } from './statistics.ts';
import type { History, HistoryEntry } from './types.ts';

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

/** The figures of a history whose change points are findings, with how to read them. */
const TRACKED: readonly {
  id: string;
  label: string;
  unit: 'ms' | 'percent' | 'perSecond' | 'ratio' | 'tokens';
  value: (entry: HistoryEntry) => number | null;
}[] = [
  { id: 'p95', label: 'p95 latency', unit: 'ms', value: (e) => e.summary.p95 },
  { id: 'error-rate', label: 'error rate', unit: 'percent', value: (e) => (e.summary.calls > 0 ? e.summary.errors / e.summary.calls : null) },
  { id: 'throughput', label: 'throughput', unit: 'perSecond', value: (e) => e.summary.throughput },
  { id: 'http-per-call', label: 'HTTP requests per MCP call', unit: 'ratio', value: (e) => e.summary.httpPerCall.overall },
  // Estimated from a sample of replies; runs from before it was measured have none.
  { id: 'tokens-per-call', label: 'tokens per call', unit: 'tokens', value: (e) => e.summary.tokensPerCall ?? null },
];

/** The series a history's trend shows and its change points are found in. */
export function historySeries(history: History): { id: string; label: string; unit: string; values: (number | null)[] }[] {
  return TRACKED.map((t) => ({ id: t.id, label: t.label, unit: t.unit, values: history.runs.map(t.value) }));
}

/**
 * One finding per change point of a tracked figure over the history (oldest run first): the run
 * where the shift began, its magnitude, and the medians either side. Runs without the figure are skipped.
 */
export function changePointFindings(history: History, options: ChangePointOptions = {}): Finding[] {
  const findings: Finding[] = [];
  for (const tracked of TRACKED) {
    const indexed = history.runs
      .map((run, i) => ({ i, value: tracked.value(run) }))
      .filter((p): p is { i: number; value: number } => p.value !== null && Number.isFinite(p.value));
    for (const point of changePoints(
      indexed.map((p) => p.value),
      options,
    )) {
      const run = history.runs[indexed[point.index].i];
      const where = `run ${indexed[point.index].i + 1} of ${history.runs.length} (${run.date.slice(0, 10)}${run.sha ? `, ${run.sha.slice(0, 7)}` : ''})`;
      const direction = point.after > point.before ? 'rose' : 'fell';
      const magnitude = Number.isFinite(point.change) ? ` (${point.change >= 0 ? '+' : ''}${(point.change * 100).toFixed(1)} %)` : '';
      findings.push({
        id: `change-point-${tracked.id}`,
        severity: worse(tracked.id, point.after > point.before) ? 'warning' : 'info',
        statement: `The ${tracked.label} ${direction} from ${format(point.before, tracked.unit)} to ${format(point.after, tracked.unit)}${magnitude} from ${where} on.`,
        evidence: [
          `E-divisive means change point, permutation p = ${point.pValue.toFixed(3)}`,
          `medians of the runs before and after: ${format(point.before, tracked.unit)} → ${format(point.after, tracked.unit)}`,
        ],
        advice: worse(tracked.id, point.after > point.before)
          ? `Look at the changes that landed just before ${run.sha ? run.sha.slice(0, 7) : 'that run'}.`
          : undefined,
      });
    }
  }
  return findings.map((f) => (f.advice === undefined ? (({ advice: _, ...rest }) => rest)(f) : f));
}

function worse(id: string, rose: boolean): boolean {
  return id === 'throughput' ? !rose : rose;
}

function format(value: number, unit: string): string {
  if (unit === 'ms') return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
  if (unit === 'percent') return `${(value * 100).toFixed(2)} %`;
  if (unit === 'perSecond') return `${value.toFixed(1)}/s`;
  if (unit === 'tokens') return `${value.toFixed(1)} tokens`;
  return value.toFixed(2);
}
