import type { History, Comparison } from '../compare/index.ts';
import { ERROR_CLASSES } from '../mcp/index.ts';
import type { OperationBreakdown } from '../results/index.ts';
import type { Result } from '../results/index.ts';
import type { LoadView } from './load-view.ts';
import { MAX_TRACE_EXEMPLARS } from '../engine/index.ts';
import { formatBytes, formatDurationClock, formatMs, formatPercent, plainText } from './format.ts';
import { buildCharts, type ChartSpec } from './html-charts.ts';
import type { EventRow, ResilienceView } from './resilience-view.ts';
import { buildReportView, VERDICT_LABELS, type ReportView, type ThresholdRow, type VerdictRow } from './view.ts';
import type { ToolOutputSection } from './tool-output-view.ts';
import type { InstanceRowView } from './sessions-view.ts';

/** Rows per table; the rest are counted in a note. */
export const MAX_TABLE_ROWS = 200;
/** Server-provided names and messages are cut to these lengths. */
export const MAX_NAME_LENGTH = 160;
export const MAX_MESSAGE_LENGTH = 300;
const MAX_SAMPLES = 5;

/** Display data of the HTML report: every value a string, ready for the template to escape. */
export interface HtmlView {
  title: string;
  tool: string;
  run: { scenario: string; file: string; target: string; startedAt: string; duration: string; facts: Fact[] };
  verdict: { status: 'passed' | 'failed' | 'warning'; icon: string; headline: string; detail: string; comparison: string; notes: string[] };
  findings: FindingRow[];
  comparison: { state: string; headline: string; rows: ComparisonRow[] } | null;
  topErrors: { count: string; kind: string; message: string; advice: string }[];
  baseline: { startedAt: string; target: string; scenario: string; workload: string; sameWorkload: boolean } | null;
  figures: Figure[];
  load: LoadShape[];
  charts: ChartSpec[];
  thresholds: ThresholdRow[];
  checks: Bounded<CheckRow>;
  byTool: Bounded<OperationRow>;
  byMethod: Bounded<OperationRow>;
  /** Per tool: size and estimated tokens of its output (null without tool calls). */
  toolOutput: (Omit<ToolOutputSection, 'overall'> & { overall: string; more: number }) | null;
  /** With `trace:` on: the slowest sampled calls and their trace ids (null: tracing was off). */
  traceExemplars: { rows: { tool: string; traceId: string; duration: string }[] } | null;
  httpPerCall: Fact[];
  /** Sessions created, lost, re-initialised, closed, not closed. */
  sessions: Fact[];
  /** Per upstream instance (null: no response named one). */
  instances: { rows: InstanceRowView[]; notes: string[] } | null;
  /** Availability by send time and the scenario's events; null when the result has neither. */
  resilience: { availability: string; worstWindow: string; events: EventRow[]; streams: string[] } | null;
  errors: { byClass: Fact[]; kinds: Bounded<ErrorRow> };
  warnings: string[];
}

export interface FindingRow {
  severity: 'error' | 'warning' | 'info';
  statement: string;
  evidence: string[];
  advice: string;
}

/** A verdict row of the view, its verdict as a label and with the CSS tone of it. */
export type ComparisonRow = Omit<VerdictRow, 'verdict' | 'gated'> & {
  verdict: string;
  /** CSS class suffix: regression, inconclusive, improvement, neutral. */
  tone: string;
};

export interface Fact {
  label: string;
  value: string;
}

export interface Figure {
  id: string;
  label: string;
  value: string;
  sub: string;
  baseline?: string;
  delta?: string;
  /** Colour of the verdict: better, worse, warning, or neutral when nothing was judged. */
  change?: 'better' | 'worse' | 'warning' | 'neutral';
  /** The comparison's verdict on the figure, with the statistic it compared. */
  verdict?: string;
}

export interface Bounded<T> {
  rows: T[];
  /** Rows left out, 0 when all are shown. */
  more: number;
}

export interface LoadShape {
  name: string;
  executor: string;
  summary: string;
  stages: { n: number; duration: string; target: string }[];
  options: Fact[];
  flow: string[];
}

/** The view's threshold rows, their strings cut for the page. */
export type { ThresholdRow } from './view.ts';

export interface CheckRow {
  ok: boolean;
  scenario: string;
  step: string;
  check: string;
  passes: string;
  fails: string;
  rate: string;
}

export interface OperationRow {
  name: string;
  method: string;
  hasErrors: boolean;
  calls: string;
  errors: string;
  p50: string;
  p95: string;
  p99: string;
  max: string;
  failedP95: string;
  httpPerCall: string;
  sentPerCall: string;
  receivedPerCall: string;
}

export interface ErrorRow {
  errorClass: string;
  method: string;
  tool: string;
  detail: string;
  count: string;
  samples: string[];
}

