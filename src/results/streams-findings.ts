import { middleBandMs } from './middle-band.ts';
import { mergeTrendStates, type SeriesSnapshot, type TrendState } from '../engine/index.ts';
import type { Finding, Result } from './types.ts';

/** Fewer broken replies of one operation than this are too few to call a cluster. */
export const BREAK_MIN = 3;
/** The middle 80 % of the silences (or lifetimes) lie within this fraction of their median: one timeout (timers on a busy host add their own spread). */
export const BREAK_SPREAD = 0.25;

const ADVICE =
  "raise the intermediary's idle/read timeout above the longest silence of a reply (nginx proxy_read_timeout, haproxy timeout server or timeout tunnel, a cloud balancer's idle timeout), " +
  'turn off response buffering for text/event-stream (nginx proxy_buffering off, or the X-Accel-Buffering: no header), and have the server send SSE keep-alive comments (": ping") more often than that timeout';

interface OperationBreaks {
  method: string;
  tool: string;
  idle: TrendState[];
  breaks: number;
  replies: number;
}

/**
 * SSE replies (Streamable HTTP) that broke after their headers and before their response, per
 * operation: when the silences before the breaks bunch at one duration, an intermediary's idle or
 * read timeout cut them, and the finding names it (as proxy-deadline does for durations).
 */
export function streamFindings(result: Pick<Result, 'metrics' | 'durationMs'>): Finding[] {
  const out: Finding[] = [];
  for (const stream of ['legacy', 'get'] as const) {
    const broken = sessionStreamFinding(result, stream);
    if (broken) out.push(broken);
  }
  for (const group of byOperation(result.metrics.metrics).values()) {
    if (group.breaks === 0) continue;
    const idle = mergeTrendStates(group.idle, result.durationMs);
    const what = group.method === 'tools/call' ? `tool ${group.tool}` : `${group.method} ${group.tool}`;
    const of = `${count(group.breaks)} of ${count(group.replies)} SSE replies of ${what}`;
    const band = middleBandMs(idle);
    const median = idle.summary.p50;
    const evidence = [
      `${of} were cut or ended after their headers, before their response (reasons stream_broken, stream_ended)`,
      `silence before the break: median ${seconds(median)}, the middle 80 % between ${seconds(band.lowMs)} and ${seconds(band.highMs)}, the longest ${seconds(idle.summary.max)}`,
    ];
    const clustered = group.breaks >= BREAK_MIN && band.lowMs >= median * (1 - BREAK_SPREAD) && band.highMs <= median * (1 + BREAK_SPREAD);
    out.push(
      clustered
        ? {
            id: 'sse-replies-broken',
            severity: 'warning',
            statement: `SSE replies broken at ≈ ${seconds(median)} of silence: ${of} broke after their headers, before their response — the idle/read timeout of an intermediary (a balancer or proxy) at ≈ ${seconds(median)}`,
            evidence,
            advice: ADVICE,
          }
        : {
            id: 'sse-replies-broken',
            severity: 'warning',
            statement: `SSE replies broken: ${of} broke after their headers, before their response, after silences from ${seconds(idle.summary.min)} to ${seconds(idle.summary.max)} (no single timeout: a restart, a crash or a network cut is as likely as an intermediary)`,
            evidence,
            advice: `the server's and the balancer's logs at those moments say why; if a balancer cut them: ${ADVICE}`,
          },
    );
  }
  return out;
}

/**
 * Legacy HTTP+SSE session streams that broke under the session: each break loses the session
 * (its calls re-initialise, so errors may stay at 0). Lifetimes bunched at one age point to an
 * intermediary's timeout or maximum stream age.
 */
function sessionStreamFinding(result: Pick<Result, 'metrics' | 'durationMs'>, stream: 'legacy' | 'get'): Finding | undefined {
  const lifetimes = result.metrics.metrics.filter(
    (s): s is Extract<SeriesSnapshot, { type: 'trend' }> =>
      s.metric === 'sse_stream_lifetime' && s.type === 'trend' && s.tags.stream === stream && s.summary.count > 0,
  );
  if (lifetimes.length === 0) return undefined;
  const life = mergeTrendStates(lifetimes, result.durationMs);
  const reconnects = result.metrics.metrics.filter(
    (s): s is Extract<SeriesSnapshot, { type: 'trend' }> =>
      s.metric === 'sse_stream_reconnect_duration' && s.type === 'trend' && s.tags.stream === stream && s.summary.count > 0,
  );
  const reconnect = reconnects.length === 0 ? undefined : mergeTrendStates(reconnects, result.durationMs).summary;
  const n = life.summary.count;
  const band = middleBandMs(life);
  const median = life.summary.p50;
  const clustered = n >= BREAK_MIN && band.lowMs >= median * (1 - BREAK_SPREAD) && band.highMs <= median * (1 + BREAK_SPREAD);
  const legacy = stream === 'legacy';
  const what = legacy ? 'legacy HTTP+SSE streams ended under their sessions' : 'Streamable HTTP GET streams ended under their sessions';
  const evidence = [
    `${count(n)} session streams broke: lifetime median ${seconds(median)}, the middle 80 % between ${seconds(band.lowMs)} and ${seconds(band.highMs)}`,
    ...(reconnect
      ? [
          `a new stream ${seconds(reconnect.p50)} after the break (median; the longest ${seconds(reconnect.max)}), ${legacy ? "opened by the session's next call" : "reopened after the server's retry delay"}`,
        ]
      : []),
    legacy
      ? 'each break lost the session: its next call re-initialised it (session_reinits), so calls may show no error at all'
      : 'server-initiated messages sent while a stream was down are lost unless the server replays them (Last-Event-ID)',
  ];
  return {
    id: legacy ? 'sse-streams-broken' : 'get-streams-broken',
    severity: 'warning',
    statement: clustered
      ? `SSE session streams broken at ≈ ${seconds(median)} of age: ${count(n)} ${what} — an intermediary's timeout (idle, read or maximum stream age) at ≈ ${seconds(median)}`
      : `SSE session streams broken: ${count(n)} ${what}, after ${seconds(life.summary.min)} to ${seconds(life.summary.max)}`,
    evidence,
    advice: clustered ? ADVICE : `the server's and the balancer's logs say why the streams ended; if a balancer cut them: ${ADVICE}`,
  };
}

function byOperation(series: readonly SeriesSnapshot[]): Map<string, OperationBreaks> {
  const groups = new Map<string, OperationBreaks>();
  const group = (s: SeriesSnapshot): OperationBreaks => {
    const key = `${s.tags.method}\u0000${s.tags.tool ?? ''}`;
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = { method: s.tags.method ?? '', tool: s.tags.tool ?? '', idle: [], breaks: 0, replies: 0 }));
    return g;
  };
  for (const s of series) {
    if (s.tags.method === undefined) continue;
    if (s.metric === 'sse_reply_break_idle' && s.type === 'trend' && s.summary.count > 0) group(s).idle.push(s);
    else if (s.metric === 'sse_reply_breaks' && s.type === 'counter' && s.summary.count > 0) group(s).breaks += s.summary.count;
    else if (s.metric === 'sse_replies' && s.type === 'counter' && s.tags.purpose === undefined) group(s).replies += s.summary.count;
  }
  for (const [key, g] of groups) if (g.breaks === 0 || g.idle.length === 0) groups.delete(key);
  return groups;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
