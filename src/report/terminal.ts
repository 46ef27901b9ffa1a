import type { SeriesSnapshot } from '../engine/metrics/index.ts';
import type { Result } from '../results/types.ts';
import { formatBytes, formatMs, formatObserved, formatPercent, formatRate, plainText, thresholdAggregation } from './format.ts';

const DOTS_TO = 32;

/** k6's end-of-test summary: THRESHOLDS, then TOTAL RESULTS grouped as CHECKS, MCP, HTTP, EXECUTION, NETWORK. */
export function renderTerminalSummary(result: Result): string {
  const total = new Map<string, SeriesSnapshot>();
  for (const s of result.metrics.metrics) if (Object.keys(s.tags).length === 0) total.set(s.metric, s);
  const lines: string[] = [];
  if (result.shard) {
    lines.push(`  shard ${result.shard.index}/${result.shard.count}: one slice of the load; \`mcp-load merge\` adds the slices into the whole`, '');
  } else if (result.mergedShards) {
    lines.push(`  merged from ${result.mergedShards} shards`, '');
  }

  if (result.thresholds.length > 0) {
    lines.push('  █ THRESHOLDS', '');
    let lastKey = '';
    for (const t of result.thresholds) {
      if (t.key !== lastKey) {
        if (lastKey) lines.push('');
        lines.push(`    ${plainText(t.key)}`);
        lastKey = t.key;
      }
      const observed = t.error ? t.error : `${thresholdAggregation(t.source)}=${formatObserved(t.key, t.source, t.observed)}`;
      lines.push(`    ${t.ok ? '✓' : '✗'} '${plainText(t.source)}' ${observed}`);
    }
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
    counterLine('mcp_calls', total.get('mcp_calls')),
    rateLine('mcp_errors', total.get('mcp_errors')),
    ratio.overall === null
      ? ''
      : `${dotted('http_reqs per mcp call')} ${ratio.overall.toFixed(2)}  (setup ${fixed(ratio.byPhase.setup)}, calls ${fixed(ratio.byPhase.calls)}, teardown ${fixed(ratio.byPhase.teardown)})`,
    errorClasses(result),
  ]);
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
    trendLine('session_init_duration', total.get('session_init_duration')),
    counterLine('session_reinits', total.get('session_reinits'), true),
    gaugeLine('vus', total.get('vus')),
    gaugeLine('vus_max', total.get('vus_max')),
    trendLine('event_loop_delay', total.get('event_loop_delay')),
  ]);
  group('NETWORK', [bytesLine('data_received', total.get('data_received')), bytesLine('data_sent', total.get('data_sent'))]);

  for (const warning of result.warnings) lines.push(`  ⚠ ${warning}`);
  if (result.interrupted) lines.push(`  ⚠ the run was stopped early (${result.interrupted === 'signal' ? 'interrupted' : 'a threshold with abortOnFail failed'})`);
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

function errorClasses(result: Result): string {
  if (result.errors.length === 0) return '';
  const byClass = new Map<string, number>();
  for (const e of result.errors) byClass.set(e.errorClass, (byClass.get(e.errorClass) ?? 0) + e.count);
  return `${dotted('errors by class')} ${[...byClass].map(([c, n]) => `${c}=${n}`).join(' ')}`;
}

function fixed(n: number | null): string {
  return n === null ? '-' : n.toFixed(2);
}
