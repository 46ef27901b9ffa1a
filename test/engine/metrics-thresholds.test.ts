import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MetricsRegistry, evaluateThresholds, snapshot, type ThresholdSpec } from '../../src/engine/metrics/index.ts';

function spec(metric: string, source: string, parts: Pick<ThresholdSpec, 'aggregation' | 'op' | 'value'>, tags: Record<string, string> = {}): ThresholdSpec {
  return { metric, tags, source, ...parts, abortOnFail: false, delayAbortEvalMs: 0 };
}

/** 10 s run: 100 echo calls of 1..100 ms, 10 send_sms calls of 500 ms (2 errors), 4 dropped iterations. */
function run(registry = new MetricsRegistry({ nowMs: 0 })): MetricsRegistry {
  const duration = registry.trend('iteration_duration');
  const errors = registry.rate('mcp_errors');
  const calls = registry.counter('mcp_calls');
  for (let ms = 1; ms <= 100; ms++) {
    duration.handle({ tool: 'echo', status: 'ok' }).record(ms * 1000);
    errors.handle({ tool: 'echo' }).add(false);
    calls.handle({ tool: 'echo' }).add();
  }
  for (let i = 0; i < 10; i++) {
    duration.handle({ tool: 'send_sms', status: i < 2 ? 'error' : 'ok' }).record(500_000);
    errors.handle({ tool: 'send_sms' }).add(i < 2);
    calls.handle({ tool: 'send_sms' }).add();
  }
  registry.counter('dropped_iterations').handle().add(4);
  const vus = registry.gauge('vus').handle();
  for (const v of [1, 8, 5]) vus.set(v);
  registry.finish(10_000);
  return registry;
}

const observed = (results: ReturnType<typeof evaluateThresholds>) => results.map((r) => [r.source, r.ok, r.observed]);

test('trend aggregations are in milliseconds: avg, min, max, med and p(N)', () => {
  const registry = run();
  const results = evaluateThresholds(registry, [
    spec('iteration_duration', 'avg<100', { aggregation: { kind: 'avg' }, op: '<', value: 100 }),
    spec('iteration_duration', 'min>=1', { aggregation: { kind: 'min' }, op: '>=', value: 1 }),
    spec('iteration_duration', 'max<=500', { aggregation: { kind: 'max' }, op: '<=', value: 500 }),
    spec('iteration_duration', 'med<50', { aggregation: { kind: 'med' }, op: '<', value: 50 }),
    spec('iteration_duration', 'p(90)<200', { aggregation: { kind: 'p', p: 90 }, op: '<', value: 200 }),
    spec('iteration_duration', 'p(95)<200', { aggregation: { kind: 'p', p: 95 }, op: '<', value: 200 }),
  ]);
  assert.deepEqual(observed(results), [
    ['avg<100', true, 10_050_000 / 110 / 1000], // (1+..+100 ms + 10 × 500 ms) / 110, in µs then ms
    ['min>=1', true, 1],
    ['max<=500', true, 500],
    ['med<50', false, 55.007],
    ['p(90)<200', true, 99.007],
    ['p(95)<200', false, 500],
  ]);
  registry.dispose();
});

test('a tag-filtered threshold reads only the matching series', () => {
  const registry = run();
  const results = evaluateThresholds(registry, [
    spec('iteration_duration', 'p(95)<200', { aggregation: { kind: 'p', p: 95 }, op: '<', value: 200 }, { tool: 'echo' }),
    spec('iteration_duration', 'max<400', { aggregation: { kind: 'max' }, op: '<', value: 400 }, { tool: 'send_sms' }),
    spec('iteration_duration', 'max<400', { aggregation: { kind: 'max' }, op: '<', value: 400 }, { tool: 'send_sms', status: 'error' }),
    spec('mcp_errors', 'rate<0.1', { aggregation: { kind: 'rate' }, op: '<', value: 0.1 }, { tool: 'send_sms' }),
  ]);
  // A tagged series keeps 2 significant digits: 95.231 for a true 95 (3 digits gave 95.039).
  assert.deepEqual(observed(results), [
    ['p(95)<200', true, 95.231],
    ['max<400', false, 500],
    ['max<400', false, 500],
    ['rate<0.1', false, 0.2],
  ]);
  assert.deepEqual(results[1].tags, { tool: 'send_sms' });
  registry.dispose();
});

