import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fewestRankSamples, median, normalTail, quantile, rankRelativeChange, robustBand, twoProportionTest } from '../../src/compare/statistics.ts';
import { seededRandom } from '../../src/seeded-random.ts';

const close = (actual: number, expected: number, tolerance: number) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`);

test('quantiles interpolate between order statistics (R type 7)', () => {
  assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(quantile([1, 2, 3, 4], 0.25), 1.75);
  assert.equal(quantile([7], 0.9), 7);
  assert.equal(median([5, 1, 3]), 3);
});

test('the rank interval of 3 vs 3 windows is the range of the pairwise ratios, with 90 % coverage exactly', () => {
  // P(U = 0) = 1 / C(6, 3) = 1/20 per tail: the extreme pairwise ratios bound a 90 % interval.
  const change = rankRelativeChange([10, 11, 12], [16, 17, 18], 0.9);
  assert.ok(change);
  close(change.low, 16 / 12 - 1, 1e-12);
  close(change.high, 18 / 10 - 1, 1e-12);
  close(change.coverage, 0.9, 1e-12);
  // The Hodges–Lehmann estimate: the median of the nine log-ratios, here 17/11.
  close(change.estimate, 17 / 11 - 1, 1e-12);
});

test('the rank interval of 4 vs 4 windows drops one pair at each end: 1 − 2·2/70 coverage', () => {
  const change = rankRelativeChange([10, 11, 12, 13], [20, 21, 22, 23], 0.9);
  assert.ok(change);
  // Ascending log-ratios: 20/13 is the smallest, then 21/13 and 20/12 (equal ranks by construction here).
  close(change.low, Math.min(21 / 13, 20 / 12) - 1, 1e-12);
  close(change.high, Math.max(23 / 11, 22 / 10) - 1, 1e-12);
  close(change.coverage, 1 - 4 / 70, 1e-12);
});

test('the rank interval says nothing when the samples cannot reach the confidence, or the baseline is zero', () => {
  assert.equal(rankRelativeChange([10, 11], [16, 17, 18], 0.9), undefined);
  assert.equal(rankRelativeChange([10, 11, 12], [16, 17, 18], 0.95), undefined);
  assert.equal(rankRelativeChange([0, 0, 0], [1, 2, 3], 0.9), undefined);
  assert.deepEqual([0.9, 0.95, 0.99].map(fewestRankSamples), [3, 4, 5]);
});

test('over seeded lognormal samples the 90 % rank interval covers the true change in about 90 % of trials', () => {
  const random = seededRandom(7);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const draw = (n: number, factor: number) => Array.from({ length: n }, () => factor * Math.exp(0.1 * normal()));
  for (const n of [3, 6, 12]) {
    let covered = 0;
    const trials = 2000;
    let expected = 0;
    for (let t = 0; t < trials; t++) {
      const change = rankRelativeChange(draw(n, 1), draw(n, 1.25), 0.9);
      assert.ok(change);
      expected += change.coverage / trials;
      if (change.low <= 0.25 && change.high >= 0.25) covered++;
    }
    // Binomial spread over 2000 trials: ±2 percentage points is about three standard deviations.
    assert.ok(Math.abs(covered / trials - expected) < 0.02, `n=${n}: covered ${covered}/${trials}, stated ${expected}`);
  }
});

test('the normal tail is accurate far out, where 1 − CDF would round to zero', () => {
  close(normalTail(1.959964), 0.025, 1e-7);
  close(normalTail(-1.959964), 0.975, 1e-7);
  close(normalTail(8) / 6.22096e-16, 1, 0.02);
});

test('two-proportion test: 10/1000 against 30/1000 is a rise with p ≈ 0.0007', () => {
  const { pRise, pFall } = twoProportionTest(10, 1000, 30, 1000);
  close(pRise, 0.000702, 0.00001);
  close(pFall, 1 - 0.000702, 0.00001);
  assert.deepEqual(twoProportionTest(0, 100, 0, 100), { pRise: 1, pFall: 1 });
});

test('the history band is the median ± k interquartile ranges', () => {
  assert.deepEqual(robustBand([10, 12, 11, 13, 50], 2), { center: 12, low: 8, high: 16 });
});
