import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventLoopMonitor } from '../../src/engine/event-loop.ts';
import { initMetrics, MetricsRegistry } from '../../src/engine/metrics/index.ts';

function block(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('EventLoopMonitor', () => {
  it("records each second's p99 in the event_loop_delay trend: the trend's max is the worst p99 the warning reads", async () => {
    await initMetrics();
    const registry = new MetricsRegistry();
    const monitor = new EventLoopMonitor(registry.trend('event_loop_delay').handle());
    try {
      // Sampler periods before and after a known stall of 120 ms, for the monitor to see it.
      const periods = () => new Promise<void>((resolve) => setTimeout(resolve, 30));
      await periods();
      block(120);
      await periods();
      monitor.sample();
      const trend = registry.trend('event_loop_delay').view({}, (sink) => sink.summary(1000));
      assert.equal(trend.count, 1);
      assert.ok(monitor.worstP99Ms >= 100, `worst p99 ${monitor.worstP99Ms} ms after a 120 ms stall`);
      assert.ok(Math.abs(trend.max - monitor.worstP99Ms) <= monitor.worstP99Ms * 0.01 + 0.01, `trend max ${trend.max} ms, warning ${monitor.worstP99Ms} ms`);
    } finally {
      monitor.stop();
    }
  });
});
