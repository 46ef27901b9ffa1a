import { EXPECTED_RESPONSE_TAG, mergeTrendStates, type MetricsSnapshot, type TrendState } from '../engine/index.ts';
import { OTHER_INSTANCE } from '../engine/index.ts';
import { totalCount } from './totals.ts';

/** One upstream instance, as responses named it. Durations in ms, of its successful calls. */
export interface InstanceRow {
  instance: string;
  /** HTTP requests it answered, and those that failed (http_req_failed's rule). */
  requests: number;
  httpFailed: number;
  /** Share of the attributed requests (0..1). */
  share: number;
  /** MCP calls whose answer came from it, and those that failed. */
  calls: number;
  errors: number;
  p50: number | null;
  p95: number | null;
  /** Sessions whose handshake it answered. */
  sessions: number;
}

/** Who served the run: per instance, and how sessions moved between instances. */
export interface InstanceBreakdown {
  /** Most requests first; `other` (the instances past the cap, folded) last. */
  rows: InstanceRow[];
  /** Instances past MAX_INSTANCES were folded into the `other` row. */
  folded: boolean;
  /** Every HTTP request of the run, and those no response header or cookie attributed to an instance. */
  requests: number;
  unattributed: number;
  /** Sessions served by more than one instance, and the MCP calls that failed in such sessions. */
  sessionHops: number;
  callsFailedAfterHop: number;
}

interface Acc {
  requests: number;
  httpFailed: number;
  calls: number;
  errors: number;
  sessions: number;
  latency: TrendState[];
}

/** The per-instance table from the `instance`-tagged series (histograms added, never averaged); undefined when no response named an instance. */
export function instanceBreakdown(snapshot: MetricsSnapshot): InstanceBreakdown | undefined {
  const byName = new Map<string, Acc>();
  const accOf = (name: string): Acc => {
    let acc = byName.get(name);
    if (acc === undefined) {
      acc = { requests: 0, httpFailed: 0, calls: 0, errors: 0, sessions: 0, latency: [] };
      byName.set(name, acc);
    }
    return acc;
  };
  for (const s of snapshot.metrics) {
    const name = s.tags.instance;
    if (name === undefined) continue;
    const ok = s.tags[EXPECTED_RESPONSE_TAG] !== 'false';
    if (s.metric === 'instance_http_reqs' && s.type === 'counter') accOf(name).requests += s.summary.count;
    else if (s.metric === 'instance_http_failed' && s.type === 'rate') accOf(name).httpFailed += s.summary.passes;
    else if (s.metric === 'instance_sessions' && s.type === 'counter') accOf(name).sessions += s.summary.count;
    else if (s.metric === 'instance_calls' && s.type === 'counter' && s.tags[EXPECTED_RESPONSE_TAG] !== undefined) {
      const acc = accOf(name);
      acc.calls += s.summary.count;
      if (!ok) acc.errors += s.summary.count;
    } else if (s.metric === 'instance_call_duration' && s.type === 'trend' && s.tags[EXPECTED_RESPONSE_TAG] === 'true') accOf(name).latency.push(s);
  }
  if (byName.size === 0) return undefined;
  const durationMs = Math.max(0, snapshot.endMs - snapshot.startMs);
  const attributed = [...byName.values()].reduce((n, a) => n + a.requests, 0);
  const rows = [...byName].map(([instance, acc]): InstanceRow => {
    const latency = acc.latency.length === 0 ? undefined : mergeTrendStates(acc.latency, durationMs).summary;
    return {
      instance,
      requests: acc.requests,
      httpFailed: acc.httpFailed,
      share: attributed === 0 ? 0 : acc.requests / attributed,
      calls: acc.calls,
      errors: acc.errors,
      p50: latency && latency.count > 0 ? latency.p50 : null,
      p95: latency && latency.count > 0 ? latency.p95 : null,
      sessions: acc.sessions,
    };
  });
  rows.sort(
    (a, b) => Number(a.instance === OTHER_INSTANCE) - Number(b.instance === OTHER_INSTANCE) || b.requests - a.requests || a.instance.localeCompare(b.instance),
  );
  const requests = totalCount(snapshot, 'http_reqs');
  return {
    rows,
    folded: byName.has(OTHER_INSTANCE),
    requests,
    unattributed: Math.max(0, requests - attributed),
    sessionHops: totalCount(snapshot, 'session_hops'),
    callsFailedAfterHop: totalCount(snapshot, 'calls_failed_after_hop'),
  };
}
