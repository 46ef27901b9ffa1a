// Histograms travel encoded (result files, shards, workers): decoding gives back exactly what was
// recorded, at the precision it was recorded with, whichever backend decodes it.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import hdr from 'hdr-histogram-js';
import { createHistogram, decodeHistogram, encodeHistogram, initMetrics, type HistogramBackend } from '../../src/engine/metrics/histogram.ts';

/** Latencies in µs the test controls: 1 µs to 40 s, lognormal-ish, from a fixed seed. */
function values(n: number, seed: number): number[] {
  let state = seed;
  const next = (): number => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return Array.from({ length: n }, () => Math.max(1, Math.round(Math.exp(next() * 17.5))));
}

const PERCENTILES = [0, 50, 90, 95, 99, 99.9, 100];

/** What a report reads of a histogram; the 100th percentile is the max at bucket precision (an encoding keeps no exact max). */
function figures(h: { totalCount: number; minNonZeroValue: number; getValueAtPercentile(p: number): number }) {
  return { count: h.totalCount, min: h.minNonZeroValue, percentiles: PERCENTILES.map((p) => h.getValueAtPercentile(p)) };
}

after(() => initMetrics());

for (const backend of ['wasm', 'js'] as HistogramBackend[])
  describe(`decodeHistogram with the ${backend} backend`, () => {
    it('gives back every count of an encoding of its own, at 3 and at 2 significant digits', async () => {
      assert.equal(await initMetrics({ backend }), backend);
      for (const digits of [3, 2]) {
        const original = createHistogram(digits);
        const recorded = values(5_000, digits);
        for (const v of recorded) original.recordValue(v);
        const { histogram, digits: decodedDigits } = decodeHistogram(encodeHistogram(original));
        assert.equal(decodedDigits, digits);
        assert.equal(histogram.totalCount, recorded.length);
        assert.deepEqual(figures(histogram), figures(original));
        // Exactly the same buckets: the decoded histogram encodes to the same bytes.
        assert.equal(encodeHistogram(histogram), encodeHistogram(original));
        // And it adds to one of ours on the exact path.
        const sum = createHistogram(digits);
        sum.add(histogram);
        sum.add(original);
        assert.equal(sum.totalCount, 2 * recorded.length);
        assert.equal(sum.getValueAtPercentile(50), original.getValueAtPercentile(50));
        for (const h of [original, histogram, sum]) h.destroy();
      }
    });

    it('decodes an encoding of another range (another HdrHistogram tool) into our range, value by value', async () => {
      await initMetrics({ backend });
      const foreign = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
      const recorded = values(2_000, 7).map((v) => Math.min(v, 60_000_000));
      for (const v of recorded) foreign.recordValue(v);
      const { histogram, digits } = decodeHistogram(encodeHistogram(foreign));
      assert.equal(digits, 3);
      assert.equal(histogram.totalCount, recorded.length);
      assert.equal(histogram.highestTrackableValue, 3_600_000_000, 'our range');
      assert.deepEqual(figures(histogram), figures(foreign));
      histogram.destroy();
    });

    it("writes what hdr-histogram-js's own decoder reads (our framing and deflate settings, not the library's), value by value", async () => {
      await initMetrics({ backend });
      const original = createHistogram(3);
      for (const v of values(3_000, 11)) original.recordValue(v);
      const read = hdr.decodeFromCompressedBase64(encodeHistogram(original), 32, false);
      assert.deepEqual(figures(read), figures(original));
      for (const h of [original, read]) h.destroy();
    });

    it('refuses what is not a V2 compressed encoding', async () => {
      await initMetrics({ backend });
      assert.throws(() => decodeHistogram(Buffer.from('not a histogram at all').toString('base64')), /only V2 is supported/);
    });
  });
