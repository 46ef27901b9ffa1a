import type { SeriesSnapshot } from '../engine/metrics/index.ts';
import { ERROR_CLASSES } from '../mcp/index.ts';
import type { OperationBreakdown } from '../results/breakdown.ts';
import type { Result } from '../results/types.ts';
import { formatDuration } from '../scenario/duration.ts';
import type { ScenarioSpecEcho, StepEcho } from '../scenario/types.ts';
import { formatBytes, formatDurationClock, formatMs, formatPercent, formatRate, plainText } from './format.ts';
import { buildCharts, type ChartSpec } from './html-charts.ts';

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
  verdict: { status: 'passed' | 'failed' | 'none'; headline: string; detail: string; notes: string[] };
  baseline: { startedAt: string; target: string; scenario: string; workload: string; sameWorkload: boolean } | null;
  figures: Figure[];
  load: LoadShape[];
  charts: ChartSpec[];
  thresholds: ThresholdRow[];
  checks: Bounded<CheckRow>;
  byTool: Bounded<OperationRow>;
  byMethod: Bounded<OperationRow>;
  httpPerCall: Fact[];
  errors: { byClass: Fact[]; kinds: Bounded<ErrorRow> };
  warnings: string[];
}

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
  /** Colour of the delta: better, worse, or neutral when the direction carries no judgement. */
  change?: 'better' | 'worse' | 'neutral';
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

export interface ThresholdRow {
  ok: boolean;
  key: string;
  source: string;
  observed: string;
}

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

export function buildHtmlView(result: Result, baseline?: Result): HtmlView {
  const current = totals(result);
  const base = baseline ? totals(baseline) : undefined;
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
    verdict: verdict(result),
    baseline: baseline
      ? {
          startedAt: baseline.startedAt,
          target: name(baseline.target),
          scenario: name(baseline.scenario.id),
          workload: baseline.scenario.hash.slice(0, 12),
          sameWorkload: baseline.scenario.hash === result.scenario.hash,
        }
      : null,
    figures: figures(result, current, baseline, base),
    load: result.scenario.echo.scenarios.map(loadShape),
    charts: buildCharts(result, baseline),
    thresholds: result.thresholds.map((t) => ({
      ok: t.ok,
      key: name(t.key),
      source: name(t.source),
      observed: t.error ? message(t.error) : observedText(t.key, t.source, t.observed),
    })),
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
    httpPerCall: httpPerCallFacts(result),
    errors: errors(result),
    warnings: result.warnings.map(message),
  };
}

type Totals = Map<string, SeriesSnapshot>;

function totals(result: Result): Totals {
  const map: Totals = new Map();
  for (const s of result.metrics.metrics) if (Object.keys(s.tags).length === 0) map.set(s.metric, s);
  return map;
}

function counterOf(t: Totals, metric: string): { count: number; rate: number } {
  const s = t.get(metric);
  return s?.type === 'counter' ? s.summary : { count: 0, rate: 0 };
}

function rateOf(t: Totals, metric: string): { passes: number; fails: number; rate: number } {
  const s = t.get(metric);
  return s?.type === 'rate' ? s.summary : { passes: 0, fails: 0, rate: 0 };
}

function trendOf(t: Totals, metric: string): { p50: number; p95: number; p99: number; count: number } | undefined {
  const s = t.get(metric);
  return s?.type === 'trend' && s.summary.count > 0 ? s.summary : undefined;
}

