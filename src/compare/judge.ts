import type { ComparedMetric } from './metrics.ts';
import type { MetricSettings, RegressionSettings } from './settings.ts';
import { fewestRankSamples, rankRelativeChange, robustBand, twoProportionTest, type RelativeChange } from './statistics.ts';
import type { ComparisonVerdict, HistoryEntry, TokenSample, Verdict } from './types.ts';

type Counts = { errors: number; calls: number };

export interface TestOptions {
  settings: RegressionSettings;
}

/** Against one baseline run: rank interval of the windows, two-proportion test, or exact comparison. */
export function judgeAgainstRun(metric: ComparedMetric, current: HistoryEntry, baseline: HistoryEntry, options: TestOptions): ComparisonVerdict | undefined {
  const s = options.settings.metric(metric.ref, metric.kind, metric.gatedByDefault);
  const cur = metric.value(current);
  const base = metric.value(baseline);
  if (cur === null || base === null) return newOrGone(metric, s, base, cur);
  switch (metric.kind) {
    case 'http-per-call':
      return exactly(metric, s, base, cur);
    case 'tokens':
      return tokensChange(metric, s, base, cur, metric.sample?.(baseline), metric.sample?.(current));
    case 'error-rate':
      return errorRateTest(metric, s, metric.counts?.(baseline) as Counts, metric.counts?.(current) as Counts);
    case 'latency':
    case 'throughput':
      if (metric.windows) return windowTest(metric, s, metric.windows(baseline), metric.windows(current), base, cur, options);
      return borrowedIntervalTest(metric, s, current, baseline, base, cur, options);
  }
}

/** Against ≥ minHistory earlier runs: a robust band over their per-run figures. */
export function judgeAgainstHistory(
  metric: ComparedMetric,
  current: HistoryEntry,
  runs: readonly HistoryEntry[],
  minHistory: number,
  options: TestOptions,
): ComparisonVerdict | undefined {
  const s = options.settings.metric(metric.ref, metric.kind, metric.gatedByDefault);
  const having = runs.filter((r) => metric.value(r) !== null);
  const latest = having.at(-1);
  const cur = metric.value(current);
  if (latest === undefined || cur === null) {
    // Gone only when the latest run still had it.
    const stillHad = latest !== undefined && latest === runs.at(-1);
    return newOrGone(metric, s, stillHad ? metric.value(latest) : null, cur);
  }
  // Deterministic protocol behaviour: the latest run is the reference, any difference counts.
  if (metric.kind === 'http-per-call') return exactly(metric, s, metric.value(latest) as number, cur);
  // An estimate of what the output costs, not a noisy timing: shown against the latest run.
  if (metric.kind === 'tokens') return tokensChange(metric, s, metric.value(latest) as number, cur, metric.sample?.(latest), metric.sample?.(current));
  if (metric.windows && metric.windows(current).length === 0) {
    const v = verdict(metric, s, 'inconclusive', metric.value(latest), cur);
    v.note = 'not tested: the current run has no steady windows';
    return v;
  }
  const perRun = metric.windows ? having.filter((r) => metric.windows?.(r).length) : having;
  if (perRun.length < minHistory) {
    const single = judgeAgainstRun(metric, current, latest, options);
    return single && { ...single, note: `only ${perRun.length} earlier runs have it; against the latest: ${single.note ?? single.verdict}` };
  }
  return bandTest(
    metric,
    s,
    perRun.map((r) => metric.value(r) as number),
    cur,
    metric.counts?.(current),
    options.settings.historyK,
  );
}

/** One side lacks the metric: new, gone, or nothing to say. */
function newOrGone(metric: ComparedMetric, s: MetricSettings, base: number | null, cur: number | null): ComparisonVerdict | undefined {
  if (base === null) return cur === null ? undefined : verdict(metric, s, 'new', null, cur);
  return cur === null ? verdict(metric, s, 'gone', base, null) : undefined;
}

/**
 * HTTP requests per call or per session. When every unit cost the same number of requests the ratio
 * is a whole number and protocol behaviour, not noise: any difference counts. A fractional ratio
 * means the cost varied between units (a probe shared by however many sessions had started, a
 * re-initialisation, a server's request): a difference then depends on the run, so it is measured
 * but not tested.
 */
