import assert from 'node:assert/strict';

/** Node's timers can fire up to a millisecond early as measured by performance.now(). */
const TIMER_EARLY_MS = 2;

/** Asserts that a measured time lies in [fromMs, toMs), allowing for timers firing early. */
export function assertTime(ms: number, fromMs: number, toMs: number, what: string): void {
  assert.ok(ms >= fromMs - TIMER_EARLY_MS && ms < toMs, `${what} ${ms} ms, expected ${fromMs} to ${toMs} ms`);
}