function resilience(v: ResilienceView): HtmlView['resilience'] {
  if (v.availability === undefined && v.events.length === 0 && v.streams.length === 0) return null;
  return {
    streams: v.streams.map(message),
    availability: v.availability ?? '',
    worstWindow: v.worstWindow ?? '',
    events: v.events.map((e) => ({ ...e, name: name(e.name), command: message(e.command), outcome: message(e.outcome), output: message(e.output) })),
  };
}

export function buildHtmlView(result: Result, baseline?: Result, comparison?: Comparison, history?: History): HtmlView {
  const view = buildReportView(result, { ...(baseline ? { baseline } : {}), ...(comparison ? { comparison } : {}) });
  const scenario = name(result.scenario.id);
  return {
    title: `mcp-load report: ${scenario}`,
    tool: `${result.tool.name} ${result.tool.version}`,
    run: {
      scenario,
      file: name(result.scenario.file),
      target: name(result.target),
      startedAt: result.startedAt,
      duration: elapsed(result.durationMs),
      facts: environment(result),
    },
    verdict: verdict(result, view),
    findings: view.findings.map((f) => ({
      severity: f.severity,
      statement: message(f.statement),
      evidence: f.evidence.slice(0, 8).map(message),
      advice: f.advice ? message(f.advice) : '',
    })),
    comparison: view.comparison
      ? {
          state: view.comparison.state,
          headline: message(view.comparison.headline),
          rows: view.comparison.rows.slice(0, MAX_TABLE_ROWS).map((r) => ({
            verdict: VERDICT_LABELS[r.verdict as keyof typeof VERDICT_LABELS] ?? `🟠 ${r.verdict}`,
            tone:
              r.verdict === 'regression'
                ? 'regression'
                : r.verdict === 'inconclusive' || r.verdict === 'not comparable'
                  ? 'inconclusive'
                  : r.verdict === 'improvement'
                    ? 'improvement'
                    : 'neutral',
            label: name(r.label),
            statistic: name(r.statistic),
            baseline: r.baseline,
            current: r.current,
            change: r.change,
            note: message(r.note),
          })),
        }
      : null,
    topErrors: view.topErrors.map((e) => ({ count: e.count, kind: name(e.kind), message: message(e.message), advice: message(e.advice) })),
    baseline: baseline
      ? {
          startedAt: baseline.startedAt,
          target: name(baseline.target),
          scenario: name(baseline.scenario.id),
          workload: baseline.scenario.hash.slice(0, 12),
          sameWorkload: baseline.scenario.hash === result.scenario.hash,
        }
      : null,
    figures: view.figures.map((f) => ({
      id: f.id,
      label: f.label,
      value: f.value,
      sub: f.note,
      ...(f.baseline !== undefined ? { baseline: f.baseline, delta: f.change ?? '—' } : {}),
      change: f.tone,
      ...(f.verdict !== undefined ? { verdict: message(f.verdict) } : {}),
    })),
    load: view.load.map(loadShape),
    charts: buildCharts(result, baseline, history),
    thresholds: view.thresholds.map((t) => ({ ok: t.ok, key: name(t.key), source: name(t.source), observed: message(t.observed), default: t.default })),
    checks: bounded(result.checks, (c) => ({
      ok: c.fails === 0,
      scenario: name(c.scenario),
      step: name(c.step),
      check: name(c.check),
      passes: count(c.passes),
      fails: count(c.fails),
      rate: c.passes + c.fails === 0 ? '-' : formatPercent(c.passes / (c.passes + c.fails)),
    })),
    byTool: bounded(result.byTool, (row) => operationRow(row, row.tool ?? row.method)),
    byMethod: bounded(result.byMethod, (row) => operationRow(row, row.method)),
    toolOutput: view.toolOutput
      ? {
          ...view.toolOutput,
          rows: view.toolOutput.rows.slice(0, MAX_TABLE_ROWS).map((r) => ({ ...r, tool: name(r.tool) })),
          overall: view.toolOutput.overall ?? '',
          more: Math.max(0, view.toolOutput.rows.length - MAX_TABLE_ROWS),
        }
      : null,
    traceExemplars: result.traceExemplars
      ? {
          rows: result.traceExemplars
            .slice(0, MAX_TRACE_EXEMPLARS)
            .map((e) => ({ tool: name(e.tool), traceId: plainText(String(e.traceId), 32), duration: formatMs(e.durationMs) })),
        }
      : null,
    httpPerCall: httpPerCallFacts(result),
    sessions: view.sessions.map((f) => ({ label: f.label, value: message(f.value) })),
    instances: view.instances
      ? { rows: view.instances.rows.map((r) => ({ ...r, instance: name(r.instance) })), notes: view.instances.notes.map(message) }
      : null,
    resilience: resilience(view.resilience),
    errors: errors(result),
    warnings: result.warnings.map(message),
  };
}

