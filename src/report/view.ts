import type { Comparison, ComparisonVerdict } from '../compare/index.ts';
import { callTotals, describeFailure, kindLabel } from '../results/index.ts';
import { counterTotal, trendTotal } from '../results/index.ts';
import type { Finding, Result } from '../results/index.ts';
import { loadViews, type LoadView } from './load-view.ts';
import { formatMs, formatObserved, formatPercent, formatRate } from './format.ts';
import { formatChange, formatCount, formatRatio, formatRelative } from './markdown-text.ts';
import { formatTokens, toolOutputSection, type ToolOutputSection } from './tool-output-view.ts';

/**
 * The one derived view of a result (and its comparison) that every renderer formats: the verdict,
 * the findings, the key figures with their baseline and verdict, the thresholds and the errors
 * that matter. Strings here are plain text, untrusted parts included: each renderer escapes them
 * for its medium (terminal, Markdown, HTML), so the three say the same thing by construction.
 */
export interface ReportView {
  verdict: VerdictView;
  findings: Finding[];
  figures: KeyFigure[];
  thresholds: ThresholdRow[];
  /** The most frequent error kinds, with what they mean and what to do. */
  topErrors: ErrorRow[];
  errorsByClass: { errorClass: string; count: string }[];
  /** Each scenario's executor, load and flow in words. */
  load: LoadView[];
  comparison?: ComparisonView;
  /** Per tool: the size and estimated tokens of its output (absent without tool calls). */
  toolOutput?: ToolOutputSection;
}

export type VerdictState = 'passed' | 'failed' | 'interrupted';

export interface VerdictView {
  state: VerdictState;
  icon: '✅' | '❌' | '⚠️';
  /** `passed`, `2 thresholds failed`, `target unreachable: …`, `interrupted`… */
  title: string;
  /** `1,930 MCP calls at 10.00/s, p95 221µs (successful calls), 100.00% errors` */
  summary: string;
  /** The comparison's part of the verdict, when there is one. */
  comparison?: string;
}

export interface KeyFigure {
  id: 'mcp-calls' | 'mcp-rate' | 'http-per-call' | 'p95' | 'p99' | 'error-rate';
  label: string;
  value: string;
  /** What the figure is of, e.g. "successful calls, whole run". */
  note: string;
  baseline?: string;
  /** The whole-run change, as measured. */
  change?: string;
  /** The comparison's verdict on the figure's compared statistic, with that statistic named. */
  verdict?: string;
  tone: 'better' | 'worse' | 'warning' | 'neutral';
}

export interface ThresholdRow {
  ok: boolean;
  key: string;
  source: string;
  /** The observed value in its unit, or why there is none. */
  observed: string;
  default: boolean;
}

export interface ErrorRow {
  count: string;
  kind: string;
  message: string;
  advice: string;
}

export type ComparisonState = 'regression' | 'inconclusive' | 'no regression' | 'not comparable';

export interface ComparisonView {
  state: ComparisonState;
  /** `no regression detected against the baseline (rank interval)`… */
  headline: string;
  rows: VerdictRow[];
}

export interface VerdictRow {
  verdict: ComparisonVerdict['verdict'] | InformationalLabel;
  label: string;
  /** What was compared: `p95 MCP latency (median of 5 s window p95s)`. */
  statistic: string;
  baseline: string;
  current: string;
  change: string;
  note: string;
  gated: boolean;
}

export interface ViewInput {
  baseline?: Result;
  comparison?: Comparison;
}

const TOP_ERRORS = 3;