test('a threshold registered with track() up front gives the same answer as merging series', () => {
  const tracked = new MetricsRegistry({ nowMs: 0 });
  tracked.track('iteration_duration', { tool: 'echo' });
  run(tracked);
  const merged = run();
  const p95 = spec('iteration_duration', 'p(95)<200', { aggregation: { kind: 'p', p: 95 }, op: '<', value: 200 }, { tool: 'echo' });
  assert.deepEqual(evaluateThresholds(tracked, [p95]), evaluateThresholds(merged, [p95]));
  tracked.dispose();
  merged.dispose();
});

test('counters: count is the total, rate is per second of measured time', () => {
  const registry = run();
  assert.deepEqual(
    observed(
      evaluateThresholds(registry, [
        spec('mcp_calls', 'count>100', { aggregation: { kind: 'count' }, op: '>', value: 100 }),
        spec('mcp_calls', 'rate>=11', { aggregation: { kind: 'rate' }, op: '>=', value: 11 }),
        spec('mcp_calls', 'count===10', { aggregation: { kind: 'count' }, op: '===', value: 10 }, { tool: 'send_sms' }),
        spec('dropped_iterations', 'count!=0', { aggregation: { kind: 'count' }, op: '!=', value: 0 }),
      ]),
    ),
    [
      ['count>100', true, 110],
      ['rate>=11', true, 11],
      ['count===10', true, 10],
      ['count!=0', true, 4],
    ],
  );
  registry.dispose();
});

test('rates are the fraction of non-zero samples; gauges expose value, min and max', () => {
  const registry = run();
  assert.deepEqual(
    observed(
      evaluateThresholds(registry, [
        spec('mcp_errors', 'rate<0.01', { aggregation: { kind: 'rate' }, op: '<', value: 0.01 }),
        spec('vus', 'value===5', { aggregation: { kind: 'value' }, op: '===', value: 5 }),
        spec('vus', 'max<=8', { aggregation: { kind: 'max' }, op: '<=', value: 8 }),
        spec('vus', 'min>1', { aggregation: { kind: 'min' }, op: '>', value: 1 }),
      ]),
    ),
    [
      ['rate<0.01', false, 2 / 110],
      ['value===5', true, 5],
      ['max<=8', true, 8],
      ['min>1', false, 1],
    ],
  );
  registry.dispose();
});

test('a snapshot evaluates exactly like the registry it was taken from', () => {
  const registry = run();
  const specs = [
    spec('iteration_duration', 'p(99)<100', { aggregation: { kind: 'p', p: 99 }, op: '<', value: 100 }, { tool: 'echo' }),
    spec('mcp_calls', 'rate>10', { aggregation: { kind: 'rate' }, op: '>', value: 10 }),
    spec('mcp_errors', 'rate<0.5', { aggregation: { kind: 'rate' }, op: '<', value: 0.5 }, { tool: 'send_sms' }),
  ];
  const fromSnapshot = evaluateThresholds(JSON.parse(JSON.stringify(snapshot(registry))), specs);
  assert.deepEqual(fromSnapshot, evaluateThresholds(registry, specs));
  assert.deepEqual(observed(fromSnapshot), [
    ['p(99)<100', true, 99.327],
    ['rate>10', true, 11],
    ['rate<0.5', true, 0.2],
  ]);
  registry.dispose();
});

test('no samples: skipped while running (ignoreEmpty); at the end a latency or rate without samples fails, a counter counts 0', () => {
  const registry = new MetricsRegistry({ nowMs: 0 });
  const specs = [
    spec('http_req_duration', 'p(95)<200', { aggregation: { kind: 'p', p: 95 }, op: '<', value: 200 }),
    spec('mcp_errors', 'rate<0.05', { aggregation: { kind: 'rate' }, op: '<', value: 0.05 }),
    spec('iterations', 'count>0', { aggregation: { kind: 'count' }, op: '>', value: 0 }),
    spec('dropped_iterations', 'count<10', { aggregation: { kind: 'count' }, op: '<', value: 10 }),
  ];
  assert.deepEqual(observed(evaluateThresholds(registry, specs, { nowMs: 1000, ignoreEmpty: true })), [
    ['p(95)<200', true, null],
    ['rate<0.05', true, null],
    ['count>0', true, null],
    ['count<10', true, null],
  ]);
  const final = evaluateThresholds(registry, specs, { nowMs: 1000 });
  assert.deepEqual(observed(final), [
    ['p(95)<200', false, null],
    ['rate<0.05', false, null],
    ['count>0', false, 0],
    ['count<10', true, 0],
  ]);
  assert.equal(final[0].error, 'no samples for http_req_duration: nothing was measured, so the threshold cannot pass');
  assert.equal(final[1].error, 'no samples for mcp_errors: nothing was measured, so the threshold cannot pass');
});

