import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changePoints } from '../../src/compare/change-point.ts';
import { seededRandom } from '../../src/seeded-random.ts';

/** `n` runs of a lognormal figure (median 100, σ of its log `sigma`), multiplied by 1 + shift from run `shiftAt`. */
function series(seed: number, n: number, sigma: number, shiftAt: number, shift: number): number[] {
  const rng = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  return Array.from({ length: n }, (_, i) => 100 * Math.exp(sigma * normal()) * (i >= shiftAt ? 1 + shift : 1));
}

/** The experiment of docs/change-points.md: 200 series of 30 runs, the shift at run 21 (index 20). */
function rates(sigma: number, shift: number): { flagged: number; located: number } {
  let flagged = 0;
  let located = 0;
  for (let s = 1; s <= 200; s++) {
    const found = changePoints(series(s * 7919, 30, sigma, 20, shift), { seed: s });
    if (found.length > 0) flagged++;
    if (found.some((c) => Math.abs(c.index - 20) <= 1)) located++;
  }
  return { flagged, located };
}

describe('change points (E-divisive means with a permutation test)', () => {
  it('finds none in a flat series', () => {
    assert.deepEqual(changePoints(series(1, 30, 0.05, 30, 0)), []);
  });

  it('finds a 30 % slow-down at the run where it began, with its magnitude', () => {
    const found = changePoints(series(2, 30, 0.05, 20, 0.3));
    assert.equal(found.length, 1);
    assert.equal(found[0].index, 20);
    // Medians of 10 and 20 runs with 5 % noise: within a few noise widths of the true +30 %.
    assert.ok(Math.abs(found[0].change - 0.3) < 0.1, `change ${found[0].change}`);
    assert.ok(found[0].pValue <= 0.01);
  });

  it('finds two shifts, each where it began', () => {
    const values = series(3, 36, 0.04, 12, 0.25).map((v, i) => (i >= 24 ? v * 0.7 : v));
    assert.deepEqual(
      changePoints(values).map((c) => c.index),
      [12, 24],
    );
  });

  it('ignores moves below the minimum change even when significant', () => {
    const values = series(4, 40, 0.005, 20, 0.03);
    assert.deepEqual(changePoints(values), []);
    assert.equal(changePoints(values, { minChange: 0.01 })[0].index, 20);
  });

  it('has the false-alarm and detection rates docs/change-points.md states (σ 5 %)', () => {
    assert.deepEqual(rates(0.05, 0), { flagged: 0, located: 0 });
    assert.deepEqual(rates(0.05, 0.05), { flagged: 28, located: 14 });
    assert.deepEqual(rates(0.05, 0.1), { flagged: 148, located: 122 });
    assert.deepEqual(rates(0.05, 0.2), { flagged: 200, located: 199 });
  });

  it('and at σ 10 %', () => {
    assert.deepEqual(rates(0.1, 0), { flagged: 1, located: 0 });
    assert.deepEqual(rates(0.1, 0.2), { flagged: 138, located: 108 });
  });
});
