import type { TimeBucket, TimeSeriesJSON } from '../engine/index.ts';
import { TrendSink, type TrendState } from '../engine/index.ts';
import type { Result } from '../results/index.ts';
import { capacityChart } from './capacity-view.ts';
import type { History } from '../compare/index.ts';
import { historyCharts, historyView } from './history-view.ts';

/** How the browser formats a chart's y values. */
export type ChartUnit = 'count' | 'perSecond' | 'ms' | 'bytesPerSecond';

/** `[x, ...ys]` as uPlot takes it; null is a gap (a second without latency samples). */
export type ChartTable = [number[], ...(number | null)[][]];

/**
 * One uPlot chart, embedded as JSON. `tables` holds the run's table and, with a baseline, the
 * baseline's (joined in the browser with uPlot.join, as their x values differ); `series` lists
 * the y columns of all tables in order.
 */
export interface ChartSpec {
  id: string;
  title: string;
  caption: string;
  unit: ChartUnit;
  /** elapsed: seconds since the run started; percentile: 1/(1-p) on a log axis (HdrHistogram's plot); rate: a capacity step's arrivals/s; run: a run's number in a history. */
  xKind: 'elapsed' | 'percentile' | 'rate' | 'run';
  series: { label: string; color: string; dash: boolean }[];
  tables: ChartTable[];
}

// Mid-tone colours that read on both the light and the dark background.
const COLOR = {
  blue: '#3b82f6',
  purple: '#a855f7',
  green: '#22a35a',
  amber: '#d4a017',
  red: '#e5484d',
  teal: '#14b8a6',
};

interface SeriesDef {
  label: string;
  color: string;
  value: (bucket: TimeBucket, seconds: number) => number | null;
}

interface TimeChartDef {
  id: string;
  title: string;
  caption: (result: Result) => string;
  unit: ChartUnit;
  series: SeriesDef[];
}

const LATENCY_COLUMN = 'mcp_call_duration';

/** A count per second of the bucket; a partial last second is not extrapolated. */
const perSecond =
  (column: string) =>
  (bucket: TimeBucket, seconds: number): number | null => {
    const value = bucket.values[column];
    return value === undefined ? null : round(value / Math.max(1, seconds));
  };

const gauge =
  (column: string) =>
  (bucket: TimeBucket): number | null =>
    bucket.values[column] ?? null;

const latency =
  (p: 'p50' | 'p95' | 'p99') =>
  (bucket: TimeBucket): number | null => {
    const state = bucket.latency[LATENCY_COLUMN];
    return state ? round(state.summary[p]) : null;
  };

const TIME_CHARTS: TimeChartDef[] = [
  {
    id: 'vus',
    title: 'Virtual users',
    caption: (r) => `Active VUs at the end of each second (at most ${r.vusMax} allocated).`,
    unit: 'count',
    series: [{ label: 'VUs', color: COLOR.blue, value: gauge('vus') }],
  },
  {
    id: 'throughput',
    title: 'MCP calls/s and HTTP requests/s',
    caption: (r) =>
      r.httpPerCall.overall === null
        ? 'No MCP calls were made.'
        : `The gap between the lines is the HTTP cost of MCP: ${r.httpPerCall.overall.toFixed(2)} HTTP requests per MCP call overall.`,
    unit: 'perSecond',
    series: [
      { label: 'MCP calls/s', color: COLOR.blue, value: perSecond('mcp_calls') },
      { label: 'HTTP requests/s', color: COLOR.purple, value: perSecond('http_reqs') },
    ],
  },
  {
    id: 'latency',
    title: 'MCP call latency',
    caption: () => 'Percentiles of each second’s MCP calls, from its histogram.',
    unit: 'ms',
    series: [
      { label: 'p50', color: COLOR.green, value: latency('p50') },
      { label: 'p95', color: COLOR.amber, value: latency('p95') },
      { label: 'p99', color: COLOR.red, value: latency('p99') },
    ],
  },
  {
    id: 'errors',
    title: 'Errors per second by class',
    caption: () => "Transport: no usable HTTP reply. Gateway: a proxy's 502/503/504, not the server's reply. Protocol: a JSON-RPC error. Tool: a result with isError.",
    unit: 'perSecond',
    series: [
      { label: 'transport', color: COLOR.red, value: perSecond('errors_transport') },
      { label: 'gateway', color: COLOR.teal, value: perSecond('errors_gateway') },
      { label: 'protocol', color: COLOR.purple, value: perSecond('errors_protocol') },
      { label: 'tool', color: COLOR.amber, value: perSecond('errors_tool') },
    ],
  },
  {
    id: 'data',
    title: 'Data sent and received per second',
    caption: () => 'HTTP bytes on the wire, headers included.',
    unit: 'bytesPerSecond',
    series: [
      { label: 'sent', color: COLOR.blue, value: perSecond('data_sent') },
      { label: 'received', color: COLOR.teal, value: perSecond('data_received') },
    ],
  },
];

