import type { SeriesSnapshot } from '../engine/index.ts';
import { type Result, totalOf } from '../results/index.ts';
import { buildReportView, type ViewInput, type ReportView } from './view.ts';
import { formatBytes, formatMs, formatPercent, formatRate, plainText, thresholdAggregation } from './format.ts';
import { resilienceLines } from './resilience-text.ts';
import { toolOutputTerminal } from './tool-output-view.ts';
import type { InstancesView, LifecycleFact } from './sessions-view.ts';

const DOTS_TO = 32;
const SEVERITY_MARKS = { error: '✗', warning: '⚠', info: 'ℹ' } as const;

/**
 * k6's end-of-test summary, after the verdict and the findings: THRESHOLDS, then TOTAL RESULTS
 * grouped as CHECKS, MCP, SESSIONS, HTTP, EXECUTION, NETWORK.
 */
export function renderTerminalSummary(result: Result, input: ViewInput = {}): string {
  const view = buildReportView(result, input);
  const total = { get: (metric: string): SeriesSnapshot | undefined => totalOf(result.metrics, metric) };
  const lines: string[] = [];
  if (result.shard) {
    lines.push(`  shard ${result.shard.index}/${result.shard.count}: one slice of the load; \`mcp-load merge\` adds the slices into the whole`, '');
  } else if (result.mergedShards) {
    lines.push(`  merged from ${result.mergedShards} shards`, '');
  }
  const v = view.verdict;
  lines.push(`  ${v.icon} ${plainText(v.title, 300)}`, `     ${plainText(v.summary, 200)}`);
  if (v.comparison) lines.push(`     ${plainText(v.comparison, 300)}`);
  lines.push('');
  if (view.findings.length > 0) {
    lines.push('  █ FINDINGS', '');
    for (const f of view.findings.slice(0, 10)) {
      lines.push(`    ${SEVERITY_MARKS[f.severity]} ${plainText(f.statement, 300)}`);
      for (const e of f.evidence.slice(0, 5)) lines.push(`        ${plainText(e, 200)}`);
      if (f.advice) lines.push(`      fix: ${plainText(f.advice, 200)}`);
    }
    lines.push('', '');
  }
  if (view.topErrors.length > 0) {
    lines.push('  █ ERRORS', '');
    for (const e of view.topErrors) {
      lines.push(`    ${e.count} × ${plainText(e.kind, 120)}`);
      if (e.message) lines.push(`        ${plainText(e.message, 200)}`);
      lines.push(`      what to do: ${plainText(e.advice, 200)}`);
    }
    lines.push('', '');
  }
  lines.push(...resilienceLines(view.resilience));
  if (result.thresholds.length > 0) {
    lines.push('  █ THRESHOLDS', '');
    let lastKey = '';
    result.thresholds.forEach((outcome, i) => {
      const t = view.thresholds[i];
      if (t.key !== lastKey) {
        if (lastKey) lines.push('');
        lines.push(`    ${plainText(t.key)}`);
        lastKey = t.key;
      }
      // The view's observed value, or why there is none.
      const observed = outcome.error ? plainText(t.observed, 300) : `${thresholdAggregation(t.source)}=${plainText(t.observed)}`;
      lines.push(`    ${t.ok ? '✓' : '✗'} '${plainText(t.source)}' ${observed}${t.default ? '  (default)' : ''}`);
    });
    lines.push('', '');
  }

  lines.push('  █ TOTAL RESULTS', '');
  const group = (title: string, rows: string[]): void => {
    const kept = rows.filter((r) => r !== '');
    if (kept.length === 0) return;
    lines.push(`    ${title}`, ...kept.map((r) => `    ${r}`), '');
  };

  const checks = total.get('checks');
  group('CHECKS', [
    rateLine('checks', checks),
    ...result.checks.map((c) => `${c.fails === 0 ? '✓' : '✗'} ${plainText(c.check)}${c.fails > 0 ? ` (${c.fails} of ${c.passes + c.fails} failed)` : ''}`),
  ]);
  const ratio = result.httpPerCall;
  group('MCP', [
    trendLine('mcp_call_duration', total.get('mcp_call_duration')),
    failedLatencyLine(view),
    counterLine('mcp_calls', total.get('mcp_calls')),
    rateLine('mcp_errors', total.get('mcp_errors')),
    ratio.overall === null
      ? ''
      : `${dotted('http_reqs per mcp call')} ${ratio.overall.toFixed(2)}  (every request; per phase: discovery ${ratio.byPhase.discovery} ${ratio.byPhase.discovery === 1 ? 'probe' : 'probes'}, setup ${fixed(ratio.byPhase.setup)} per session, calls ${fixed(ratio.byPhase.calls)}, teardown ${fixed(ratio.byPhase.teardown)} per session)`,
    view.errorsByClass.length === 0 ? '' : `${dotted('errors by class')} ${view.errorsByClass.map((e) => `${e.errorClass}=${e.count}`).join(' ')}`,
  ]);
  const sessions = result.sessions;
  group('SESSIONS', [
    trendLine('session_init_duration', total.get('session_init_duration')),
    `${dotted('sessions')} ${sessions.created} created, ${sessions.failed} failed handshakes, ${sessions.reinitialized} re-initialised, ${sessions.closed} closed, ${sessions.notClosed} not closed`,
    sessions.backoffs > 0 ? `${dotted('session_backoffs')} ${sessions.backoffs}  (pauses after failed handshakes)` : '',
    ...lifecycleLines(view.sessions),
  ]);
  group('INSTANCES', instanceLines(view.instances));
  group('HTTP', [
    trendLine('http_req_duration', total.get('http_req_duration')),
    rateLine('http_req_failed', total.get('http_req_failed')),
    trendLine('http_req_waiting', total.get('http_req_waiting')),
    counterLine('http_reqs', total.get('http_reqs')),
  ]);
  group('EXECUTION', [
    counterLine('dropped_iterations', total.get('dropped_iterations'), true),
    trendLine('iteration_duration', total.get('iteration_duration')),
    counterLine('iterations', total.get('iterations')),
    gaugeLine('vus', total.get('vus')),
    gaugeLine('vus_max', total.get('vus_max')),
    trendLine('event_loop_delay', total.get('event_loop_delay')),
  ]);
  group('NETWORK', [bytesLine('data_received', total.get('data_received')), bytesLine('data_sent', total.get('data_sent'))]);
  const toolOutput = toolOutputTerminal(view.toolOutput);
  if (toolOutput.length > 0) lines.push(...toolOutput.map((l) => `    ${l}`), '');

  for (const warning of result.warnings) lines.push(`  ⚠ ${warning}`);
  if (result.interrupted)
    lines.push(`  ⚠ the run was stopped early (${result.interrupted === 'signal' ? 'interrupted' : 'a threshold with abortOnFail failed'})`);
  return lines.join('\n').trimEnd() + '\n';
}

