import type { CapacityRecord, CapacityStep } from '../results/index.ts';
import { formatMs, formatPercent } from './format.ts';
import type { ChartSpec } from './html-charts.ts';
import { markdownTable } from './markdown-text.ts';

/** One step of a capacity search as every renderer shows it, lowest rate first. */
export interface CapacityRow {
  rate: string;
  calls: string;
  latency: string;
  errors: string;
  dropped: string;
  verdict: string;
  held: boolean;
}

/** The derived view of a capacity search: the conclusion in one sentence, and the curve against rate. */
export interface CapacityView {
  conclusion: string;
  rows: CapacityRow[];
}

export function capacityView(record: CapacityRecord): CapacityView {
  return { conclusion: conclusion(record), rows: sorted(record.steps).map(row) };
}

function conclusion(record: CapacityRecord): string {
  const { highestHeld: held, lowestBroken: broken } = record;
  switch (record.verdict) {
    case 'server-bound':
      return `Highest rate that held ${record.slo}: ${held}/s; ${broken}/s broke it (${record.limit}): the capacity is in [${held}, ${broken}) iterations/s.`;
    case 'generator-bound':
      return `Generator-bound, not server-bound: the load generator saturated at ${broken}/s${held === null ? `, before the server could be tested against ${record.slo}` : `; the server held ${record.slo} at ${held}/s`}, a lower bound only. Shard the load to go further.`;
    case 'below start':
      return `Even the first rate, ${broken}/s, broke ${record.slo} (${record.limit}): start lower.`;
    case 'not reached':
      return `${record.slo} held up to the highest rate tried, ${held}/s: the capacity is at least that.`;
  }
}

function row(step: CapacityStep): CapacityRow {
  return {
    rate: `${step.rate}/s`,
    calls: `${step.callsPerSecond.toFixed(1)}/s`,
    // The median of 1 s window percentiles, with its interval when the step had enough windows.
    latency: `${step.latencyPercentile} ${formatMs(step.latencyMs)}${step.latencyIntervalMs ? ` [${formatMs(step.latencyIntervalMs[0])}–${formatMs(step.latencyIntervalMs[1])}]` : ''}`,
    errors: formatPercent(step.errorRate),
    dropped: String(step.dropped),
    verdict: step.held ? 'held' : `broke: ${step.limit}`,
    held: step.held,
  };
}

function sorted(steps: readonly CapacityStep[]): CapacityStep[] {
  return [...steps].sort((a, b) => a.rate - b.rate);
}

const HEADER = ['rate', 'calls/s', 'latency', 'errors', 'dropped', 'verdict'];

/** The terminal's CAPACITY block. */
export function renderCapacityTerminal(record: CapacityRecord): string {
  const view = capacityView(record);
  const table = [HEADER, ...view.rows.map((r) => [r.rate, r.calls, r.latency, r.errors, r.dropped, r.verdict])];
  const widths = HEADER.map((_, i) => Math.max(...table.map((cells) => cells[i].length)));
  const lines = table.map((cells) => `  ${cells.map((c, i) => (i === 0 || i === 5 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}`.trimEnd());
  return [`CAPACITY (SLO ${record.slo})`, `  ${view.conclusion}`, '', ...lines].join('\n');
}

/** The comment's capacity section: the conclusion, against the baseline's when it has one, then the table. */
export function capacityMarkdown(record: CapacityRecord | undefined, baseline?: CapacityRecord): string[] {
  if (record === undefined) return [];
  const view = capacityView(record);
  const rows = view.rows.map((r) => [r.rate, r.calls, r.latency, r.errors, r.dropped, r.held ? '✅ held' : `❌ ${r.verdict}`]);
  const against = baseline ? ['', capacityChange(record, baseline)] : [];
  return ['### Capacity', '', view.conclusion, ...against, '', ...markdownTable(HEADER, ['right', 'right', 'right', 'right', 'right', 'left'], rows)];
}

/**
 * This search against the baseline's: each found an interval [held, broken); only intervals that do
 * not overlap say the capacity moved, and only searches against the same SLO compare.
 */
export function capacityChange(record: CapacityRecord, baseline: CapacityRecord): string {
  if (record.slo !== baseline.slo) return `Baseline capacity not compared: it was searched against another SLO (${baseline.slo}).`;
  const interval = (r: CapacityRecord) => `[${r.highestHeld ?? 0}, ${r.lowestBroken ?? '∞'})`;
  const from = baseline.highestHeld;
  const to = record.highestHeld;
  if (from === null || to === null || record.verdict === 'generator-bound' || baseline.verdict === 'generator-bound') {
    return `Baseline capacity ${interval(baseline)}/s, now ${interval(record)}/s: inconclusive (a search that was generator-bound or broke at its first step bounds the capacity on one side only).`;
  }
  const change = `${to >= from ? '+' : ''}${(((to - from) / from) * 100).toFixed(0)} %`;
  if (baseline.lowestBroken !== null && to >= baseline.lowestBroken)
    return `📈 Capacity rose from ${from} to ${to} iterations/s held (${change}; baseline interval ${interval(baseline)}, now ${interval(record)}).`;
  if (record.lowestBroken !== null && record.lowestBroken <= from)
    return `📉 Capacity fell from ${from} to ${to} iterations/s held (${change}; baseline interval ${interval(baseline)}, now ${interval(record)}).`;
  return `Capacity unchanged within the search's resolution: baseline ${interval(baseline)}, now ${interval(record)} iterations/s.`;
}

/** report.html's chart of the SLO's latency percentile against the arrival rate. */
export function capacityChart(record: CapacityRecord): ChartSpec {
  const steps = sorted(record.steps);
  const percentile = steps[0]?.latencyPercentile ?? 'p95';
  return {
    id: 'capacity',
    title: `Capacity: ${percentile} against arrival rate`,
    caption: capacityView(record).conclusion,
    unit: 'ms',
    xKind: 'rate',
    series: [{ label: percentile, color: '#3b82f6', dash: false }],
    tables: [[steps.map((s) => s.rate), steps.map((s) => s.latencyMs)]],
  };
}