/** The report's charts: five over time, then the latency distribution; a baseline's curves are dashed. */
export function buildCharts(result: Result, baseline?: Result, history?: History): ChartSpec[] {
  const charts = TIME_CHARTS.map((def): ChartSpec => {
    const spec: ChartSpec = {
      id: def.id,
      title: def.title,
      caption: def.caption(result),
      unit: def.unit,
      xKind: 'elapsed',
      series: def.series.map((s) => ({ label: s.label, color: s.color, dash: false })),
      tables: [timeTable(result.timeSeries, def.series)],
    };
    if (baseline) {
      spec.series.push(...def.series.map((s) => ({ label: `${s.label} (baseline)`, color: s.color, dash: true })));
      spec.tables.push(timeTable(baseline.timeSeries, def.series));
    }
    return spec;
  });
  const distribution = distributionChart(result, baseline);
  if (distribution) charts.push(distribution);
  if (result.capacity) charts.push(capacityChart(result.capacity));
  if (history) charts.push(...historyCharts(historyView(history, result)));
  return charts;
}

function timeTable(series: TimeSeriesJSON, defs: SeriesDef[]): ChartTable {
  const origin = series.buckets[0]?.startMs ?? 0;
  const x = series.buckets.map((b) => round((b.endMs - origin) / 1000));
  const ys = defs.map((def) => series.buckets.map((b) => def.value(b, (b.endMs - b.startMs) / 1000)));
  return [x, ...ys];
}

function distributionChart(result: Result, baseline?: Result): ChartSpec | undefined {
  const current = overallLatency(result);
  if (!current || current.summary.count === 0) return undefined;
  const spec: ChartSpec = {
    id: 'distribution',
    title: 'MCP call latency distribution',
    caption: `Latency at each percentile of all ${current.summary.count} MCP calls, from the run’s HDR histogram.`,
    unit: 'ms',
    xKind: 'percentile',
    series: [{ label: 'latency', color: COLOR.blue, dash: false }],
    tables: [percentileTable(current)],
  };
  const base = baseline ? overallLatency(baseline) : undefined;
  if (base && base.summary.count > 0) {
    spec.series.push({ label: 'latency (baseline)', color: COLOR.blue, dash: true });
    spec.tables.push(percentileTable(base));
  }
  return spec;
}

function overallLatency(result: Result): TrendState | undefined {
  const s = result.metrics.metrics.find((m) => m.metric === LATENCY_COLUMN && m.type === 'trend' && Object.keys(m.tags).length === 0);
  return s?.type === 'trend' ? s : undefined;
}

/** Points per halving of the remaining percentile range, as HdrHistogram's percentile output. */
const TICKS_PER_HALF = 5;

/**
 * Latency (ms) at percentiles 0, 12.9, 24.2 … approaching 100, while the histogram resolves them
 * (1/(1-p) up to the sample count), then the maximum. x is 1/(1-p) for a log axis.
 */
export function percentileTable(state: TrendState): ChartTable {
  const sink = TrendSink.fromState(state);
  try {
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; ; i++) {
      const inverse = 2 ** (i / TICKS_PER_HALF);
      if (inverse >= sink.count) break;
      const p = 100 * (1 - 1 / inverse);
      x.push(round(inverse));
      y.push(round(sink.percentileUs(p) / 1000));
    }
    x.push(Math.max(round(sink.count), (x.at(-1) ?? 0) + 1));
    y.push(round(sink.maxUs / 1000));
    return [x, y];
  } finally {
    sink.dispose();
  }
}

/** Three decimals keep the JSON small; charts cannot show more. */
function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
