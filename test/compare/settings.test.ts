import assert from 'node:assert/strict';
import { test } from 'node:test';
import { regressionSettings, RegressionSettingsError } from '../../src/compare/index.ts';

test('defaults: 5 s windows, 90 % intervals, a band of ± 3 IQR; latency 10 % and 2 ms; errors 10 %, 0.1 pp, 10 errors, α 0.01', () => {
  const s = regressionSettings();
  assert.deepEqual([s.windowMs, s.confidence, s.historyK], [5_000, 0.9, 3]);
  assert.deepEqual(s.metric('mcp_call_duration_p95', 'latency', true), { minEffect: 0.1, floor: 2, minCount: 0, alpha: 0, gated: true });
  assert.deepEqual(s.metric('mcp_error_rate', 'error-rate', true), { minEffect: 0.1, floor: 0.001, minCount: 10, alpha: 0.01, gated: true });
});

test('a tool inherits from tool:*: and then from the overall metric; gate: promotes it', () => {
  const s = regressionSettings({
    window: '10s',
    mcp_call_duration_p95: { minEffect: 0.15, floorMs: 5 },
    'tool:*:p95': { minEffect: 0.25 },
    'tool:send_sms:p95': { floorMs: 20 },
    gate: ['tool:send_sms:p95'],
  });
  assert.equal(s.windowMs, 10_000);
  assert.deepEqual(s.metric('tool:send_sms:p95', 'latency', false), { minEffect: 0.25, floor: 20, minCount: 0, alpha: 0, gated: true });
  assert.deepEqual(s.metric('tool:lookup:p95', 'latency', false), { minEffect: 0.25, floor: 5, minCount: 0, alpha: 0, gated: false });
});

test('gated: false takes a metric out of the verdict', () => {
  const s = regressionSettings({ mcp_error_rate: { gated: false }, gate: ['tool:*:error_rate'] });
  assert.equal(s.metric('mcp_error_rate', 'error-rate', true).gated, false);
  assert.equal(s.metric('tool:send_sms:error_rate', 'error-rate', false).gated, true);
});

test('a mistyped metric or knob is refused with its path and a suggestion', () => {
  assert.throws(() => regressionSettings({ mcp_call_duraton_p95: {} }), {
    name: 'RegressionSettingsError',
    message: 'regression.mcp_call_duraton_p95: unknown metric or setting (did you mean "mcp_call_duration_p95"?)',
  });
  assert.throws(
    () => regressionSettings({ throughput: { floorMs: 3 } }),
    /^RegressionSettingsError: regression\.throughput\.floorMs: not a setting of this metric/,
  );
  assert.throws(() => regressionSettings({ mcp_call_duration_p95: { minEffect: '10%' } }), {
    message: 'regression.mcp_call_duration_p95.minEffect: expected a number from 0 to 100, got "10%"',
  });
  assert.throws(() => regressionSettings({ gate: ['tool:send_sms:p99'] }), RegressionSettingsError);
  assert.throws(() => regressionSettings({ window: '2500ms' }), /whole seconds/);
});