function exactly(metric: ComparedMetric, s: MetricSettings, base: number, cur: number): ComparisonVerdict {
  const same = Math.abs(cur - base) <= 1e-9 * Math.max(1, Math.abs(base));
  const deterministic = isWhole(base) && isWhole(cur);
  const outcome: Verdict = same ? 'unchanged' : !deterministic ? 'inconclusive' : cur > base ? 'regression' : 'improvement';
  const v = verdict(metric, s, outcome, base, cur);
  if (base > 0) v.change = cur / base - 1;
  const per = PER[metric.metric] ?? 'call';
  const figures = `${format(base)} → ${format(cur)} HTTP requests per ${per}`;
  v.note = same
    ? 'exact: deterministic protocol behaviour'
    : deterministic
      ? `exact: ${figures}`
      : `not tested: ${figures}; the cost varies from ${per} to ${per}, so the difference depends on the run`;
  return v;
}

/**
 * Tokens per call, informational: more (or fewer) when the change is beyond both `minEffect` and
 * `floor` tokens, else unchanged; the note says what each figure was estimated from.
 */
function tokensChange(
  metric: ComparedMetric,
  s: MetricSettings,
  base: number,
  cur: number,
  baseSample: TokenSample | undefined,
  curSample: TokenSample | undefined,
): ComparisonVerdict {
  const absolute = cur - base;
  const relative = base > 0 ? absolute / base : absolute === 0 ? 0 : Infinity;
  const outcome: Verdict = Math.abs(absolute) <= s.floor || Math.abs(relative) <= s.minEffect ? 'unchanged' : absolute > 0 ? 'regression' : 'improvement';
  const v = verdict(metric, s, outcome, base, cur);
  if (base > 0) v.change = cur / base - 1;
  v.note = `informational: ${format(base)} → ${format(cur)} tokens per call (${sampleText(baseSample)} → ${sampleText(curSample)})`;
  return v;
}

function sampleText(sample: TokenSample | undefined): string {
  if (sample === undefined) return 'sample unknown';
  return sample.sampled >= sample.replies ? `all ${sample.replies} replies` : `${sample.sampled} of ${sample.replies} replies`;
}

const PER: Readonly<Record<string, string>> = { http_per_call_discovery: 'target', http_per_call_setup: 'session', http_per_call_teardown: 'session' };

function isWhole(x: number): boolean {
  return Math.abs(x - Math.round(x)) <= 1e-9 * Math.max(1, Math.abs(x));
}

function windowTest(
  metric: ComparedMetric,
  s: MetricSettings,
  baseWindows: number[],
  curWindows: number[],
  base: number,
  cur: number,
  options: TestOptions,
): ComparisonVerdict {
  const { confidence } = options.settings;
  const needed = fewestRankSamples(confidence);
  const interval = Math.min(baseWindows.length, curWindows.length) < needed ? undefined : rankRelativeChange(baseWindows, curWindows, confidence);
  if (interval === undefined) {
    const v = verdict(metric, s, 'inconclusive', base, cur);
    if (base > 0) v.change = cur / base - 1;
    v.note = `not tested: ${baseWindows.length} baseline and ${curWindows.length} current steady windows (a ${percent(confidence)} interval needs ${needed} each)`;
    return v;
  }
  return intervalVerdict(
    metric,
    s,
    interval,
    base,
    cur,
    `rank interval of ${curWindows.length} vs ${baseWindows.length} windows, ${percent(interval.coverage)} coverage`,
  );
}

/**
 * Per-tool latency against one run: only whole-run figures exist per tool, so the interval is the
 * overall p95's rank interval around the tool's change, widened by √(1 / the tool's share of
 * calls) (fewer samples, more noise). Conservative: it only matters for promoted tools.
 */