/** The key figures; higher is better for throughput, lower for latency, errors and HTTP cost. */
function figures(result: Result, t: Totals, baseline: Result | undefined, b: Totals | undefined): Figure[] {
  interface Def {
    id: string;
    label: string;
    value: (r: Result, t: Totals) => number | null;
    format: (n: number) => string;
    sub: (r: Result, t: Totals) => string;
    better: 'higher' | 'lower' | 'none';
    /** Rates change in percentage points; everything else relatively. */
    points?: boolean;
  }
  const defs: Def[] = [
    {
      id: 'mcp-calls',
      label: 'MCP calls',
      value: (_, t) => counterOf(t, 'mcp_calls').count,
      format: count,
      sub: (r) => `in ${elapsed(r.metrics.endMs - r.metrics.startMs)} measured`,
      better: 'none',
    },
    {
      id: 'mcp-rate',
      label: 'MCP calls/s',
      value: (_, t) => counterOf(t, 'mcp_calls').rate,
      format: formatRate,
      sub: (r) => `${r.vusMax} VUs at most`,
      better: 'higher',
    },
    {
      id: 'http-reqs',
      label: 'HTTP requests',
      value: (_, t) => counterOf(t, 'http_reqs').count,
      format: count,
      sub: (_, t) => formatRate(counterOf(t, 'http_reqs').rate),
      better: 'none',
    },
    {
      id: 'http-per-call',
      label: 'HTTP requests per MCP call',
      value: (r) => r.httpPerCall.overall,
      format: (n) => n.toFixed(2),
      sub: (r) => `calls ${fixed(r.httpPerCall.byPhase.calls)} · setup ${fixed(r.httpPerCall.byPhase.setup)} · teardown ${fixed(r.httpPerCall.byPhase.teardown)}`,
      better: 'lower',
    },
    {
      id: 'p95',
      label: 'p95 MCP call latency',
      value: (_, t) => trendOf(t, 'mcp_call_duration')?.p95 ?? null,
      format: formatMs,
      sub: (_, t) => {
        const s = trendOf(t, 'mcp_call_duration');
        return s ? `p50 ${formatMs(s.p50)} · p99 ${formatMs(s.p99)}` : 'no calls';
      },
      better: 'lower',
    },
    {
      id: 'error-rate',
      label: 'Error rate',
      value: (_, t) => rateOf(t, 'mcp_errors').rate,
      format: formatPercent,
      sub: (_, t) => {
        const e = rateOf(t, 'mcp_errors');
        return `${count(e.passes)} of ${count(e.passes + e.fails)} calls failed`;
      },
      better: 'lower',
      points: true,
    },
  ];
  return defs.map((def) => {
    const value = def.value(result, t);
    const figure: Figure = { id: def.id, label: def.label, value: value === null ? '-' : def.format(value), sub: def.sub(result, t) };
    if (baseline && b) {
      const before = def.value(baseline, b);
      figure.baseline = before === null ? '-' : def.format(before);
      Object.assign(figure, delta(value, before, def.better, def.points === true));
    }
    return figure;
  });
}

/** Changes under 1 % (or 0.1 percentage points) are shown as neutral; there is no noise test here. */
function delta(now: number | null, before: number | null, better: 'higher' | 'lower' | 'none', points: boolean): Pick<Figure, 'delta' | 'change'> {
  if (now === null || before === null) return { delta: 'n/a', change: 'neutral' };
  let diff: number;
  let text: string;
  if (points) {
    diff = (now - before) * 100;
    text = `${diff >= 0 ? '+' : '−'}${Math.abs(diff).toFixed(2)} pp`;
    if (Math.abs(diff) < 0.1) diff = 0;
  } else if (before === 0) {
    return { delta: now === 0 ? '±0%' : 'from 0', change: 'neutral' };
  } else {
    diff = ((now - before) / before) * 100;
    text = `${diff >= 0 ? '+' : '−'}${Math.abs(diff).toFixed(1)}%`;
    if (Math.abs(diff) < 1) diff = 0;
  }
  if (diff === 0 || better === 'none') return { delta: text, change: 'neutral' };
  return { delta: text, change: (diff > 0) === (better === 'higher') ? 'better' : 'worse' };
}

