import { OUTCOME_CLASSES, LOCAL_ERROR_CLASSES } from '../mcp/index.ts';

/** Width of one availability window. */
export const AVAILABILITY_WINDOW_MS = 1000;

/**
 * Calls per window by the time they were sent (not when they ended: a call that hangs for 3 s
 * after an outage began is charged to the second the outage began), as result.json stores them.
 * Failures are those charged to the target (mcp-load's own `generator`/`internal` are neither
 * calls nor failures here). The first and last failing send of each window, in ms since the run's
 * start, let a reader time a failure burst to the millisecond; every field merges exactly
 * (counts add, first is a min, last a max).
 */
export interface AvailabilitySeriesJSON {
  windowMs: number;
  calls: number[];
  failed: number[];
  /** Null where no call of the window failed. */
  firstFailedMs: (number | null)[];
  lastFailedMs: (number | null)[];
}

const SUCCESS = OUTCOME_CLASSES.indexOf('success');
const LOCAL = new Set(LOCAL_ERROR_CLASSES.map((c) => OUTCOME_CLASSES.indexOf(c)));

/** Accumulates the send-time windows of a run, from `start(origin)`: the run's start on `performance.now()`'s clock. */
export class AvailabilitySeries {
  private readonly calls: number[] = [];
  private readonly failed: number[] = [];
  private readonly firstFailedMs: (number | null)[] = [];
  private readonly lastFailedMs: (number | null)[] = [];

  private originMs = 0;

  constructor(originMs?: number) {
    if (originMs !== undefined) this.originMs = originMs;
  }

  start(originMs: number): void {
    this.originMs = originMs;
  }

  /** A call sent at `sentAt` (performance.now()) ended with the outcome class of index `outcome`. */
  record(sentAt: number, outcome: number): void {
    if (LOCAL.has(outcome)) return;
    const offsetMs = Math.max(0, sentAt - this.originMs);
    const k = Math.floor(offsetMs / AVAILABILITY_WINDOW_MS);
    while (this.calls.length <= k) {
      this.calls.push(0);
      this.failed.push(0);
      this.firstFailedMs.push(null);
      this.lastFailedMs.push(null);
    }
    this.calls[k]++;
    if (outcome === SUCCESS) return;
    this.failed[k]++;
    const at = Math.round(offsetMs);
    const first = this.firstFailedMs[k];
    if (first === null || at < first) this.firstFailedMs[k] = at;
    const last = this.lastFailedMs[k];
    if (last === null || at > last) this.lastFailedMs[k] = at;
  }

  toJSON(): AvailabilitySeriesJSON {
    return {
      windowMs: AVAILABILITY_WINDOW_MS,
      calls: [...this.calls],
      failed: [...this.failed],
      firstFailedMs: [...this.firstFailedMs],
      lastFailedMs: [...this.lastFailedMs],
    };
  }
}
