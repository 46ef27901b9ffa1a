import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MetricsRegistry, TimeSeries, mergeTrendStates } from '../../src/engine/metrics/index.ts';

function recordSecond(registry: MetricsRegistry, calls: number, latencyUs: number): void {
  const mcpCalls = registry.counter('mcp_calls').handle({ tool: 'echo' });
  const duration = registry.trend('mcp_call_duration').handle({ tool: 'echo', expected_response: 'true' });
  for (let i = 0; i < calls; i++) {
    mcpCalls.add();
    duration.record(latencyUs);
  }
}

test('each tick closes one bucket with the counts, errors by class, bytes, VUs and latency of that interval', () => {
  const registry = new MetricsRegistry({ nowMs: 0 });
  const series = new TimeSeries(registry, { startMs: 0 });
  registry.gauge('vus').handle().set(3);
  recordSecond(registry, 4, 2000);
  registry.counter('http_reqs').handle().add(6);
  registry.counter('data_sent').handle().add(1200);
  registry.counter('data_received').handle().add(800);
  const errors = registry.rate('mcp_errors');
  errors.handle({ error_class: 'transport' }).add(true);
  errors.handle({ error_class: 'tool', tool: 'echo' }).add(true);
  errors.handle({ error_class: 'tool', tool: 'echo' }).add(true);
  errors.handle().add(false);

  const first = series.tick(1000);
  assert.deepEqual(first.values, {
    vus: 3,
    mcp_calls: 4,
    http_reqs: 6,
    errors_transport: 1,
    errors_gateway: 0,
    errors_protocol: 0,
    errors_tool: 2,
    errors_generator: 0,
    errors_internal: 0,
    data_sent: 1200,
    data_received: 800,
  });
  const latency = first.latency.mcp_call_duration;
  assert.ok(latency !== null);
  assert.deepEqual([latency.summary.count, latency.summary.p50, latency.summary.p95, latency.summary.p99], [4, 2, 2, 2]);
  assert.equal(typeof latency.hdr, 'string');

  recordSecond(registry, 1, 9000);
  const second = series.tick(2000);
  assert.deepEqual([second.startMs, second.endMs, second.values.mcp_calls, second.values.vus, second.values.errors_tool], [1000, 2000, 1, 3, 0]);
  assert.equal(second.latency.mcp_call_duration?.summary.p99, 9);

  const third = series.tick(3000);
  assert.equal(third.values.mcp_calls, 0);
  assert.equal(third.latency.mcp_call_duration, null);
  assert.equal(series.toJSON().buckets.length, 3);
  series.dispose();
  registry.dispose();
});

test('an irregular timer makes an irregular bucket rather than losing samples', () => {
  const registry = new MetricsRegistry({ nowMs: 0 });
  const series = new TimeSeries(registry, { startMs: 500, columns: [{ name: 'calls', metric: 'mcp_calls' }] });
  recordSecond(registry, 2, 1000);
  series.tick(1700);
  recordSecond(registry, 3, 1000);
  series.tick(2650);
  assert.deepEqual(
    series.toJSON().buckets.map((b) => [b.startMs, b.endMs, b.values.calls]),
    [
      [500, 1700, 2],
      [1700, 2650, 3],
    ],
  );
  series.dispose();
  registry.dispose();
});

test('columns can filter by tags; samples from warm-up are not in the buckets', () => {
  const registry = new MetricsRegistry({ warmup: true });
  const series = new TimeSeries(registry, {
    startMs: 0,
    columns: [
      { name: 'sms_calls', metric: 'mcp_calls', tags: { tool: 'send_sms' } },
      { name: 'sms_latency', metric: 'mcp_call_duration', tags: { tool: 'send_sms' } },
    ],
  });
  const sms = registry.counter('mcp_calls').handle({ tool: 'send_sms', method: 'tools/call' });
  const echo = registry.counter('mcp_calls').handle({ tool: 'echo', method: 'tools/call' });
  sms.add();
  series.tick(1000);
  registry.startMeasuring(1000);
  sms.add();
  sms.add();
  echo.add();
  registry.trend('mcp_call_duration').handle({ tool: 'send_sms', expected_response: 'true' }).record(4000);
  registry.trend('mcp_call_duration').handle({ tool: 'echo', expected_response: 'true' }).record(90_000);
  series.tick(2000);
  const [warm, measured] = series.toJSON().buckets;
  assert.deepEqual([warm.values.sms_calls, measured.values.sms_calls], [0, 2]);
  assert.equal(measured.latency.sms_latency?.summary.max, 4);
  series.dispose();
  registry.dispose();
});

test('per-second windows merge exactly into the percentiles of the whole range', () => {
  const registry = new MetricsRegistry({ nowMs: 0 });
  const series = new TimeSeries(registry, { startMs: 0, columns: [{ name: 'latency', metric: 'mcp_call_duration' }] });
  const handle = registry.trend('mcp_call_duration').handle();
  for (let second = 1; second <= 5; second++) {
    for (let i = 1; i <= 200; i++) handle.record(i * 37 * second);
    series.tick(second * 1000);
  }
  const windows = series
    .toJSON()
    .buckets.map((b) => b.latency.latency)
    .filter((w) => w !== null);
  const merged = mergeTrendStates(windows, 5000);
  assert.deepEqual(merged.summary, registry.trend('mcp_call_duration').total.summary(5000));
  series.dispose();
  registry.dispose();
});

test('a disposed time series no longer receives samples', () => {
  const registry = new MetricsRegistry({ nowMs: 0 });
  const series = new TimeSeries(registry, { startMs: 0 });
  series.dispose();
  registry.trend('mcp_call_duration').handle().record(10);
  registry.counter('mcp_calls').handle().add();
  assert.equal(registry.trend('mcp_call_duration').total.count, 1);
  registry.dispose();
});

test('an unknown metric in a column is rejected when the series is created', () => {
  const registry = new MetricsRegistry();
  assert.throws(() => new TimeSeries(registry, { startMs: 0, columns: [{ name: 'x', metric: 'nope' }] }), /time series column "x": unknown metric "nope"/);
});
