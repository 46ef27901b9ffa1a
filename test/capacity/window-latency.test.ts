import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { medianInterval } from '../../src/capacity/window-latency.ts';

describe('the median interval a capacity step reports', () => {
  it('needs 5 windows for 90 %: 1 − 2/2^5 = 93.75 % is the extremes of 5', () => {
    assert.equal(medianInterval([1, 2, 3, 4], 0.9), undefined);
    assert.deepEqual(medianInterval([5, 1, 4, 2, 3], 0.9), [1, 5]);
  });

  it('narrows with more windows, keeping coverage ≥ the confidence (checked against the binomial by brute force)', () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    const [low, high] = medianInterval(values, 0.9)!;
    const k = low;
    assert.equal(high, 21 - k);
    const choose = (n: number, r: number): number => (r === 0 ? 1 : (choose(n, r - 1) * (n - r + 1)) / r);
    const below = (kk: number) => Array.from({ length: kk }, (_, i) => choose(20, i)).reduce((a, b) => a + b, 0) / 2 ** 20;
    assert.ok(1 - 2 * below(k) >= 0.9, 'covers');
    assert.ok(1 - 2 * below(k + 1) < 0.9, 'and is the narrowest that does');
    assert.equal(k, 6);
  });

  it('empirically covers the true median of a skewed distribution at least 90 % of the time', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const trueMedian = Math.LN2; // exponential(1)
    let covered = 0;
    const trials = 2000;
    for (let t = 0; t < trials; t++) {
      const sample = Array.from({ length: 12 }, () => -Math.log(1 - random()));
      const [low, high] = medianInterval(sample, 0.9)!;
      if (low <= trueMedian && trueMedian <= high) covered++;
    }
    assert.ok(covered / trials >= 0.88, `${covered / trials}`);
  });
});
