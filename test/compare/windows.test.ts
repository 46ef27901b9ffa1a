import assert from 'node:assert/strict';
import { test } from 'node:test';
import { steadyWindows } from '../../src/compare/windows.ts';
import { mergeTrendStates, type TrendState } from '../../src/engine/metrics/index.ts';
import type { ScenarioSpecEcho } from '../../src/scenario/types.ts';
import { syntheticRun } from './synthetic.ts';

// The synthetic runs: 2 s warm-up inside a 3 s ramp-up (seconds 0–2), the plateau, a 2 s ramp-down.

test('windows cover the plateau only: warm-up, ramp-up and ramp-down seconds are left out', () => {
  const run = syntheticRun({ seed: 1, steadySeconds: 30, callsPerSecond: 200 });
  // 30 steady seconds: ten windows of 3 s rather than six of the 5 s asked for.
  const { windowMs, windows } = steadyWindows(run, 5_000);
  assert.equal(windowMs, 3_000);
  // Ramp seconds serve fewer calls; at the plateau every second serves 200.
  assert.deepEqual(
    windows.map((w) => w.throughput),
    Array(10).fill(200),
  );
});

test("a window's percentiles are those of its seconds' histograms merged exactly", () => {
  const run = syntheticRun({ seed: 2, steadySeconds: 30, callsPerSecond: 200 });
  const { windows } = steadyWindows(run, 3_000);
  // The plateau starts with the fourth second: the second window is seconds 6 to 8.
  const seconds = run.timeSeries.buckets.slice(6, 9).map((b) => b.latency.mcp_call_duration as TrendState);
  const merged = mergeTrendStates(seconds, 3_000).summary;
  assert.deepEqual([windows[1].p50, windows[1].p95], [merged.p50, merged.p95]);
});

test('a plateau too short for ten windows gets shorter ones, down to one second', () => {
  assert.deepEqual(steadyWindows(syntheticRun({ seed: 3, steadySeconds: 20, callsPerSecond: 50 }), 5_000).windowMs, 2_000);
  const short = steadyWindows(syntheticRun({ seed: 3, steadySeconds: 4, callsPerSecond: 50 }), 5_000);
  assert.deepEqual([short.windowMs, short.windows.length], [1_000, 4]);
});

test('under a constant arrival rate every measured second is steady', () => {
  const run = syntheticRun({ seed: 4, steadySeconds: 30, callsPerSecond: 100, executor: 'constant-arrival-rate' });
  // 3 + 30 + 2 planned seconds, the first 2 in warm-up: 33 seconds, eleven whole 3 s windows.
  assert.deepEqual([steadyWindows(run, 5_000).windowMs, steadyWindows(run, 5_000).windows.length], [3_000, 11]);
});

test('without a planned end (iteration executors), VUs at ≥ 90 % of their peak at both ends of a second decide', () => {
  const run = syntheticRun({ seed: 5, steadySeconds: 30, callsPerSecond: 200 });
  const spec = run.scenario.echo.scenarios[0];
  run.scenario.echo.scenarios[0] = { ...spec, executor: 'per-vu-iterations', vus: 10, iterations: 100, maxDurationMs: 600_000 } as ScenarioSpecEcho;
  // The first plateau second starts at 8 VUs (the end of the ramp): 29 steady seconds, fourteen 2 s windows.
  assert.equal(steadyWindows(run, 5_000).windows.length, 14);
});

test('seconds a few ms off the plan and the warm-up still count: a short run keeps all its measured seconds', () => {
  // Planned 10 s at a constant rate, the first 2 s in warm-up: 8 measured seconds.
  const run = syntheticRun({ seed: 6, steadySeconds: 5, callsPerSecond: 100, executor: 'constant-arrival-rate' });
  assert.equal(steadyWindows(run, 5_000).windows.length, 8);
  // As in a real run: the first tick 12 ms late, so every later second ends 12 ms after the plan's,
  // and measuring starts 3 ms into a second.
  run.timeSeries.buckets.forEach((bucket, i) => {
    if (i > 0) bucket.startMs += 12;
    bucket.endMs += 12;
  });
  run.metrics.startMs += 15;
  const { windowMs, windows } = steadyWindows(run, 5_000);
  assert.deepEqual([windowMs, windows.length], [1_000, 8]);
});