test('a filter on a tool that never appeared fails with the tools that did, and a misspelt tag key with the keys', () => {
  const registry = run();
  const results = evaluateThresholds(registry, [
    spec('iteration_duration', 'p(95)<200', { aggregation: { kind: 'p', p: 95 }, op: '<', value: 200 }, { tool: 'ecko' }),
    spec('iteration_duration', 'p(95)<200', { aggregation: { kind: 'p', p: 95 }, op: '<', value: 200 }, { toool: 'echo' }),
    spec('mcp_calls', 'count<10', { aggregation: { kind: 'count' }, op: '<', value: 10 }, { tool: 'never_called' }),
  ]);
  assert.deepEqual(
    results.map((r) => [r.ok, r.observed, r.error]),
    [
      [false, null, 'no samples for iteration_duration{tool:ecko}: tool "ecko" never appeared (did you mean "echo"?); tool values seen: echo, send_sms'],
      [false, null, 'no samples for iteration_duration{toool:echo}: no series has a tag "toool" (did you mean "tool"?); its tags: status, tool'],
      [false, null, 'no samples for mcp_calls{tool:never_called}: tool "never_called" never appeared; tool values seen: echo, send_sms'],
    ],
  );
});

test('latency by outcome: the untagged aggregate and filters that do not name expected_response hold successful calls only', () => {
  const registry = new MetricsRegistry({ nowMs: 0 });
  const duration = registry.trend('mcp_call_duration');
  // 10 successful calls of 100 ms, then 90 failures that fail fast (1 ms): p95 must stay 100 ms.
  for (let i = 0; i < 10; i++) duration.handle({ tool: 'echo', expected_response: 'true' }).record(100_000);
  for (let i = 0; i < 90; i++) duration.handle({ tool: 'echo', error_class: 'transport', expected_response: 'false' }).record(1000);
  registry.finish(1000);
  const p95 = { aggregation: { kind: 'p', p: 95 }, op: '<', value: 1000 } as const;
  const count = { aggregation: { kind: 'count' }, op: '>', value: 0 } as const;
  assert.deepEqual(
    observed(
      evaluateThresholds(registry, [
        spec('mcp_call_duration', 'p(95)<1000', p95),
        spec('mcp_call_duration', 'p(95)<1000', p95, { tool: 'echo' }),
        spec('mcp_call_duration', 'count>0', count, { tool: 'echo' }),
        spec('mcp_call_duration', 'count>0', count, { expected_response: 'false' }),
        spec('mcp_call_duration', 'p(95)<1000', p95, { expected_response: 'false' }),
      ]),
    ),
    [
      ['p(95)<1000', true, 100],
      ['p(95)<1000', true, 100],
      ['count>0', true, 10],
      ['count>0', true, 90],
      ['p(95)<1000', true, 1],
    ],
  );
  assert.equal(duration.total.count, 10);
});

test('an unknown metric or an aggregation the type lacks fails with a reason', () => {
  const registry = run();
  const results = evaluateThresholds(registry, [
    spec('iteration_durations', 'p(95)<200', { aggregation: { kind: 'p', p: 95 }, op: '<', value: 200 }),
    spec('mcp_errors', 'avg<1', { aggregation: { kind: 'avg' }, op: '<', value: 1 }),
    spec('iteration_duration', 'rate<1', { aggregation: { kind: 'rate' }, op: '<', value: 1 }),
  ]);
  assert.deepEqual(
    results.map((r) => [r.ok, r.observed, r.error]),
    [
      [false, null, 'unknown metric "iteration_durations"'],
      [false, null, '"avg" is not an aggregation of rate metric "mcp_errors"'],
      [false, null, '"rate" is not an aggregation of trend metric "iteration_duration"'],
    ],
  );
  registry.dispose();
});

test('trends: count is the number of samples, as the scenario parser allows', () => {
  const results = evaluateThresholds(run(), [
    spec('iteration_duration', 'count>=110', { aggregation: { kind: 'count' }, op: '>=', value: 110 }),
    spec('iteration_duration', 'count<10', { aggregation: { kind: 'count' }, op: '<', value: 10 }, { tool: 'send_sms' }),
  ]);
  assert.deepEqual(
    results.map((r) => [r.ok, r.observed]),
    [
      [true, 110],
      [false, 10],
    ],
  );
});
