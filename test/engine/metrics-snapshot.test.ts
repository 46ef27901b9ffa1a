import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MetricsRegistry, fromSnapshot, initMetrics, mergeRegistries, mergeSnapshots, snapshot, type MetricsSnapshot } from '../../src/engine/metrics/index.ts';

interface Sample {
  tool: string;
  us: number;
  error: boolean;
}

function workload(count: number, seed: number): Sample[] {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, () => ({
    tool: next() < 0.3 ? 'send_sms' : 'echo',
    us: Math.round(200 * Math.exp(next() * 9)),
    error: next() < 0.05,
  }));
}

function record(registry: MetricsRegistry, samples: Sample[]): void {
  const duration = registry.trend('iteration_duration');
  const calls = registry.counter('mcp_calls');
  const errors = registry.rate('mcp_errors');
  const vus = registry.gauge('vus').handle();
  for (const s of samples) {
    duration.handle({ tool: s.tool }).record(s.us);
    calls.handle({ tool: s.tool }).add();
    errors.handle({ tool: s.tool }).add(s.error);
  }
  vus.set(samples.length % 7);
}

function sortedByKey(data: MetricsSnapshot): MetricsSnapshot {
  const key = (m: MetricsSnapshot['metrics'][number]) => `${m.metric}${JSON.stringify(m.tags)}`;
  return { ...data, metrics: [...data.metrics].sort((a, b) => key(a).localeCompare(key(b))) };
}

function exceptGauges(data: MetricsSnapshot): MetricsSnapshot['metrics'] {
  return sortedByKey(data).metrics.filter((m) => m.type !== 'gauge');
}

test('merging two snapshots gives exactly the result of recording all samples into one registry', () => {
  const a = workload(5000, 1);
  const b = workload(3000, 2);
  const ra = new MetricsRegistry({ nowMs: 0 });
  const rb = new MetricsRegistry({ nowMs: 0 });
  const all = new MetricsRegistry({ nowMs: 0 });
  record(ra, a);
  record(rb, b);
  record(all, [...a, ...b]);
  all
    .gauge('vus')
    .handle()
    .set(b.length % 7);
  for (const r of [ra, rb, all]) r.finish(10_000);

  const merged = mergeSnapshots(JSON.parse(JSON.stringify(snapshot(ra))), JSON.parse(JSON.stringify(snapshot(rb))));
  const expected = snapshot(all);
  const gauge = (d: MetricsSnapshot) => d.metrics.find((m) => m.metric === 'vus')?.summary;
  assert.deepEqual(gauge(merged), { value: b.length % 7, min: a.length % 7, max: b.length % 7, samples: 2 });
  // Summaries, exact sums and the encoded histograms themselves are identical.
  assert.deepEqual(exceptGauges(merged), exceptGauges(expected));
  for (const r of [ra, rb, all]) r.dispose();
});

test('a snapshot survives JSON and fromSnapshot unchanged', () => {
  const registry = new MetricsRegistry({ nowMs: 1000 });
  record(registry, workload(2000, 3));
  registry.finish(4000);
  const data = snapshot(registry);
  const restored = fromSnapshot(JSON.parse(JSON.stringify(data)));
  assert.deepEqual(snapshot(restored), data);
  registry.dispose();
  restored.dispose();
});

test('merged registries span both measured windows, so counter rates are per second of wall time', () => {
  const a = new MetricsRegistry({ nowMs: 1000 });
  const b = new MetricsRegistry({ nowMs: 2000 });
  a.counter('http_reqs').handle().add(30);
  b.counter('http_reqs').handle().add(10);
  a.finish(11_000);
  b.finish(9000);
  const merged = mergeRegistries(a, b);
  assert.deepEqual(merged.window(), { startMs: 1000, endMs: 11_000 });
  assert.deepEqual(merged.counter('http_reqs').total.summary(merged.durationMs()), { count: 40, rate: 4 });
});

test('histograms merge exactly across backends (WASM shard + JS shard)', async () => {
  const a = workload(3000, 4);
  const b = workload(3000, 5);
  await initMetrics({ backend: 'wasm' });
  const wasm = new MetricsRegistry({ nowMs: 0 });
  record(wasm, a);
  const all = new MetricsRegistry({ nowMs: 0 });
  record(all, [...a, ...b]);
  await initMetrics({ backend: 'js' });
  const js = new MetricsRegistry({ nowMs: 0 });
  record(js, b);
  await initMetrics({ backend: 'wasm' });

  const merged = mergeRegistries(wasm, js, 1000);
  const trend = (r: MetricsRegistry) => r.trend('iteration_duration').view({ tool: 'send_sms' }, (s) => s.summary(1000));
  assert.deepEqual(trend(merged), trend(all));
  for (const r of [wasm, js, all, merged]) r.dispose();
});

test('merging refuses two metrics of one name with different types', () => {
  const a = new MetricsRegistry();
  const b = new MetricsRegistry();
  a.counter('custom');
  b.rate('custom');
  assert.throws(() => mergeRegistries(a, b), /metric "custom" is a counter, not a rate/);
});

test('an unknown snapshot version is rejected', () => {
  assert.throws(() => fromSnapshot({ version: 2, startMs: 0, endMs: 0, metrics: [] } as unknown as MetricsSnapshot), /unsupported metrics snapshot version 2/);
});
