import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AvailabilitySeries, type AvailabilitySeriesJSON } from '../../src/engine/availability.ts';
import { OUTCOME_CLASSES } from '../../src/mcp/index.ts';
import { availabilitySummary, burstFrom, mergeAvailability } from '../../src/results/availability.ts';
import { eventImpacts } from '../../src/results/events.ts';
import { availabilityFindings } from '../../src/results/availability-findings.ts';

const OK = OUTCOME_CLASSES.indexOf('success');
const GATEWAY = OUTCOME_CLASSES.indexOf('gateway');
const GENERATOR = OUTCOME_CLASSES.indexOf('generator');

/** `n` calls per second for `seconds` s, failing where `fails(ms)` says, sent evenly in each second. */
function series(seconds: number, n: number, fails: (ms: number) => boolean): AvailabilitySeriesJSON {
  const s = new AvailabilitySeries(0);
  for (let k = 0; k < seconds; k++)
    for (let i = 0; i < n; i++) {
      const ms = k * 1000 + (i * 1000) / n;
      s.record(ms, fails(ms) ? GATEWAY : OK);
    }
  return s.toJSON();
}

describe('availability by send time', () => {
  it('charges a call to the second it was sent in, and leaves out failures that are mcp-load’s own', () => {
    const s = new AvailabilitySeries(1000);
    s.record(1000 + 250, OK);
    s.record(1000 + 2600, GATEWAY); // sent in second 2, whenever it ended
    s.record(1000 + 2700, GENERATOR);
    assert.deepEqual(s.toJSON(), { windowMs: 1000, calls: [1, 0, 1], failed: [0, 0, 1], firstFailedMs: [null, null, 2600], lastFailedMs: [null, null, 2600] });
  });

  it('merges shards exactly: counts add, the first failure is the earliest and the last the latest', () => {
    const a: AvailabilitySeriesJSON = { windowMs: 1000, calls: [10, 10], failed: [0, 2], firstFailedMs: [null, 1200], lastFailedMs: [null, 1300] };
    const b: AvailabilitySeriesJSON = {
      windowMs: 1000,
      calls: [5, 5, 5],
      failed: [1, 1, 0],
      firstFailedMs: [400, 1100, null],
      lastFailedMs: [400, 1900, null],
    };
    assert.deepEqual(mergeAvailability([a, undefined, b]), {
      windowMs: 1000,
      calls: [15, 15, 5],
      failed: [1, 3, 0],
      firstFailedMs: [400, 1100, null],
      lastFailedMs: [400, 1900, null],
    });
    assert.equal(mergeAvailability([undefined]), undefined);
  });

  it('the whole run and its worst second', () => {
    const s = series(4, 10, (ms) => ms >= 2000 && ms < 2500);
    const { whole, worst } = availabilitySummary(s);
    assert.deepEqual(whole, { startMs: 0, endMs: 4000, calls: 40, failed: 5, ratio: 1 - 5 / 40 });
    assert.deepEqual(worst, { startMs: 2000, endMs: 3000, calls: 10, failed: 5, ratio: 0.5 });
  });

  it('a burst runs from the first failing send after a moment to the last before two clean seconds', () => {
    // Failing 3.0–5.9 s, a clean second at 6 s, failing again at 7 s: one burst, then clean.
    const s = series(12, 10, (ms) => (ms >= 3000 && ms < 6000) || (ms >= 7000 && ms < 7200));
    const burst = burstFrom(s, 2500)!;
    assert.equal(burst.firstMs, 3000);
    assert.equal(burst.lastMs, 7100);
    assert.equal(burst.recovered, true);
    assert.equal(burst.failed, 32);
  });

  it('a burst still failing at the end of the run is not called recovered', () => {
    const s = series(5, 10, (ms) => ms >= 3000);
    assert.equal(burstFrom(s, 0)!.recovered, false);
  });

  it('an event with no failures after it has no burst; an unexplained dip is its own finding', () => {
    const s = series(16, 10, (ms) => ms >= 12_000 && ms < 12_500);
    const base = { availability: s, timeSeries: { columns: [], buckets: [] }, startedAt: new Date(0).toISOString() };
    const impacts = eventImpacts({ ...base, events: [{ name: 'mark', atMs: 1000, firedAtMs: 1000 }] });
    assert.equal(impacts[0].burst, undefined, 'the failures 11 s later are not the event’s');
    const findings = availabilityFindings({ ...base, events: [{ name: 'mark', atMs: 1000, firedAtMs: 1000 }] });
    assert.deepEqual(
      findings.map((f) => f.id),
      ['availability-dip'],
    );
    assert.match(findings[0].statement, /^availability dipped to 50\.0 % at ≈ 12\.0 s: calls failed for 0\.4 s while the rest of the run was healthy/);
  });
});
