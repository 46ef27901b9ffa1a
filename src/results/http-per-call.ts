import type { MetricsSnapshot, SeriesSnapshot } from '../engine/metrics/index.ts';
import type { HttpPerCall } from './types.ts';

const SETUP_PURPOSES = new Set(['session', 'probe', 'stream']);
const CALL_PURPOSES = new Set(['call', 'reinit', 'server-request']);

/**
 * HTTP requests per MCP call from the tagged series: the headline figure of how much wire work
 * one MCP operation costs (session setup, re-initializations and answers to server requests
 * included). Setup and teardown are per session (initialize operations); calls per non-initialize call.
 */
export function httpPerCall(snapshot: MetricsSnapshot): HttpPerCall {
  const reqs = tagged(snapshot, 'http_reqs');
  const calls = tagged(snapshot, 'mcp_calls');
  const sum = (series: SeriesSnapshot[], keep: (tags: Record<string, string>) => boolean): number =>
    series.reduce((n, s) => (keep(s.tags) ? n + count(s) : n), 0);

  const sessions = sum(calls, (t) => t.method === 'initialize');
  const methods = new Set(calls.map((s) => s.tags.method).filter((m): m is string => m !== undefined));
  const byMethod: Record<string, number | null> = {};
  for (const method of [...methods].sort()) {
    byMethod[method] = ratio(sum(reqs, (t) => t.method === method), sum(calls, (t) => t.method === method));
  }
  return {
    overall: ratio(sum(reqs, () => true), sum(calls, () => true)),
    byMethod,
    byPhase: {
      setup: ratio(sum(reqs, (t) => SETUP_PURPOSES.has(t.purpose)), sessions),
      calls: ratio(sum(reqs, (t) => CALL_PURPOSES.has(t.purpose)), sum(calls, (t) => t.method !== 'initialize')),
      teardown: ratio(sum(reqs, (t) => t.purpose === 'teardown'), sessions),
    },
  };
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
