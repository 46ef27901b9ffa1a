import type { AvailabilitySeriesJSON } from '../engine/index.ts';
import type { EventCommandRecord, EventRecord } from '../engine/index.ts';
import { mergeTrendStates, type TrendState } from '../engine/index.ts';
import { burstFrom, spanOf, type FailureBurst, type SpanAvailability } from './availability.ts';
import type { Result } from './types.ts';

/** The span compared before and after an event: long enough for a few calls, short enough to be about it. */
export const EVENT_WINDOW_MS = 5000;
/** A failure burst that starts later than this after an event is not called its consequence. */
export const EVENT_LOOKAHEAD_MS = 10_000;

/** What followed one event, from the send-time windows and the per-second latency. */
export interface EventImpact {
  event: EventRecord;
  /** The EVENT_WINDOW_MS before it, and the two after it (whole seconds from its own). */
  before: SpanAvailability;
  after: SpanAvailability;
  later: SpanAvailability;
  /** The failures that followed it (absent: none within EVENT_LOOKAHEAD_MS, or it is `during`). */
  burst?: FailureBurst;
  /** It happened while an earlier event's failures went on: that event's name. */
  during?: string;
  /** p95 of successful calls that ended in the EVENT_WINDOW_MS before and after it, ms. */
  p95BeforeMs: number | null;
  p95AfterMs: number | null;
}

/** Every event that happened, with what followed; empty without events or send-time windows. */
export function eventImpacts(result: Pick<Result, 'events' | 'availability' | 'timeSeries' | 'startedAt'>): EventImpact[] {
  if (!result.events) return [];
  // A result without send-time windows (older, or recorded elsewhere) still lists its events.
  const series = result.availability ?? { windowMs: 1000, calls: [], failed: [], firstFailedMs: [], lastFailedMs: [] };
  const out: EventImpact[] = [];
  let open: { name: string; untilMs: number } | undefined;
  for (const event of result.events) {
    if (event.firedAtMs === undefined) continue;
    const at = event.firedAtMs;
    const k = Math.floor(at / series.windowMs);
    const per = EVENT_WINDOW_MS / series.windowMs;
    const impact: EventImpact = {
      event,
      before: spanOf(series, k - per, k),
      after: spanOf(series, k, k + per),
      later: spanOf(series, k + per, k + 2 * per),
      ...p95Around(result, at),
    };
    if (open !== undefined && at <= open.untilMs) {
      impact.during = open.name;
    } else {
      const burst = burstFrom(series, at);
      if (burst && burst.firstMs - at <= EVENT_LOOKAHEAD_MS) {
        impact.burst = burst;
        open = { name: event.name, untilMs: burst.lastMs };
      }
    }
    out.push(impact);
  }
  return out;
}

/** The failure bursts of the run that no event explains (none started within the lookahead of one). */
export function unexplainedBursts(series: AvailabilitySeriesJSON, impacts: readonly EventImpact[]): FailureBurst[] {
  const explained = impacts.filter((i) => i.burst).map((i) => i.burst!);
  const out: FailureBurst[] = [];
  let from = 0;
  for (;;) {
    const burst = burstFrom(series, from);
    if (burst === undefined) return out;
    if (!explained.some((b) => burst.firstMs >= b.firstMs && burst.firstMs <= b.lastMs)) out.push(burst);
    from = Math.max(burst.lastMs + 1, burst.endWindow * series.windowMs);
  }
}

function p95Around(result: Pick<Result, 'timeSeries' | 'startedAt'>, atMs: number): { p95BeforeMs: number | null; p95AfterMs: number | null } {
  const origin = Date.parse(result.startedAt);
  const before: TrendState[] = [];
  const after: TrendState[] = [];
  for (const b of result.timeSeries.buckets) {
    const state = b.latency.mcp_call_duration;
    if (!state || state.summary.count === 0) continue;
    const end = b.endMs - origin;
    if (end <= atMs && end > atMs - EVENT_WINDOW_MS) before.push(state);
    else if (end > atMs && end <= atMs + EVENT_WINDOW_MS) after.push(state);
  }
  const p95 = (states: TrendState[]): number | null => (states.length === 0 ? null : mergeTrendStates(states, EVENT_WINDOW_MS).summary.p95);
  return { p95BeforeMs: p95(before), p95AfterMs: p95(after) };
}

/** `exited 0 after 0.1 s`, `timed out after 10.0 s and was killed`, `could not start: …`. */
export function commandOutcome(c: EventCommandRecord): string {
  const took = `${(c.durationMs / 1000).toFixed(1)} s`;
  if (c.error !== undefined) return `could not start: ${c.error}`;
  if (c.timedOut) return `timed out after ${took} and was killed`;
  if (c.exitCode !== null) return `exited ${c.exitCode} after ${took}`;
  return `ended by signal ${c.signal ?? 'unknown'} after ${took}`;
}
