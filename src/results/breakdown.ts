import { EXPECTED_RESPONSE_TAG, mergeTrendStates, type MetricsSnapshot, type SeriesSnapshot, type TrendState } from '../engine/index.ts';

/** One row of the per-tool or per-method tables. Durations in ms. */
export interface OperationBreakdown {
  method: string;
  /** The tool, prompt or resource for operations that name one. */
  tool?: string;
  calls: number;
  errors: number;
  errorRate: number;
  /** Of successful calls; null when none succeeded. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  /** p95 of failed calls: shown apart, so failing fast never reads as faster. */
  failedP95: number | null;
  httpReqs: number;
  httpPerCall: number;
  bytesSent: number;
  bytesReceived: number;
}

/**
 * Per (method, tool) and per method rows, merged across scenarios and outcome classes from the
 * tagged series: latency percentiles come from added histograms, never from averaged percentiles.
 */
export function breakdowns(snapshot: MetricsSnapshot): { byTool: OperationBreakdown[]; byMethod: OperationBreakdown[] } {
  const durationMs = Math.max(0, snapshot.endMs - snapshot.startMs);
  const byTool = group(snapshot, durationMs, (t) => (t.tool === undefined ? undefined : `${t.method}\u0000${t.tool}`));
  const byMethod = group(snapshot, durationMs, (t) => t.method);
  return { byTool, byMethod };
}

interface Acc {
  method: string;
  tool?: string;
  latency: TrendState[];
  failedLatency: TrendState[];
  calls: number;
  errors: number;
  httpReqs: number;
  bytesSent: number;
  bytesReceived: number;
}

function group(snapshot: MetricsSnapshot, durationMs: number, keyOf: (tags: Record<string, string>) => string | undefined): OperationBreakdown[] {
  const groups = new Map<string, Acc>();
  const accFor = (s: SeriesSnapshot): Acc | undefined => {
    const key = keyOf(s.tags);
    if (key === undefined || s.tags.method === undefined) return undefined;
    let acc = groups.get(key);
    if (!acc) {
      acc = { method: s.tags.method, latency: [], failedLatency: [], calls: 0, errors: 0, httpReqs: 0, bytesSent: 0, bytesReceived: 0 };
      if (key.includes('\u0000')) acc.tool = s.tags.tool;
      groups.set(key, acc);
    }
    return acc;
  };
  for (const s of snapshot.metrics) {
    if (Object.keys(s.tags).length === 0) continue;
    switch (s.metric) {
      case 'mcp_call_duration':
        if (s.type === 'trend') accFor(s)?.[s.tags[EXPECTED_RESPONSE_TAG] === 'false' ? 'failedLatency' : 'latency'].push(s);
        break;
      case 'mcp_calls':
        if (s.type === 'counter') {
          const acc = accFor(s);
          if (acc) {
            acc.calls += s.summary.count;
            if (s.tags.error_class !== undefined) acc.errors += s.summary.count;
          }
        }
        break;
      case 'http_reqs':
        if (s.type === 'counter') addTo(accFor(s), 'httpReqs', s.summary.count);
        break;
      case 'data_sent':
        if (s.type === 'counter') addTo(accFor(s), 'bytesSent', s.summary.count);
        break;
      case 'data_received':
        if (s.type === 'counter') addTo(accFor(s), 'bytesReceived', s.summary.count);
        break;
    }
  }
  // Operations that are not MCP calls (a session's DELETE) have HTTP requests but no row.
  return [...groups.values()]
    .filter((acc) => acc.calls > 0)
    .map((acc) => {
      const latency = acc.latency.length === 0 ? undefined : mergeTrendStates(acc.latency, durationMs).summary;
      const failed = acc.failedLatency.length === 0 ? undefined : mergeTrendStates(acc.failedLatency, durationMs).summary;
      const row: OperationBreakdown = {
        method: acc.method,
        calls: acc.calls,
        errors: acc.errors,
        errorRate: acc.calls === 0 ? 0 : acc.errors / acc.calls,
        p50: latency?.p50 ?? null,
        p95: latency?.p95 ?? null,
        p99: latency?.p99 ?? null,
        max: latency?.max ?? null,
        failedP95: failed?.p95 ?? null,
        httpReqs: acc.httpReqs,
        httpPerCall: acc.calls === 0 ? 0 : acc.httpReqs / acc.calls,
        bytesSent: acc.bytesSent,
        bytesReceived: acc.bytesReceived,
      };
      if (acc.tool !== undefined) row.tool = acc.tool;
      return row;
    })
    .sort((a, b) => b.calls - a.calls || a.method.localeCompare(b.method) || (a.tool ?? '').localeCompare(b.tool ?? ''));
}

function addTo(acc: Acc | undefined, field: 'httpReqs' | 'bytesSent' | 'bytesReceived', n: number): void {
  if (acc) acc[field] += n;
}
