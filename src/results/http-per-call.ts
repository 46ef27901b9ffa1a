import type { MetricsSnapshot, SeriesSnapshot } from '../engine/index.ts';
import { totalCount, totalOf } from './totals.ts';
import type { HttpPerCall, SessionCounts } from './types.ts';

const SETUP_PURPOSES = new Set(['session', 'probe', 'stream']);
const CALL_PURPOSES = new Set(['call', 'reinit', 'server-request', 'resume']);

/**
 * HTTP requests per MCP call from the tagged series: the headline is every HTTP request the run
 * sent (discovery, session setup and teardown included) over the agent's calls, the cost of MCP as
 * a k6 run counts it. Beside it, each phase over its own unit: discovery per target, setup and
 * teardown per session, calls per call.
 */
export function httpPerCall(snapshot: MetricsSnapshot): HttpPerCall {
  const reqs = tagged(snapshot, 'http_reqs');
  const calls = tagged(snapshot, 'mcp_calls');
  const sessions = sessionCounts(snapshot);
  const methods = new Set(calls.map((s) => s.tags.method).filter((m): m is string => m !== undefined));
  const byMethod: Record<string, number | null> = {};
  for (const method of [...methods].sort()) {
    byMethod[method] = ratio(
      sum(reqs, (t) => t.method === method),
      sum(calls, (t) => t.method === method),
    );
  }
  const callCount = sum(calls, () => true);
  return {
    overall: ratio(
      sum(reqs, () => true),
      callCount,
    ),
    byMethod,
    byPhase: {
      discovery: sum(reqs, (t) => t.purpose === 'discovery'),
      setup: ratio(
        sum(reqs, (t) => SETUP_PURPOSES.has(t.purpose)),
        sessions.created + sessions.failed,
      ),
      calls: ratio(
        sum(reqs, (t) => CALL_PURPOSES.has(t.purpose)),
        callCount,
      ),
      teardown: ratio(
        sum(reqs, (t) => t.purpose === 'teardown'),
        sessions.closed + sessions.notClosed,
      ),
    },
  };
}

/** The sessions' lifecycle counts, from the session metrics' totals. */
export function sessionCounts(snapshot: MetricsSnapshot): SessionCounts {
  const initErrors = totalOf(snapshot, 'session_init_errors');
  return {
    created: totalCount(snapshot, 'sessions_created'),
    failed: initErrors?.type === 'rate' ? initErrors.summary.passes : 0,
    reinitialized: totalCount(snapshot, 'session_reinits'),
    closed: totalCount(snapshot, 'sessions_closed'),
    notClosed: totalCount(snapshot, 'sessions_not_closed'),
    backoffs: totalCount(snapshot, 'session_backoffs'),
  };
}

function sum(series: SeriesSnapshot[], keep: (tags: Record<string, string>) => boolean): number {
  return series.reduce((n, s) => (keep(s.tags) ? n + count(s) : n), 0);
}

function tagged(snapshot: MetricsSnapshot, metric: string): SeriesSnapshot[] {
  return snapshot.metrics.filter((s) => s.metric === metric && Object.keys(s.tags).length > 0);
}

function count(s: SeriesSnapshot): number {
  return (s.summary as { count?: number }).count ?? 0;
}

function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}