function verdict(result: Result): HtmlView['verdict'] {
  const failed = result.thresholds.filter((t) => !t.ok).length;
  const total = result.thresholds.length;
  const notes: string[] = [];
  if (result.interrupted === 'signal') notes.push('The run was interrupted before its planned end.');
  if (result.interrupted === 'threshold') notes.push('The run was stopped early by a threshold with abortOnFail.');
  if (total === 0) return { status: 'none', headline: 'No thresholds', detail: 'The scenario sets no thresholds to pass or fail.', notes };
  if (failed > 0) return { status: 'failed', headline: 'Thresholds failed', detail: `${failed} of ${total} thresholds failed.`, notes };
  return { status: 'passed', headline: 'Thresholds passed', detail: `All ${total} thresholds passed.`, notes };
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

function loadShape(spec: ScenarioSpecEcho): LoadShape {
  const d = (ms: number): string => formatDuration(ms);
  const shape: LoadShape = { name: name(spec.name), executor: spec.executor, summary: '', stages: [], options: [], flow: spec.flow.map(stepText) };
  switch (spec.executor) {
    case 'constant-vus':
      shape.summary = `${spec.vus} VUs for ${d(spec.durationMs)}`;
      break;
    case 'ramping-vus':
      shape.summary = `from ${spec.startVUs} VUs through ${spec.stages.length} stages`;
      shape.stages = spec.stages.map((s, i) => ({ n: i + 1, duration: d(s.durationMs), target: `${s.target} VUs` }));
      shape.options.push({ label: 'gracefulRampDown', value: d(spec.gracefulRampDownMs) });
      break;
    case 'per-vu-iterations':
      shape.summary = `${spec.vus} VUs × ${spec.iterations} iterations (at most ${d(spec.maxDurationMs)})`;
      break;
    case 'shared-iterations':
      shape.summary = `${spec.iterations} iterations shared by ${spec.vus} VUs (at most ${d(spec.maxDurationMs)})`;
      break;
    case 'constant-arrival-rate':
      shape.summary = `${spec.rate} iterations per ${d(spec.timeUnitMs)} for ${d(spec.durationMs)}`;
      shape.options.push({ label: 'VUs', value: `${spec.preAllocatedVUs} pre-allocated, ${spec.maxVUs} at most` });
      break;
    case 'ramping-arrival-rate':
      shape.summary = `from ${spec.startRate} iterations per ${d(spec.timeUnitMs)} through ${spec.stages.length} stages`;
      shape.stages = spec.stages.map((s, i) => ({ n: i + 1, duration: d(s.durationMs), target: `${s.target} per ${d(spec.timeUnitMs)}` }));
      shape.options.push({ label: 'VUs', value: `${spec.preAllocatedVUs} pre-allocated, ${spec.maxVUs} at most` });
      break;
  }
  if (spec.startTimeMs > 0) shape.options.push({ label: 'startTime', value: d(spec.startTimeMs) });
  shape.options.push({ label: 'gracefulStop', value: d(spec.gracefulStopMs) }, { label: 'session', value: spec.session });
  return shape;
}

function stepText(step: StepEcho): string {
  if (step.kind === 'think') {
    const t = step.think;
    const text = t.kind === 'constant' ? formatDuration(t.ms) : t.kind === 'uniform' ? `${formatDuration(t.minMs)}..${formatDuration(t.maxMs)}` : `exponential, mean ${formatDuration(t.meanMs)}`;
    return `think ${text}`;
  }
  return name(`${step.kind} ${step.name}`);
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

function observedText(key: string, source: string, observed: number | null): string {
  if (observed === null) return 'n/a';
  const agg = /^\s*([a-z]+)/.exec(source)?.[1] ?? '';
  if (agg === 'rate' && !/^(http_reqs|mcp_calls|iterations|data_)/.test(key)) return formatPercent(observed);
  if (/duration|waiting|delay/.test(key) && agg !== 'count' && agg !== 'rate') return formatMs(observed);
  return String(Number(observed.toFixed(4)));
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
