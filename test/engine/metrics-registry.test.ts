import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MetricsRegistry, seriesKey, snapshot } from '../../src/engine/metrics/index.ts';

test('series keys are k6-style with tags sorted by name', () => {
  assert.equal(seriesKey('mcp_call_duration', { tool: 'echo', method: 'tools/call' }), 'mcp_call_duration{method:tools/call,tool:echo}');
  assert.equal(seriesKey('mcp_calls', {}), 'mcp_calls');
});

test('a sample is recorded into the untagged aggregate and into its tag-set series', () => {
  const registry = new MetricsRegistry({ nowMs: 0 });
  const calls = registry.counter('mcp_calls');
  calls.handle({ method: 'tools/call', tool: 'echo' }).add();
  calls.handle({ method: 'tools/call', tool: 'echo' }).add(2);
  calls.handle({ method: 'tools/list' }).add();
  calls.handle().add();

  assert.equal(calls.total.count, 5);
  assert.deepEqual(
    [...calls.series()].map((s) => [s.tags, s.sink.count]),
    [
      [{ method: 'tools/call', tool: 'echo' }, 3],
      [{ method: 'tools/list' }, 1],
    ],
  );
});

test('handle() returns the same handle for the same tag set in any key order', () => {
  const registry = new MetricsRegistry();
  const trend = registry.trend('iteration_duration');
  assert.equal(trend.handle({ a: '1', b: '2' }), trend.handle({ b: '2', a: '1' }));
});

test('a tag filter merges every series whose tags include it', () => {
  const registry = new MetricsRegistry({ nowMs: 0 });
  const duration = registry.trend('iteration_duration');
  duration.handle({ tool: 'send_sms', status: 'ok' }).record(1000);
  duration.handle({ tool: 'send_sms', status: 'error' }).record(3000);
  duration.handle({ tool: 'echo', status: 'ok' }).record(50_000);

  assert.deepEqual(
    duration.view({ tool: 'send_sms' }, (s) => [s.count, s.minUs, s.maxUs]),
    [2, 1000, 3000],
  );
  assert.deepEqual(
    duration.view({ status: 'ok' }, (s) => [s.count, s.minUs, s.maxUs]),
    [2, 1000, 50_000],
  );
  assert.deepEqual(
    duration.view({ tool: 'nope' }, (s) => s.count),
    0,
  );
  assert.deepEqual(
    duration.view({}, (s) => s.count),
    3,
  );
  registry.dispose();
});

test('a tracked filter is fed at record time, also by series created before and after it', () => {
  const registry = new MetricsRegistry({ nowMs: 0 });
  const errors = registry.rate('mcp_errors');
  const early = errors.handle({ tool: 'send_sms', error_class: 'tool' });
  registry.track('mcp_errors', { tool: 'send_sms' });
  early.add(true);
  errors.handle({ tool: 'send_sms' }).add(false);
  errors.handle({ tool: 'echo' }).add(true);

  const tracked = errors.track({ tool: 'send_sms' });
  assert.deepEqual(tracked.summary(), { passes: 1, fails: 1, rate: 0.5 });
  assert.equal(
    errors.view({ tool: 'send_sms' }, (s) => s),
    tracked,
  );
});

test('samples during warm-up are dropped; rates count from the start of measuring', () => {
  const registry = new MetricsRegistry({ warmup: true });
  const calls = registry.counter('mcp_calls').handle({ tool: 'echo' });
  const duration = registry.trend('iteration_duration').handle({ tool: 'echo' });
  const failed = registry.rate('http_req_failed').handle();
  assert.equal(registry.phase, 'warmup');
  calls.add(10);
  duration.record(999_000);
  failed.add(true);

  registry.startMeasuring(5000);
  calls.add(4);
  duration.record(2000);
  failed.add(false);
  registry.finish(7000);

  assert.equal(registry.phase, 'measuring');
  assert.deepEqual(registry.counter('mcp_calls').total.summary(registry.durationMs()), { count: 4, rate: 2 });
  assert.deepEqual([registry.trend('iteration_duration').total.count, registry.trend('iteration_duration').total.maxUs], [1, 2000]);
  assert.deepEqual(registry.rate('http_req_failed').total.summary(), { passes: 0, fails: 1, rate: 0 });
  assert.deepEqual(registry.window(), { startMs: 5000, endMs: 7000 });
  registry.dispose();
});

test('gauges keep the value set during warm-up, since they describe state rather than samples', () => {
  const registry = new MetricsRegistry({ warmup: true });
  const vus = registry.gauge('vus').handle();
  vus.set(10);
  registry.startMeasuring(0);
  assert.deepEqual(registry.gauge('vus').total.summary(), { value: 10, min: 10, max: 10, samples: 1 });
});

test('a gauge keeps the last value, min and max; a filter takes the most recently set series', () => {
  const registry = new MetricsRegistry();
  const vus = registry.gauge('vus');
  vus.handle({ scenario: 'a' }).set(5);
  vus.handle({ scenario: 'b' }).set(2);
  vus.handle({ scenario: 'a' }).set(7);
  assert.deepEqual(vus.total.summary(), { value: 7, min: 2, max: 7, samples: 3 });
  assert.deepEqual(
    vus.view({ scenario: 'b' }, (s) => s.summary()),
    { value: 2, min: 2, max: 2, samples: 1 },
  );
});

test('a rate counts non-zero and true samples as passes', () => {
  const registry = new MetricsRegistry();
  const checks = registry.rate('checks').handle();
  for (const v of [true, false, 1, 0, 0.5, -1]) checks.add(v);
  assert.deepEqual(registry.rate('checks').total.summary(), { passes: 4, fails: 2, rate: 4 / 6 });
});

test('a metric name has one type; built-in names have their built-in type', () => {
  const registry = new MetricsRegistry();
  registry.counter('my_counter');
  assert.throws(() => registry.trend('my_counter'), /metric "my_counter" is a counter, not a trend/);
  assert.throws(() => registry.gauge('mcp_calls'), /built-in counter, not a gauge/);
  assert.equal(registry.get('vus')?.type, 'gauge');
  assert.equal(registry.get('no_such_metric'), undefined);
  assert.throws(() => registry.track('no_such_metric', { tool: 'x' }), /unknown metric "no_such_metric"/);
});

test('snapshot lists the untagged aggregate then each tag set of every metric', () => {
  const registry = new MetricsRegistry({ nowMs: 1000 });
  registry.counter('data_sent').handle({ scenario: 'agents' }).add(300);
  registry.rate('mcp_errors').handle({ error_class: 'transport' }).add(true);
  registry.finish(3000);
  assert.deepEqual(snapshot(registry), {
    version: 1,
    startMs: 1000,
    endMs: 3000,
    metrics: [
      { metric: 'data_sent', type: 'counter', tags: {}, summary: { count: 300, rate: 150 } },
      { metric: 'data_sent', type: 'counter', tags: { scenario: 'agents' }, summary: { count: 300, rate: 150 } },
      { metric: 'mcp_errors', type: 'rate', tags: {}, summary: { passes: 1, fails: 0, rate: 1 } },
      { metric: 'mcp_errors', type: 'rate', tags: { error_class: 'transport' }, summary: { passes: 1, fails: 0, rate: 1 } },
    ],
  });
});
