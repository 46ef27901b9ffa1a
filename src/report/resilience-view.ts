import { availabilitySummary, type SpanAvailability } from '../results/index.ts';
import { commandOutcome, eventImpacts, type EventImpact } from '../results/index.ts';
import { mergeTrendStates, type SeriesSnapshot } from '../engine/index.ts';
import { totalCount, trendTotal } from '../results/index.ts';
import type { Result } from '../results/index.ts';
import { formatMs } from './format.ts';
import { formatCount } from './markdown-text.ts';

/** Longest command output shown per event in a report (result.json keeps up to 4 KiB). */
const MAX_OUTPUT_SHOWN = 300;

/**
 * Availability by send time and what followed each scenario event, as plain text for every
 * renderer (untrusted parts — command output — included: renderers escape).
 */
export interface ResilienceView {
  /** `99.20 % of 1,234 calls succeeded (by send time)`; absent: the result has no send-time windows or no calls. */
  availability?: string;
  /** `8–9 s: 3 of 9 calls failed (66.7 % available)`. */
  worstWindow?: string;
  events: EventRow[];
  /** How SSE streams fared: `SSE replies: 6 of 6 broke after their headers, before their response (…)`. */
  streams: string[];
}

export interface EventRow {
  name: string;
  /** `8.0 s` (planned 8.0 s when it fired later), or `not reached (planned 20.0 s)`. */
  at: string;
  /** `shell: docker kill b`, `argv: kill -9 123`, `mark only`. */
  command: string;
  /** `exited 0 after 0.1 s`… or empty for a mark. */
  outcome: string;
  /** The command's output, cut for the page. */
  output: string;
  /** `12 of 40 failed` in the 5 s after it. */
  errorsAfter: string;
  /** `100 % → 70.0 % → 100 %`: 5 s before, 5 s after, the 5 s after that. */
  availability: string;
  /** `6.2 s (first failure +0.1 s, last +6.3 s)`, `no failures`, `during kill-b's failures`, `not recovered by the end`. */
  recovery: string;
  /** `p95 12.0ms → 40.0ms`. */
  p95: string;
}

export function resilienceView(result: Result): ResilienceView {
  const view: ResilienceView = { events: eventImpacts(result).map(eventRow), streams: streamLines(result) };
  for (const event of result.events ?? []) {
    if (event.firedAtMs === undefined) view.events.push(notReached(event.name, event.atMs));
  }
  const series = result.availability;
  if (series) {
    const { whole, worst } = availabilitySummary(series);
    if (whole.ratio !== null) {
      view.availability = `${percent(whole.ratio)} of ${formatCount(whole.calls)} calls succeeded (${formatCount(whole.failed)} failed; by send time)`;
      if (worst && worst.ratio !== null && worst.ratio < 1) view.worstWindow = windowText(worst);
    }
  }
  return view;
}

function streamLines(result: Result): string[] {
  const lines: string[] = [];
  const breaks = totalCount(result.metrics, 'sse_reply_breaks');
  if (breaks > 0) {
    const idle = trendTotal(result.metrics, 'sse_reply_break_idle');
    const replies = totalCount(result.metrics, 'sse_replies');
    lines.push(
      `SSE replies: ${formatCount(breaks)} of ${formatCount(replies)} broke after their headers, before their response${idle ? ` (silence before the break: median ${formatMs(idle.p50)})` : ''}`,
    );
  }
  for (const stream of ['legacy', 'get'] as const) {
    const breaks = result.metrics.metrics.reduce(
      (n, s) => n + (s.metric === 'sse_stream_breaks' && s.tags.stream === stream && s.type === 'counter' ? s.summary.count : 0),
      0,
    );
    if (breaks === 0) continue;
    const life = streamTrend(result, 'sse_stream_lifetime', stream);
    const reconnect = streamTrend(result, 'sse_stream_reconnect_duration', stream);
    const label = stream === 'legacy' ? 'SSE session streams (legacy HTTP+SSE)' : 'GET streams (Streamable HTTP)';
    const when = stream === 'legacy' ? "at the session's next call" : "after the server's retry";
    lines.push(
      `${label}: ${formatCount(breaks)} broke under their sessions${life ? ` after living ${formatMs(life)} (median)` : ''}${reconnect ? `; reconnected ${formatMs(reconnect)} later (median, ${when})` : ''}${stream === 'legacy' ? '; each break lost its session' : ''}`,
    );
  }
  return lines;
}

/** The median of a stream trend over its scenarios, exact from the merged histograms. */
function streamTrend(result: Result, metric: string, stream: string): number | undefined {
  const states = result.metrics.metrics.filter(
    (s): s is Extract<SeriesSnapshot, { type: 'trend' }> => s.metric === metric && s.tags.stream === stream && s.type === 'trend' && s.summary.count > 0,
  );
  return states.length === 0 ? undefined : mergeTrendStates(states, result.durationMs).summary.p50;
}

function eventRow(impact: EventImpact): EventRow {
  const { event, burst } = impact;
  const at = event.firedAtMs!;
  const late = at - event.atMs > 100 ? ` (planned ${seconds(event.atMs)})` : '';
  const c = event.command;
  let recovery: string;
  if (impact.during !== undefined) recovery = `during the failures after ${impact.during}`;
  else if (burst === undefined) recovery = 'no failures followed';
  else if (!burst.recovered) recovery = `not recovered by the end of the run (last failure +${seconds(burst.lastMs - at)})`;
  else recovery = `${seconds(burst.lastMs - burst.firstMs)} (first failure +${seconds(burst.firstMs - at)}, last +${seconds(burst.lastMs - at)})`;
  return {
    name: event.name,
    at: `${seconds(at)}${late}`,
    command: c === undefined ? 'mark only' : `${c.form}: ${c.command}`,
    outcome: c === undefined ? '' : commandOutcome(c),
    output: c === undefined ? '' : c.output.length > MAX_OUTPUT_SHOWN ? `…${c.output.slice(-MAX_OUTPUT_SHOWN)}` : c.output,
    errorsAfter: impact.after.calls === 0 ? 'no calls' : `${formatCount(impact.after.failed)} of ${formatCount(impact.after.calls)} failed`,
    availability: [impact.before, impact.after, impact.later].map(shortRatio).join(' → '),
    recovery,
    p95: `${formatMs(impact.p95BeforeMs)} → ${formatMs(impact.p95AfterMs)}`,
  };
}

function notReached(name: string, atMs: number): EventRow {
  return { name, at: `not reached (planned ${seconds(atMs)})`, command: '', outcome: '', output: '', errorsAfter: '', availability: '', recovery: '', p95: '' };
}

function windowText(w: SpanAvailability): string {
  return `${seconds(w.startMs)}–${seconds(w.endMs)}: ${formatCount(w.failed)} of ${formatCount(w.calls)} calls failed (${percent(w.ratio!)} available)`;
}

function shortRatio(s: SpanAvailability): string {
  return s.ratio === null ? '—' : percent(s.ratio);
}

function percent(r: number): string {
  return r === 1 ? '100 %' : `${(Math.floor(r * 10_000) / 100).toFixed(2)} %`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