export function buildReportView(result: Result, input: ViewInput = {}): ReportView {
  const comparison = input.comparison === undefined ? undefined : comparisonView(input.comparison);
  const findings = [...(result.findings ?? [])];
  if (comparison?.state === 'inconclusive') {
    const untested = input.comparison!.verdicts.filter((v) => v.gated && v.verdict === 'inconclusive');
    findings.push({
      id: 'comparison-inconclusive',
      severity: 'warning',
      statement: `the comparison with the baseline is inconclusive: ${formatCount(untested.length)} gated ${untested.length === 1 ? 'metric' : 'metrics'} could not be tested, so whether this run regressed is unknown`,
      evidence: untested.map((v) => `${statisticOf(v)}: ${v.note ?? 'not tested'}`),
      advice: 'run longer (more steady windows) or with less variance to get a verdict',
    });
  }
  return {
    verdict: verdictOf(result, findings, comparison),
    findings,
    figures: keyFigures(result, input.baseline, input.comparison),
    thresholds: result.thresholds.map((t) => ({
      ok: t.ok,
      key: t.key,
      source: t.source,
      observed: t.error ?? formatObserved(t.key, t.source, t.observed, formatCount),
      default: t.default === true,
    })),
    topErrors: result.errors.slice(0, TOP_ERRORS).map((kind) => {
      const failure = describeFailure(kind, result.target);
      return { count: formatCount(kind.count), kind: kindLabel(kind), message: kind.samples[0] ?? '', advice: failure.advice };
    }),
    errorsByClass: errorsByClass(result),
    load: loadViews(result.scenario.echo.scenarios),
    ...(comparison ? { comparison } : {}),
    ...optional('toolOutput', toolOutputSection(result)),
  };
}

/** The run failed: a threshold (the default health gate included) or an internal error of mcp-load. */
export function runFailed(result: Result): boolean {
  return result.thresholds.some((t) => !t.ok) || (result.findings ?? []).some((f) => f.id === 'internal-error');
}

function verdictOf(result: Result, findings: readonly Finding[], comparison: ComparisonView | undefined): VerdictView {
  const summary = summaryOf(result);
  const withComparison = (v: Omit<VerdictView, 'comparison' | 'summary'>): VerdictView => ({ ...v, summary, ...(comparison ? { comparison: comparison.headline } : {}) });
  // Interruption wins: the figures cover only part of the planned run.
  if (result.interrupted === 'signal') return withComparison({ state: 'interrupted', icon: '⚠️', title: 'interrupted before the planned end' });
  const failedThresholds = result.thresholds.filter((t) => !t.ok).length;
  const cause = findings.find((f) => f.severity === 'error');
  if (failedThresholds > 0 || cause?.id === 'internal-error') {
    const aborted = result.interrupted === 'threshold' ? ', run aborted' : '';
    const title = cause ? `${cause.statement}${aborted}` : `${plural(failedThresholds, 'threshold')} failed${aborted}`;
    return withComparison({ state: 'failed', icon: '❌', title });
  }
  if (comparison?.state === 'regression') return withComparison({ state: 'failed', icon: '❌', title: 'regression against the baseline' });
  // Warnings (a saturated generator, dropped iterations) lead the findings, right under this line.
  if (comparison?.state === 'inconclusive') return withComparison({ state: 'passed', icon: '⚠️', title: 'passed; the comparison is inconclusive' });
  return withComparison({ state: 'passed', icon: '✅', title: 'passed' });
}

function summaryOf(result: Result): string {
  const { calls, failed } = callTotals(result);
  if (calls === 0) return 'no MCP calls were made';
  const rate = counterTotal(result.metrics, 'mcp_calls')?.rate;
  const p95 = trendTotal(result.metrics, 'mcp_call_duration')?.p95;
  return [
    `${formatCount(calls)} MCP calls${rate === undefined ? '' : ` at ${formatRate(rate)}`}`,
    `p95 ${p95 === undefined ? '— (no successful call)' : formatMs(p95)}`,
    `${formatPercent(failed / calls)} errors`,
  ].join(', ');
}

interface FigureDef {
  id: KeyFigure['id'];
  label: string;
  note: string;
  value: (r: Result) => number | null;
  format: (n: number) => string;
  /** The comparison metric judging this figure, and what it compares. */
  compared?: { metric: string };
  better: 'higher' | 'lower' | 'none';
  points?: boolean;
}

