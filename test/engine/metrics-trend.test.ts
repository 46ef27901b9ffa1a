import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { MetricsRegistry, histogramBackend, initMetrics, snapshot, type HistogramBackend } from '../../src/engine/metrics/index.ts';

const BACKENDS: HistogramBackend[] = ['wasm', 'js'];

after(async () => {
  await initMetrics();
});

/** Deterministic log-uniform latencies between 100 µs and 10 s. */
function samples(count: number, seed: number): number[] {
  let state = seed;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    out.push(Math.round(100 * Math.exp((state / 2 ** 31) * Math.log(100_000))));
  }
  return out;
}

/** Nearest rank with rounding, as HdrHistogram defines it. */
function exactPercentile(sorted: number[], p: number): number {
  const rank = Math.max(1, Math.floor((p / 100) * sorted.length + 0.5));
  return sorted[rank - 1];
}

for (const backend of BACKENDS) {
  test(`${backend}: percentiles match the exact sample percentiles within 3 significant digits`, async () => {
    assert.equal(await initMetrics({ backend }), backend);
    const values = samples(20_000, 7);
    const sorted = [...values].sort((a, b) => a - b);
    const registry = new MetricsRegistry({ nowMs: 0 });
    const handle = registry.trend('mcp_call_duration').handle();
    for (const us of values) handle.record(us);
    const sink = registry.trend('mcp_call_duration').total;

    for (const p of [0, 1, 10, 50, 75, 90, 95, 99, 99.9, 99.99, 100]) {
      const exact = exactPercentile(sorted, p);
      const observed = sink.percentileUs(p);
      assert.ok(observed >= exact && observed <= exact * 1.001, `p${p}: ${observed} vs exact ${exact}`);
    }
    registry.dispose();
  });

  test(`${backend}: count, min, max and mean are exact and reported in milliseconds`, async () => {
    await initMetrics({ backend });
    const registry = new MetricsRegistry({ nowMs: 0 });
    const handle = registry.trend('http_req_duration').handle();
    for (const us of [1500, 250, 12_345, 999]) handle.record(us);
    const { count, rate, min, mean, max } = registry.trend('http_req_duration').total.summary(2000);
    assert.deepEqual({ count, rate, min, mean, max }, { count: 4, rate: 2, min: 0.25, mean: 3.7735, max: 12.345 });
    registry.dispose();
  });
}

test('a single sample is every percentile exactly (percentiles are clamped to the exact min and max)', () => {
  const registry = new MetricsRegistry({ nowMs: 0 });
  registry.trend('mcp_call_duration').handle().record(123_456);
  const summary = snapshot(registry, 1000).metrics[0].summary;
  assert.deepEqual(summary, {
    count: 1,
    rate: 1,
    min: 123.456,
    mean: 123.456,
    p50: 123.456,
    p90: 123.456,
    p95: 123.456,
    p99: 123.456,
    p99_9: 123.456,
    max: 123.456,
  });
  registry.dispose();
});

test('values are rounded to whole microseconds and clamped to 0 .. 1 hour', () => {
  const registry = new MetricsRegistry({ nowMs: 0 });
  const handle = registry.trend('iteration_duration').handle();
  handle.record(-5);
  handle.record(Number.NaN);
  handle.record(10.6);
  handle.record(5 * 3_600_000_000);
  const sink = registry.trend('iteration_duration').total;
  assert.deepEqual([sink.count, sink.minUs, sink.maxUs, sink.sumUs], [4, 0, 3_600_000_000, 3_600_000_011]);
  registry.dispose();
});

test('an empty trend summarises to zeros', () => {
  const registry = new MetricsRegistry({ nowMs: 0 });
  registry.trend('session_init_duration');
  assert.deepEqual(snapshot(registry, 1000).metrics[0].summary, {
    count: 0,
    rate: 0,
    min: 0,
    mean: 0,
    p50: 0,
    p90: 0,
    p95: 0,
    p99: 0,
    p99_9: 0,
    max: 0,
  });
  registry.dispose();
});

test('the default backend is WebAssembly on Node 20+', async () => {
  await initMetrics();
  assert.equal(histogramBackend(), 'wasm');
});