function dotted(name: string): string {
  return `${name}${'.'.repeat(Math.max(2, DOTS_TO - name.length))}:`;
}

function trendLine(name: string, s: SeriesSnapshot | undefined): string {
  if (!s || s.type !== 'trend' || s.summary.count === 0) return '';
  const m = s.summary;
  return `${dotted(name)} avg=${formatMs(m.mean)} min=${formatMs(m.min)} med=${formatMs(m.p50)} max=${formatMs(m.max)} p(90)=${formatMs(m.p90)} p(95)=${formatMs(m.p95)} p(99)=${formatMs(m.p99)}`;
}

function counterLine(name: string, s: SeriesSnapshot | undefined, onlyIfNonZero = false): string {
  if (!s || s.type !== 'counter' || (onlyIfNonZero && s.summary.count === 0)) return '';
  return `${dotted(name)} ${s.summary.count}  ${formatRate(s.summary.rate)}`;
}

function rateLine(name: string, s: SeriesSnapshot | undefined): string {
  if (!s || s.type !== 'rate' || s.summary.passes + s.summary.fails === 0) return '';
  const { passes, fails, rate } = s.summary;
  return `${dotted(name)} ${formatPercent(rate)}  ${passes} out of ${passes + fails}`;
}

function gaugeLine(name: string, s: SeriesSnapshot | undefined): string {
  if (!s || s.type !== 'gauge' || s.summary.samples === 0) return '';
  return `${dotted(name)} ${s.summary.value}  min=${s.summary.min} max=${s.summary.max}`;
}

function bytesLine(name: string, s: SeriesSnapshot | undefined): string {
  if (!s || s.type !== 'counter') return '';
  return `${dotted(name)} ${formatBytes(s.summary.count)}  ${formatBytes(s.summary.rate)}/s`;
}

/** Failed calls' latency, apart: `mcp_call_duration` is of successful calls. */
function failedLatencyLine({ failedCallLatency: f }: ReportView): string {
  if (!f) return '';
  return `${dotted('  {expected_response:false}')} avg=${f.avg} med=${f.med} max=${f.max} p(95)=${f.p95}  (failed calls)`;
}

function fixed(n: number | null): string {
  return n === null ? '-' : n.toFixed(2);
}

/** Losses and re-initialisation attempts, beyond the counts on the sessions line; only when there were any. */
function lifecycleLines(facts: readonly LifecycleFact[]): string[] {
  return facts
    .filter((f) => ['lost', 'age at loss', 'calls before loss', 're-initialised'].includes(f.label) && f.value !== '0' && !f.value.startsWith('0 of 0'))
    .map((f) => `${dotted(f.label === 'lost' || f.label === 're-initialised' ? `sessions ${f.label}` : `  ${f.label}`)} ${plainText(f.value, 200)}`);
}

/** The per-instance table, aligned; instance names are the server's strings, made inert. */
function instanceLines(view: InstancesView | undefined): string[] {
  if (view === undefined) return [];
  const header = ['instance', 'requests', 'share', 'http failed', 'calls', 'errors', 'p50', 'p95', 'sessions'];
  const rows = view.rows.map((r) => [plainText(r.instance, 40), r.requests, r.share, r.httpFailed, r.calls, r.errors, r.p50, r.p95, r.sessions]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), ...rows.map(line), ...view.notes.map((n) => plainText(n, 200))];
}