function borrowedIntervalTest(
  metric: ComparedMetric,
  s: MetricSettings,
  current: HistoryEntry,
  baseline: HistoryEntry,
  base: number,
  cur: number,
  options: TestOptions,
): ComparisonVerdict {
  const overall = overallP95Change(current, baseline, options);
  const share = Math.min(metric.share?.(current) ?? 0, metric.share?.(baseline) ?? 0);
  if (overall === undefined || !(share > 0) || !(base > 0)) {
    const v = verdict(metric, s, 'inconclusive', base, cur);
    if (base > 0) v.change = cur / base - 1;
    v.note = 'not tested: too few steady windows to estimate the noise';
    return v;
  }
  const widen = Math.sqrt(1 / share);
  const centre = Math.log1p(overall.estimate);
  const estimate = Math.log(cur / base);
  const interval: RelativeChange = {
    estimate: cur / base - 1,
    low: Math.expm1(estimate - (centre - Math.log1p(overall.low)) * widen),
    high: Math.expm1(estimate + (Math.log1p(overall.high) - centre) * widen),
    coverage: overall.coverage,
  };
  return intervalVerdict(metric, s, interval, base, cur, `whole-run p95, overall ${percent(overall.coverage)} interval ×${widen.toFixed(1)}`);
}

// Every tool of a comparison borrows the same overall interval.
const overallChanges = new WeakMap<HistoryEntry, WeakMap<HistoryEntry, RelativeChange | undefined>>();

function overallP95Change(current: HistoryEntry, baseline: HistoryEntry, options: TestOptions): RelativeChange | undefined {
  let byBaseline = overallChanges.get(current);
  if (byBaseline === undefined) overallChanges.set(current, (byBaseline = new WeakMap()));
  if (!byBaseline.has(baseline)) {
    const { confidence } = options.settings;
    const enough = Math.min(baseline.windows.p95.length, current.windows.p95.length) >= fewestRankSamples(confidence);
    byBaseline.set(baseline, enough ? rankRelativeChange(baseline.windows.p95, current.windows.p95, confidence) : undefined);
  }
  return byBaseline.get(baseline);
}

/**
 * Regression or improvement when the interval lies beyond `minEffect` and the change beyond `floor`;
 * unchanged when it excludes a change that large either way; otherwise inconclusive.
 */
function intervalVerdict(metric: ComparedMetric, s: MetricSettings, ci: RelativeChange, base: number, cur: number, what: string): ComparisonVerdict {
  // Oriented so that `worse > 0` is the bad direction.
  const sign = metric.lowerIsWorse ? -1 : 1;
  const worseLow = sign === 1 ? ci.low : -ci.high;
  const worseHigh = sign === 1 ? ci.high : -ci.low;
  const absolute = sign * (cur - base);
  // The smallest relative change that would matter: beyond minEffect and, in absolute terms, the floor.
  const mattering = Math.max(s.minEffect, base > 0 ? s.floor / base : 0);
  let outcome: Verdict = 'unchanged';
  let why = '';
  if (worseLow > s.minEffect && absolute > s.floor) outcome = 'regression';
  else if (-worseHigh > s.minEffect && -absolute > s.floor) outcome = 'improvement';
  else if (worseHigh > mattering || -worseLow > mattering) {
    outcome = 'inconclusive';
    why = `; too wide to exclude a change beyond ${percent(s.minEffect)}${mattering > s.minEffect ? ` and ${format(s.floor)}${unit(metric)}` : ''}`;
  } else if (worseLow > s.minEffect || -worseHigh > s.minEffect) why = `; within the ${format(s.floor)}${unit(metric)} floor`;
  const v = verdict(metric, s, outcome, base, cur);
  v.change = cur / base - 1;
  v.interval = [ci.low, ci.high];
  v.note = `${what}: ${signed(ci.low)} … ${signed(ci.high)}${why}`;
  return v;
}

/**
 * Error rates against one run: pooled two-proportion z-test (one-sided, level `alpha`), flagged only
 * with at least `minCount` errors in the worse run and a rise beyond both `floor` (absolute) and
 * `minEffect` (relative, when the baseline had errors).
 */
