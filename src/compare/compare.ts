import type { Result } from '../results/index.ts';
import { isOpenModel } from '../scenario/index.ts';
import { digestRun } from './digest.ts';
import { fingerprintMismatch } from './fingerprint.ts';
import { judgeAgainstHistory, judgeAgainstRun, type TestOptions } from './judge.ts';
import { comparedMetrics, type ComparedMetric } from './metrics.ts';
import { regressionSettings } from './settings.ts';
import type { Comparison, ComparisonVerdict, History, HistoryEntry } from './types.ts';

export interface CompareOptions {
  /** The `regression:` settings; default: the current run's scenario echo. */
  regression?: Readonly<Record<string, unknown>>;
  /** Comparable earlier runs needed for the history band (default 5); fewer: a rank interval against the latest. */
  minHistory?: number;
}

/**
 * Judges the current run against one baseline run (rank interval of steady-state window figures) or a
 * history of earlier runs (robust band over their per-run figures), per metric and per tool.
 * A baseline of another fingerprint is reported as not comparable, never compared.
 */
export function compare(current: Result, baseline: Result | History, options: CompareOptions = {}): Comparison {
  const settings = regressionSettings(options.regression ?? current.scenario.echo.regression ?? {});
  const test: TestOptions = { settings };
  const minHistory = options.minHistory ?? 5;
  const arrivalRate = current.scenario.echo.scenarios.some((s) => isOpenModel(s.executor));
  const { now, earlier, comparable } = digestAlike(current, baseline, settings.windowMs);
  const metrics = comparedMetrics(now, comparable.length > 0 ? comparable : earlier.slice(-1), arrivalRate);
  const method = comparable.length >= minHistory ? 'history-band' : 'rank-interval';

  const latest = earlier.at(-1);
  if (comparable.length === 0) {
    const reason = latest === undefined ? 'the history has no earlier runs' : fingerprintMismatch(now.fingerprint, latest.fingerprint);
    const verdicts = metrics.map((m): ComparisonVerdict => {
      return {
        metric: m.metric,
        ...(m.tool === undefined ? {} : { tool: m.tool }),
        verdict: 'not comparable',
        gated: settings.metric(m.ref, m.kind, m.gatedByDefault).gated,
        baseline: latest === undefined ? null : m.value(latest),
        current: m.value(now),
      };
    });
    return { comparable: false, reason: reason as string, verdicts, regression: false, inconclusive: false, method };
  }

  const judge = (m: (typeof metrics)[number]) =>
    method === 'history-band' ? judgeAgainstHistory(m, now, comparable, minHistory, test) : judgeAgainstRun(m, now, comparable.at(-1) as HistoryEntry, test);
  const verdicts = metrics.flatMap((m) => {
    const v = judge(m);
    return v === undefined ? [] : [{ ...v, basis: basisOf(m, now, method) }];
  });
  return {
    comparable: true,
    verdicts,
    regression: verdicts.some((v) => v.gated && v.verdict === 'regression'),
    inconclusive: verdicts.some((v) => v.gated && v.verdict === 'inconclusive'),
    method,
  };
}

/**
 * The current run and the earlier ones, cut into windows of the same length: one steady second more
 * or less can shorten one run's windows and not the other's. A history's runs are already cut, so
 * the current run follows the latest comparable one's when they are shorter.
 */
function digestAlike(current: Result, baseline: Result | History, windowMs: number) {
  let now = digestRun(current, windowMs);
  let earlier: HistoryEntry[];
  if (isHistory(baseline)) {
    earlier = baseline.runs;
  } else {
    let base = digestRun(baseline, windowMs);
    const shorter = Math.min(now.windowMs, base.windowMs);
    if (now.windowMs !== shorter) now = digestRun(current, shorter);
    if (base.windowMs !== shorter) base = digestRun(baseline, shorter);
    earlier = [base];
  }
  const comparable = earlier.filter((run) => fingerprintMismatch(now.fingerprint, run.fingerprint) === undefined);
  const latest = comparable.at(-1);
  if (latest !== undefined && latest.windowMs < now.windowMs) now = digestRun(current, latest.windowMs);
  return { now, earlier, comparable };
}

/** What a verdict's figures are, for a label beside the whole-run figures a report also shows. */
function basisOf(metric: ComparedMetric, now: HistoryEntry, method: Comparison['method']): string {
  const windows = metric.windows?.(now).length ?? 0;
  const statistic = metric.kind === 'throughput' ? 'calls/s' : metric.metric.endsWith('_p50') ? 'p50' : 'p95';
  const figure = windows > 0 ? `median of ${now.windowMs / 1000} s window ${statistic}` : 'whole run';
  return method === 'history-band' ? `${figure}; baseline: median over the earlier runs` : figure;
}

function isHistory(value: Result | History): value is History {
  return Array.isArray((value as History).runs);
}
