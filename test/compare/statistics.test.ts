import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bootstrapRelativeChange, median, normalTail, quantile, robustBand, twoProportionTest } from '../../src/compare/statistics.ts';

const close = (actual: number, expected: number, tolerance: number) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`);

test('quantiles interpolate between order statistics (R type 7)', () => {
  assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(quantile([1, 2, 3, 4], 0.25), 1.75);
  assert.equal(quantile([7], 0.9), 7);
  assert.equal(median([5, 1, 3]), 3);
});

test('the bootstrap interval is reproducible from its seed and brackets the change of the medians', () => {
  const baseline = [10, 11, 9, 10.5, 9.5, 10.2, 9.8, 10.1];
  const current = baseline.map((x) => x * 1.3);
  const options = { confidence: 0.9, resamples: 2000, seed: 1 };
  const a = bootstrapRelativeChange(baseline, current, options);
  assert.deepEqual(a, bootstrapRelativeChange(baseline, current, options));
  assert.ok(a);
  close(a.estimate, 0.3, 1e-12);
  assert.ok(a.low < 0.3 && a.high > 0.3 && a.low > 0.1, JSON.stringify(a));
});

test('the bootstrap has nothing to say when the baseline median is zero', () => {
  assert.equal(bootstrapRelativeChange([0, 0, 0], [1, 2, 3], { confidence: 0.9, resamples: 100, seed: 1 }), undefined);
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