function errorRateTest(metric: ComparedMetric, s: MetricSettings, b: Counts, c: Counts): ComparisonVerdict {
  const rb = b.errors / b.calls;
  const rc = c.errors / c.calls;
  const { pRise, pFall } = twoProportionTest(b.errors, b.calls, c.errors, c.calls);
  const rise = rc > rb ? { p: pRise, worse: c.errors, diff: rc - rb, rel: rb > 0 ? rc / rb - 1 : Infinity } : undefined;
  const fall = rc < rb ? { p: pFall, worse: b.errors, diff: rb - rc, rel: 1 - rc / rb } : undefined;
  const judged = rise ?? fall;
  let outcome: Verdict = 'unchanged';
  let why = '';
  if (judged !== undefined) {
    if (judged.p >= s.alpha) why = `; p ≥ ${s.alpha}`;
    else if (judged.worse < s.minCount) why = `; fewer than ${s.minCount} errors`;
    else if (judged.diff < s.floor) why = `; within the ${percentPoints(s.floor)} floor`;
    else if (judged.rel < s.minEffect) why = `; under ${percent(s.minEffect)}`;
    else outcome = rise ? 'regression' : 'improvement';
  }
  const v = verdict(metric, s, outcome, rb, rc);
  if (rb > 0) v.change = rc / rb - 1;
  const p = judged === undefined ? '' : judged.p < 1e-4 ? ', p < 0.0001' : `, p = ${judged.p.toPrecision(2)}`;
  v.note = `${b.errors}/${b.calls} → ${c.errors}/${c.calls} errors${p}${why}`;
  return v;
}

function bandTest(metric: ComparedMetric, s: MetricSettings, values: number[], cur: number, counts: Counts | undefined, k: number): ComparisonVerdict {
  const band = robustBand(values, k);
  const sign = metric.lowerIsWorse ? -1 : 1;
  const worseEdge = sign === 1 ? band.high : band.low;
  const betterEdge = sign === 1 ? band.low : band.high;
  const absolute = sign * (cur - band.center);
  const relative = band.center > 0 ? absolute / band.center : absolute > 0 ? Infinity : absolute < 0 ? -Infinity : 0;
  let outcome: Verdict = 'unchanged';
  let why = '';
  if (sign * (cur - worseEdge) > 0) {
    if (counts !== undefined && counts.errors < s.minCount) why = `; fewer than ${s.minCount} errors`;
    else if (absolute <= s.floor) why = `; within the ${floorText(metric, s)} floor`;
    else if (relative <= s.minEffect) why = `; under ${percent(s.minEffect)}`;
    else outcome = 'regression';
  } else if (sign * (cur - betterEdge) < 0) {
    if (-absolute > s.floor && -relative > s.minEffect) outcome = 'improvement';
  } else if (!(counts !== undefined && counts.errors < s.minCount) && Math.abs(absolute) > s.floor && Math.abs(relative) > s.minEffect) {
    // A change that would matter, yet within the spread of the earlier runs: noise cannot be ruled out.
    outcome = 'inconclusive';
    why = `; a change beyond ${percent(s.minEffect)} within the earlier runs' spread`;
  }
  const v = verdict(metric, s, outcome, band.center, cur);
  if (band.center > 0) {
    v.change = cur / band.center - 1;
    v.interval = [band.low / band.center - 1, band.high / band.center - 1];
  }
  v.note = `median of ${values.length} earlier runs ± ${k}·IQR: ${format(band.low)} … ${format(band.high)}${why}`;
  return v;
}

function verdict(metric: ComparedMetric, s: MetricSettings, outcome: Verdict, baseline: number | null, current: number | null): ComparisonVerdict {
  const tool = metric.tool === undefined ? {} : { tool: metric.tool };
  return { metric: metric.metric, ...tool, verdict: outcome, gated: s.gated, baseline, current };
}

function floorText(metric: ComparedMetric, s: MetricSettings): string {
  return metric.kind === 'error-rate' ? percentPoints(s.floor) : `${format(s.floor)}${unit(metric)}`;
}

function unit(metric: ComparedMetric): string {
  return metric.kind === 'latency' ? ' ms' : metric.kind === 'throughput' ? ' calls/s' : '';
}

function format(n: number): string {
  return Number(n.toPrecision(4)).toString();
}

function percent(x: number): string {
  return `${Number((x * 100).toPrecision(3))} %`;
}

function percentPoints(x: number): string {
  return `${Number((x * 100).toPrecision(3))} pp`;
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)} %`;
}
