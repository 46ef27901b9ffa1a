import { TOOL_METRICS, toolRef, type MetricKind, type ToolMetric } from './settings.ts';
import { median } from './statistics.ts';
import type { HistoryEntry, TokenSample } from './types.ts';

/** One metric a comparison reports: how to read it from a run and how to test it. */
export interface ComparedMetric {
  /** The key of its settings and of `gate:` (`mcp_call_duration_p95`, `tool:send_sms:p95`). */
  ref: string;
  metric: string;
  tool?: string;
  kind: MetricKind;
  gatedByDefault: boolean;
  /** Throughput: a fall is the regression. */
  lowerIsWorse: boolean;
  /** The run's figure; null when the run does not have the metric at all (→ new / gone). */
  value(run: HistoryEntry): number | null;
  /** Windowed metrics: the steady-state window samples (the figure is their median). */
  windows?(run: HistoryEntry): number[];
  /** Error rates: the counts behind the rate. */
  counts?(run: HistoryEntry): { errors: number; calls: number } | undefined;
  /** Per-tool latency: the tool's share of the run's calls. */
  share?(run: HistoryEntry): number;
  /** Tokens: the replies the estimate rests on. */
  sample?(run: HistoryEntry): TokenSample | undefined;
}

/**
 * Gated by default: p95 MCP call duration, MCP error rate, HTTP requests per session of setup and
 * per call of calls (exact when whole numbers), and throughput when an arrival-rate executor fixes the offered load (under a closed model
 * throughput only mirrors latency). The rest is informational unless promoted with `gate:`.
 */
export function comparedMetrics(current: HistoryEntry, baselines: readonly HistoryEntry[], arrivalRate: boolean): ComparedMetric[] {
  const out: ComparedMetric[] = [
    windowed(
      'mcp_call_duration_p95',
      'latency',
      true,
      false,
      (r) => r.windows.p95,
      (r) => r.summary.p95,
    ),
    errorRate('mcp_error_rate', undefined, (r) => r.summary),
    windowed(
      'throughput',
      'throughput',
      arrivalRate,
      true,
      (r) => r.windows.throughput,
      (r) => r.summary.throughput,
    ),
    exact('http_per_call_setup', true, (r) => r.summary.httpPerCall.setup),
    // Once per target, whatever the pace, but retried after a failed probe: informational.
    exact('http_per_call_discovery', false, (r) => r.summary.httpPerCall.discovery ?? null),
    exact('http_per_call_calls', true, (r) => r.summary.httpPerCall.calls),
    // DELETEs measured over sessions measured: sessions opened in warm-up, or still open when the
    // run stops, change it from run to run (seen on real runs: 10 → 20 DELETEs over 10 sessions).
    exact('http_per_call_teardown', false, (r) => r.summary.httpPerCall.teardown),
    windowed(
      'mcp_call_duration_p50',
      'latency',
      false,
      false,
      (r) => r.windows.p50,
      (r) => r.summary.p50,
    ),
    // Overall it amortises session setup over a number of calls that depends on the pace: informational.
    exact('http_per_call', false, (r) => r.summary.httpPerCall.overall),
    tokens('tokens_per_call', undefined, (r) => r.summary),
  ];
  for (const tool of toolKeys(current, baselines)) {
    const row = (r: HistoryEntry) => r.summary.tools.find((t) => t.key === tool);
    out.push(
      {
        ...toolMetric(tool, 'p95'),
        value: (r) => row(r)?.p95 ?? null,
        share: (r) => (r.summary.calls > 0 ? (row(r)?.calls ?? 0) / r.summary.calls : 0),
      },
      errorRate(toolRef(tool, 'error_rate'), tool, row),
      { ...toolMetric(tool, 'http_per_call'), value: (r) => row(r)?.httpPerCall ?? null },
      tokens(toolRef(tool, 'tokens_per_call'), tool, row),
    );
  }
  return out;
}

function toolMetric(tool: string, short: ToolMetric): Omit<ComparedMetric, 'value'> {
  const { metric, kind } = TOOL_METRICS[short];
  return { ref: toolRef(tool, short), metric, tool, kind, gatedByDefault: false, lowerIsWorse: false };
}

function windowed(
  metric: string,
  kind: MetricKind,
  gatedByDefault: boolean,
  lowerIsWorse: boolean,
  windows: (r: HistoryEntry) => number[],
  whole: (r: HistoryEntry) => number | null,
): ComparedMetric {
  return {
    ref: metric,
    metric,
    kind,
    gatedByDefault,
    lowerIsWorse,
    windows,
    // The window median is what is tested; a run without steady windows still shows its whole-run figure.
    value: (r) => (r.summary.calls === 0 ? null : windows(r).length > 0 ? median(windows(r)) : whole(r)),
  };
}

function errorRate(ref: string, tool: string | undefined, source: (r: HistoryEntry) => { errors: number; calls: number } | undefined): ComparedMetric {
  const counts = (r: HistoryEntry) => {
    const c = source(r);
    return c === undefined || c.calls === 0 ? undefined : { errors: c.errors, calls: c.calls };
  };
  const metric: ComparedMetric = {
    ref,
    metric: 'mcp_error_rate',
    kind: 'error-rate',
    gatedByDefault: tool === undefined,
    lowerIsWorse: false,
    counts,
    value: (r) => {
      const c = counts(r);
      return c === undefined ? null : c.errors / c.calls;
    },
  };
  if (tool !== undefined) metric.tool = tool;
  return metric;
}

/** Estimated tokens per call: informational, never gated (see settings). */
function tokens(
  ref: string,
  tool: string | undefined,
  source: (r: HistoryEntry) => { tokensPerCall?: number | null; tokenSample?: TokenSample } | undefined,
): ComparedMetric {
  const metric: ComparedMetric = {
    ref,
    metric: 'tokens_per_call',
    kind: 'tokens',
    gatedByDefault: false,
    lowerIsWorse: false,
    value: (r) => source(r)?.tokensPerCall ?? null,
    sample: (r) => source(r)?.tokenSample,
  };
  if (tool !== undefined) metric.tool = tool;
  return metric;
}

function exact(metric: string, gatedByDefault: boolean, value: (r: HistoryEntry) => number | null): ComparedMetric {
  return { ref: metric, metric, kind: 'http-per-call', gatedByDefault, lowerIsWorse: false, value };
}

/** The current run's tools, then those only the baselines have (latest first). */
function toolKeys(current: HistoryEntry, baselines: readonly HistoryEntry[]): string[] {
  const keys = new Set(current.summary.tools.map((t) => t.key));
  for (const run of [...baselines].reverse()) for (const t of run.summary.tools) keys.add(t.key);
  return [...keys];
}