function verdict(result: Result, view: ReportView): HtmlView['verdict'] {
  const v = view.verdict;
  const notes: string[] = [];
  if (result.interrupted === 'threshold') notes.push('The run was stopped early by a threshold with abortOnFail.');
  const failed = result.thresholds.filter((t) => !t.ok).length;
  const detail = `${v.summary}. ${result.thresholds.length === 0 ? 'No thresholds.' : `${result.thresholds.length - failed} of ${result.thresholds.length} thresholds passed.`}`;
  const status = v.state === 'failed' ? 'failed' : v.icon === '✅' ? 'passed' : 'warning';
  return { status, icon: v.icon, headline: message(v.title), detail: message(detail), comparison: v.comparison ? message(v.comparison) : '', notes };
}

function environment(result: Result): Fact[] {
  const env = result.environment;
  const facts: Fact[] = [
    { label: 'Started', value: result.startedAt },
    { label: 'Ended', value: result.endedAt },
    { label: 'Generator', value: `${env.os}/${env.arch}, ${env.cpus} CPUs, Node ${env.node}${env.ci ? ', CI' : ''}` },
    { label: 'Scenario hash', value: result.scenario.hash.slice(0, 12) },
  ];
  if (env.git?.sha) facts.push({ label: 'Commit', value: name(env.git.sha) });
  if (env.git?.ref) facts.push({ label: 'Ref', value: name(env.git.ref) });
  return facts;
}

function loadShape(load: LoadView): LoadShape {
  return {
    name: name(load.name),
    executor: load.executor,
    summary: load.summary,
    stages: load.stages.map((s) => ({ n: s.n, duration: s.duration, target: s.target })),
    options: [...load.options, { label: 'session', value: load.session }],
    flow: load.flow.map((step) => name(step.subject === undefined ? step.label : `${step.label} ${step.subject}`)),
  };
}

function operationRow(row: OperationBreakdown, label: string): OperationRow {
  const perCall = (bytes: number): string => (row.calls === 0 ? '-' : formatBytes(bytes / row.calls));
  const latency = (ms: number | null): string => (ms === null ? '-' : formatMs(ms));
  return {
    name: name(label),
    method: name(row.method),
    hasErrors: row.errors > 0,
    calls: count(row.calls),
    errors: row.errors === 0 ? '0' : `${count(row.errors)} (${formatPercent(row.errorRate)})`,
    p50: latency(row.p50),
    p95: latency(row.p95),
    p99: latency(row.p99),
    max: latency(row.max),
    failedP95: latency(row.failedP95),
    httpPerCall: row.calls === 0 ? '-' : row.httpPerCall.toFixed(2),
    sentPerCall: perCall(row.bytesSent),
    receivedPerCall: perCall(row.bytesReceived),
  };
}

function httpPerCallFacts(result: Result): Fact[] {
  const h = result.httpPerCall;
  return [
    { label: 'overall', value: fixed(h.overall) },
    { label: 'session setup (per session)', value: fixed(h.byPhase.setup) },
    { label: 'calls (per call)', value: fixed(h.byPhase.calls) },
    { label: 'teardown (per session)', value: fixed(h.byPhase.teardown) },
    ...Object.entries(h.byMethod).map(([method, n]) => ({ label: name(method), value: fixed(n) })),
  ];
}

function errors(result: Result): HtmlView['errors'] {
  const byClass = new Map<string, number>(ERROR_CLASSES.map((c) => [c, 0]));
  for (const e of result.errors) byClass.set(e.errorClass, (byClass.get(e.errorClass) ?? 0) + e.count);
  return {
    byClass: [...byClass].map(([label, n]) => ({ label: name(label), value: count(n) })),
    kinds: bounded(result.errors, (e) => ({
      errorClass: name(e.errorClass),
      method: name(e.method),
      tool: e.tool === undefined ? '' : name(e.tool),
      detail: [e.status === undefined ? '' : `HTTP ${e.status}`, e.code === undefined ? '' : `code ${e.code}`, e.reason === undefined ? '' : name(e.reason)]
        .filter(Boolean)
        .join(', '),
      count: count(e.count),
      samples: e.samples.slice(0, MAX_SAMPLES).map(message),
    })),
  };
}

function bounded<T, R>(items: readonly T[], map: (item: T) => R): Bounded<R> {
  return { rows: items.slice(0, MAX_TABLE_ROWS).map(map), more: Math.max(0, items.length - MAX_TABLE_ROWS) };
}

/** Names from the server or the scenario: no control characters, bounded (the template escapes them). */
function name(text: string): string {
  return plainText(String(text), MAX_NAME_LENGTH);
}

function message(text: string): string {
  return plainText(String(text), MAX_MESSAGE_LENGTH);
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** 4.0s below a minute, then 5m30s. */
function elapsed(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)}s` : formatDurationClock(ms);
}

function fixed(n: number | null): string {
  return n === null ? '-' : n.toFixed(2);
}