const FIGURES: readonly FigureDef[] = [
  { id: 'mcp-calls', label: 'MCP calls', note: 'flow steps', value: (r) => callTotals(r).calls, format: formatCount, better: 'none' },
  { id: 'mcp-rate', label: 'MCP calls/s', note: 'measured time', value: (r) => counterTotal(r.metrics, 'mcp_calls')?.rate ?? null, format: formatRate, compared: { metric: 'throughput' }, better: 'higher' },
  {
    id: 'http-per-call',
    label: 'HTTP requests per MCP call',
    note: 'session cost included',
    value: (r) => r.httpPerCall.overall,
    format: formatRatio,
    compared: { metric: 'http_per_call' },
    better: 'lower',
  },
  { id: 'p95', label: 'p95 MCP latency', note: 'successful calls, whole run', value: (r) => trendTotal(r.metrics, 'mcp_call_duration')?.p95 ?? null, format: formatMs, compared: { metric: 'mcp_call_duration_p95' }, better: 'lower' },
  { id: 'p99', label: 'p99 MCP latency', note: 'successful calls, whole run', value: (r) => trendTotal(r.metrics, 'mcp_call_duration')?.p99 ?? null, format: formatMs, better: 'lower' },
  {
    id: 'error-rate',
    label: 'Error rate',
    note: 'failed MCP calls',
    value: (r) => {
      const { calls, failed } = callTotals(r);
      return calls === 0 ? null : failed / calls;
    },
    format: formatPercent,
    compared: { metric: 'mcp_error_rate' },
    better: 'lower',
    points: true,
  },
];

function keyFigures(result: Result, baseline: Result | undefined, comparison: Comparison | undefined): KeyFigure[] {
  return FIGURES.map((def) => {
    const value = def.value(result);
    const figure: KeyFigure = { id: def.id, label: def.label, note: def.note, value: value === null ? '—' : def.format(value), tone: 'neutral' };
    if (baseline) {
      const before = def.value(baseline);
      figure.baseline = before === null ? '—' : def.format(before);
      figure.change = formatChange(before, value, def.points === true);
    }
    const judged = def.compared && comparison?.verdicts.find((v) => v.metric === def.compared!.metric && v.tool === undefined);
    if (judged) {
      figure.verdict = verdictText(judged);
      figure.tone = toneOf(judged);
    }
    return figure;
  });
}

/** `⚠️ inconclusive: 3 windows per side (needs 5)`, `🔴 regression +51.6% (window p95, 90 % CI +12…+88 %)`. */
function verdictText(v: ComparisonVerdict): string {
  const change = v.change === undefined ? '' : ` ${formatRelative(v.change)}`;
  const label = VERDICT_LABELS[v.verdict] ?? v.verdict;
  const note = v.note ? `: ${v.note}` : '';
  return `${label}${change} (${statisticOf(v)})${v.verdict === 'unchanged' ? '' : note}`;
}

function toneOf(v: ComparisonVerdict): KeyFigure['tone'] {
  if (v.verdict === 'regression') return v.gated ? 'worse' : 'warning';
  if (v.verdict === 'improvement') return 'better';
  if (v.verdict === 'inconclusive' || v.verdict === 'not comparable') return 'warning';
  return 'neutral';
}

export const VERDICT_LABELS: Record<ComparisonVerdict['verdict'], string> = {
  regression: '🔴 regression',
  inconclusive: '⚠️ inconclusive',
  improvement: '🟢 improvement',
  new: '🆕 new',
  gone: '➖ gone',
  'not comparable': '❔ not comparable',
  unchanged: '⚪ unchanged',
};

/** What a compared metric is a statistic of: the compare layer judges window medians, not whole-run figures. */
export function statisticOf(v: Pick<ComparisonVerdict, 'metric' | 'tool' | 'basis'>): string {
  const of = v.tool === undefined ? '' : ` of ${v.tool}`;
  if (v.basis !== undefined) return `${shortName(v.metric)}${of}, ${v.basis}`;
  switch (v.metric) {
    case 'mcp_call_duration_p95':
      return `p95${of}, median of the steady windows' p95`;
    case 'mcp_call_duration_p50':
      return `p50${of}, median of the steady windows' p50`;
    case 'throughput':
      return 'calls/s, median of the steady windows';
    case 'mcp_error_rate':
      return `error rate${of}, whole run`;
    case 'http_per_call':
      return `HTTP requests per call${of}, whole run`;
    case 'tokens_per_call':
      return `tokens per call${of}, sampled replies`;
    default:
      return `${v.metric}${of}`;
  }
}

