import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ArrivalSchedule, rampingVusAt, stagesDurationMs } from '../../src/engine/schedule.ts';
import type { Stage } from '../../src/scenario/types.ts';

/** Every start time the schedule issues, in order. */
function startTimes(schedule: ArrivalSchedule): number[] {
  const times: number[] = [];
  for (let t = schedule.next(); t !== undefined; t = schedule.next()) times.push(t);
  return times;
}

/** How many start times fall in each whole second [s, s + 1) of `seconds`. */
function perSecond(times: readonly number[], seconds: number): number[] {
  const counts = new Array<number>(seconds).fill(0);
  for (const t of times) counts[Math.floor(t / 1000)]++;
  return counts;
}

describe('rampingVusAt', () => {
  // 0 → 10 over 1 s, hold 10 for 1 s, 10 → 0 over 0.5 s.
  const stages: Stage[] = [
    { durationMs: 1000, target: 10 },
    { durationMs: 1000, target: 10 },
    { durationMs: 500, target: 0 },
  ];

  it('ramps up linearly, rounding down, and reaches the target at the stage end', () => {
    assert.deepEqual(
      [0, 99, 100, 250, 500, 999, 1000].map((t) => rampingVusAt(0, stages, t)),
      [0, 0, 1, 2, 5, 9, 10],
    );
  });

  it('holds the target through a stage with an unchanged target', () => {
    assert.deepEqual(
      [1000, 1500, 1999].map((t) => rampingVusAt(0, stages, t)),
      [10, 10, 10],
    );
  });

  it('ramps down linearly, rounding up, and reaches the target at the stage end', () => {
    assert.deepEqual(
      [2000, 2001, 2250, 2450, 2499, 2500].map((t) => rampingVusAt(0, stages, t)),
      [10, 10, 5, 1, 1, 0],
    );
  });

  it('stays at the last target after the last stage', () => {
    assert.equal(rampingVusAt(0, stages, 2501), 0);
    assert.equal(rampingVusAt(0, stages, 60_000), 0);
    assert.equal(rampingVusAt(2, [{ durationMs: 1000, target: 7 }], 5000), 7);
  });

  it('starts from startVUs', () => {
    const fromFour: Stage[] = [{ durationMs: 2000, target: 8 }];
    assert.deepEqual(
      [0, 500, 1000, 1999, 2000].map((t) => rampingVusAt(4, fromFour, t)),
      [4, 5, 6, 7, 8],
    );
  });

  it('rounds a half VU down on the way up and up on the way down', () => {
    assert.equal(rampingVusAt(0, [{ durationMs: 1000, target: 3 }], 500), 1);
    assert.equal(rampingVusAt(3, [{ durationMs: 1000, target: 0 }], 500), 2);
  });

  it('the stages last the sum of their durations', () => {
    assert.equal(stagesDurationMs(stages), 2500);
  });
});

describe('ArrivalSchedule', () => {
  it('constant: each second holds exactly `rate` starts, the first at 0, none at or after the end', () => {
    const times = startTimes(ArrivalSchedule.constant(100, 1000, 3000));
    assert.equal(times.length, 300);
    assert.equal(times[0], 0);
    assert.ok(times.at(-1)! < 3000, `last start ${times.at(-1)}`);
    assert.deepEqual(perSecond(times, 3), [100, 100, 100]);
  });

  it('constant: starts are evenly spaced at timeUnit / rate', () => {
    assert.deepEqual(startTimes(ArrivalSchedule.constant(4, 1000, 1000)), [0, 250, 500, 750]);
    assert.deepEqual(startTimes(ArrivalSchedule.constant(120, 60_000, 2000)), [0, 500, 1000, 1500]);
  });

  it('constant: a rate whose per-ms value is inexact in floating point still gives exactly rate × duration starts', () => {
    // 17 / 1000 * 3000 is 51.00000000000001 in floating point.
    const times = startTimes(ArrivalSchedule.constant(17, 1000, 3000));
    assert.equal(times.length, 51);
    assert.deepEqual(perSecond(times, 3), [17, 17, 17]);
    assert.ok(times.at(-1)! < 3000, `last start ${times.at(-1)}`);
  });

  it('ends after the last stage and keeps answering undefined', () => {
    const schedule = ArrivalSchedule.constant(2, 1000, 1000);
    assert.deepEqual([schedule.next(), schedule.next(), schedule.next(), schedule.next()], [0, 500, undefined, undefined]);
  });

  it('ramping: starts per second follow the integral of the linear rate (within rounding)', () => {
    // 0 → 100/s over 2 s (25 then 75), hold 100/s for 1 s, 100 → 0/s over 1 s (50).
    const stages: Stage[] = [
      { durationMs: 2000, target: 100 },
      { durationMs: 1000, target: 100 },
      { durationMs: 1000, target: 0 },
    ];
    const times = startTimes(new ArrivalSchedule(0, 1000, stages));
    assert.equal(times.length, 250);
    assert.equal(times[0], 0);
    assert.ok(times.at(-1)! < 4000, `last start ${times.at(-1)}`);
    const counts = perSecond(times, 4);
    [25, 75, 100, 50].forEach((expected, second) =>
      assert.ok(Math.abs(counts[second] - expected) <= 1, `second ${second}: ${counts[second]} starts, expected ${expected}`),
    );
  });

  it('ramping: starts from startRate', () => {
    // 10/s → 30/s over 1 s: 20 starts.
    const times = startTimes(new ArrivalSchedule(10, 1000, [{ durationMs: 1000, target: 30 }]));
    assert.equal(times.length, 20);
    assert.equal(times[0], 0);
    // The rate rises, so the gaps shrink.
    assert.ok(times[1] - times[0] > times[19] - times[18]);
  });

  it('ramping: a stage at rate 0 issues nothing, later stages continue', () => {
    const stages: Stage[] = [
      { durationMs: 1000, target: 0 },
      { durationMs: 1000, target: 10 },
    ];
    const times = startTimes(new ArrivalSchedule(0, 1000, stages));
    assert.equal(times.length, 5);
    assert.ok(
      times.every((t) => t >= 1000 && t < 2000),
      String(times),
    );
  });
});
