import type { AvailabilitySeriesJSON } from '../engine/index.ts';

/** Windows of only successful calls in a row that end a failure burst (one clean second between failures may be luck). */
export const QUIET_WINDOWS = 2;

/** One shard's send-time windows, each aligned by its own start (shards run the same schedule). */
export function mergeAvailability(parts: readonly (AvailabilitySeriesJSON | undefined)[]): AvailabilitySeriesJSON | undefined {
  const present = parts.filter((p): p is AvailabilitySeriesJSON => p !== undefined);
  if (present.length === 0) return undefined;
  const length = Math.max(...present.map((p) => p.calls.length));
  const out: AvailabilitySeriesJSON = {
    windowMs: present[0].windowMs,
    calls: new Array<number>(length).fill(0),
    failed: new Array<number>(length).fill(0),
    firstFailedMs: new Array<number | null>(length).fill(null),
    lastFailedMs: new Array<number | null>(length).fill(null),
  };
  for (const p of present) {
    for (let k = 0; k < p.calls.length; k++) {
      out.calls[k] += p.calls[k];
      out.failed[k] += p.failed[k];
      out.firstFailedMs[k] = extreme(out.firstFailedMs[k], p.firstFailedMs[k], Math.min);
      out.lastFailedMs[k] = extreme(out.lastFailedMs[k], p.lastFailedMs[k], Math.max);
    }
  }
  return out;
}

function extreme(a: number | null, b: number | null, pick: (x: number, y: number) => number): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return pick(a, b);
}

/** Calls sent in a span of time and how many of them failed. */
export interface SpanAvailability {
  /** ms since the run's start. */
  startMs: number;
  endMs: number;
  calls: number;
  failed: number;
  /** Null without calls: nothing to say. */
  ratio: number | null;
}

export interface AvailabilitySummary {
  whole: SpanAvailability;
  /** The window with the lowest success ratio (the earliest of equals); absent without calls. */
  worst?: SpanAvailability;
}

export function availabilitySummary(series: AvailabilitySeriesJSON): AvailabilitySummary {
  const whole = spanOf(series, 0, series.calls.length);
  let worst: SpanAvailability | undefined;
  for (let k = 0; k < series.calls.length; k++) {
    const w = spanOf(series, k, k + 1);
    if (w.ratio !== null && (worst === undefined || w.ratio < worst.ratio!)) worst = w;
  }
  return worst === undefined ? { whole } : { whole, worst };
}

/** Windows [from, to) added up. */
export function spanOf(series: AvailabilitySeriesJSON, from: number, to: number): SpanAvailability {
  let calls = 0;
  let failed = 0;
  for (let k = Math.max(0, from); k < Math.min(to, series.calls.length); k++) {
    calls += series.calls[k];
    failed += series.failed[k];
  }
  return { startMs: from * series.windowMs, endMs: to * series.windowMs, calls, failed, ratio: calls === 0 ? null : 1 - failed / calls };
}

/**
 * Failures close together: from the first failing call sent at or after `fromMs` to the last one
 * before QUIET_WINDOWS windows in a row whose calls all succeeded (windows without calls say
 * nothing and do not end it, and one such window after the last failure shows it recovered). Times are send times, to the millisecond; in the window of
 * `fromMs` itself a failure sent before it hides when the first one after it was sent, and the
 * burst is then taken to start at `fromMs`.
 */
export interface FailureBurst {
  firstMs: number;
  lastMs: number;
  /** Calls sent in the burst's windows, and those of them that failed. */
  calls: number;
  failed: number;
  /** Its window with the lowest success ratio. */
  worst: SpanAvailability;
  /** A window of calls that all succeeded followed it; false: the run ended while calls still failed. */
  recovered: boolean;
  /** The window after its last. */
  endWindow: number;
}

export function burstFrom(series: AvailabilitySeriesJSON, fromMs: number): FailureBurst | undefined {
  const n = series.calls.length;
  let k = Math.max(0, Math.floor(fromMs / series.windowMs));
  let firstMs: number | undefined;
  for (; k < n; k++) {
    const last = series.lastFailedMs[k];
    if (series.failed[k] === 0 || last === null || last < fromMs) continue;
    firstMs = Math.max(fromMs, series.firstFailedMs[k] ?? fromMs);
    break;
  }
  if (firstMs === undefined) return undefined;
  const startWindow = k;
  let lastMs = firstMs;
  let lastWindow = k;
  let quiet = 0;
  for (; k < n && quiet < QUIET_WINDOWS; k++) {
    if (series.failed[k] > 0) {
      quiet = 0;
      lastMs = Math.max(lastMs, series.lastFailedMs[k] ?? lastMs);
      lastWindow = k;
    } else if (series.calls[k] > 0) {
      quiet++;
    }
  }
  const span = spanOf(series, startWindow, lastWindow + 1);
  let worst = spanOf(series, startWindow, startWindow + 1);
  for (let j = startWindow + 1; j <= lastWindow; j++) {
    const w = spanOf(series, j, j + 1);
    if (w.ratio !== null && (worst.ratio === null || w.ratio < worst.ratio)) worst = w;
  }
  return { firstMs, lastMs, calls: span.calls, failed: span.failed, worst, recovered: quiet > 0, endWindow: lastWindow + 1 };
}