function shortName(metric: string): string {
  switch (metric) {
    case 'mcp_call_duration_p95':
      return 'p95';
    case 'mcp_call_duration_p50':
      return 'p50';
    case 'throughput':
      return 'calls/s';
    case 'mcp_error_rate':
      return 'error rate';
    case 'http_per_call':
      return 'HTTP requests per call';
    case 'tokens_per_call':
      return 'tokens per call';
    default:
      return metric;
  }
}

export type InformationalLabel = 'slower (informational)' | 'more tokens (informational)';

/** A worse figure that does not gate: slower, or (tokens per call) more tokens. */
export function informationalLabel(metric: string): InformationalLabel {
  return metric === 'tokens_per_call' ? 'more tokens (informational)' : 'slower (informational)';
}

const COMPARISON_ORDER: readonly ComparisonVerdict['verdict'][] = ['regression', 'inconclusive', 'improvement', 'new', 'gone', 'not comparable', 'unchanged'];

function comparisonView(comparison: Comparison): ComparisonView {
  const method = comparison.method === 'history-band' ? 'against the history (robust band)' : 'against the baseline (rank interval)';
  const gated = comparison.verdicts.filter((v) => v.gated);
  const regressions = gated.filter((v) => v.verdict === 'regression');
  const untested = gated.filter((v) => v.verdict === 'inconclusive');
  let state: ComparisonState;
  let headline: string;
  if (!comparison.comparable) {
    state = 'not comparable';
    headline = `not comparable with the baseline: ${comparison.reason ?? 'the runs differ'}`;
  } else if (regressions.length > 0) {
    state = 'regression';
    headline = `regression ${method}: ${regressions.map((v) => `${statisticOf(v)} ${v.change === undefined ? '' : formatRelative(v.change)}`.trim()).join('; ')}`;
  } else if (untested.length > 0 || comparison.inconclusive) {
    state = 'inconclusive';
    headline = `inconclusive ${method}: ${untested.length > 0 ? untested.map((v) => statisticOf(v)).join('; ') : 'some gated metrics'} could not be tested`;
  } else {
    state = 'no regression';
    headline = `no regression detected ${method}`;
  }
  const rows = [...comparison.verdicts]
    .sort((a, b) => COMPARISON_ORDER.indexOf(a.verdict) - COMPARISON_ORDER.indexOf(b.verdict))
    .map((v) => ({
      verdict: v.verdict === 'regression' && !v.gated ? informationalLabel(v.metric) : v.verdict,
      label: v.tool === undefined ? v.metric : `${v.metric} (${v.tool})`,
      statistic: statisticOf(v),
      baseline: comparedValue(v.metric, v.baseline),
      current: comparedValue(v.metric, v.current),
      change: v.change !== undefined ? formatRelative(v.change) : formatChange(v.baseline, v.current),
      note: v.note ?? '',
      gated: v.gated,
    }));
  return { state, headline, rows };
}

/** Compared values carry their unit by metric: ms for durations, a fraction for error rates. */
function comparedValue(metric: string, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (metric.startsWith('mcp_call_duration')) return formatMs(value);
  if (metric === 'mcp_error_rate') return formatPercent(value);
  if (metric === 'throughput') return formatRate(value);
  if (metric.startsWith('http_per_call')) return formatRatio(value);
  if (metric === 'tokens_per_call') return formatTokens(value);
  return formatCount(value);
}

function errorsByClass(result: Result): ReportView['errorsByClass'] {
  const byClass = new Map<string, number>();
  for (const e of result.errors) byClass.set(e.errorClass, (byClass.get(e.errorClass) ?? 0) + e.count);
  return [...byClass].map(([errorClass, n]) => ({ errorClass, count: formatCount(n) }));
}

function optional<K extends string, T>(key: K, value: T | undefined): { [P in K]?: T } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: T };
}

function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}
