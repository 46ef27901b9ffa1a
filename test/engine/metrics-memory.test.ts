import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SERIES_SIGNIFICANT_DIGITS, SIGNIFICANT_DIGITS } from '../../src/engine/metrics/histogram.ts';
import { MetricsRegistry } from '../../src/engine/metrics/index.ts';
import { TrendSink } from '../../src/engine/metrics/trend.ts';

describe('memory per series', () => {
  it('a trend sink has no histogram until its first sample, and an empty one encodes like any empty histogram', () => {
    const empty = new TrendSink(SERIES_SIGNIFICANT_DIGITS);
    const state = empty.state(1000);
    assert.equal(state.summary.count, 0);
    const decoded = TrendSink.fromState(state);
    assert.equal(decoded.count, 0);
    assert.equal(decoded.digits, SERIES_SIGNIFICANT_DIGITS);
    decoded.dispose();
    empty.dispose();
  });

  it('tagged series keep 2 significant digits (1 %), the total 3; a merge into an empty sink takes the precision it merges', () => {
    const registry = new MetricsRegistry({ nowMs: 0 });
    // A custom trend: its total is every sample (mcp_call_duration's stands for expected responses).
    const trend = registry.trend('tool_latency');
    const handle = trend.handle({ tool: 'echo' });
    for (let ms = 1; ms <= 100; ms++) handle.record(ms * 1000);
    const [series] = [...trend.series()];
    assert.equal(series.sink.digits, 2);
    assert.equal(trend.total.digits, 3);
    // True p95 is 95 ms: within 0.1 % for the total, within 1 % for the series.
    assert.ok(Math.abs(trend.total.percentileUs(95) - 95_000) <= 95, String(trend.total.percentileUs(95)));
    assert.ok(Math.abs(series.sink.percentileUs(95) - 95_000) <= 950, String(series.sink.percentileUs(95)));
    const merged = new TrendSink();
    merged.mergeFrom(series.sink);
    assert.equal(merged.digits, SERIES_SIGNIFICANT_DIGITS);
    assert.equal(merged.percentileUs(95), series.sink.percentileUs(95));
    assert.equal(TrendSink.fromState(series.sink.state(1000)).percentileUs(95), series.sink.percentileUs(95), 'encoding keeps the precision exactly');
    assert.notEqual(SIGNIFICANT_DIGITS, SERIES_SIGNIFICANT_DIGITS);
    merged.dispose();
    registry.dispose();
  });

  it('beyond the maximum of series, new tag sets fold their tool into "(other)": totals stay exact and the folding is reported', () => {
    const registry = new MetricsRegistry({ nowMs: 0, maxSeriesPerMetric: 3 });
    const calls = registry.counter('mcp_calls');
    for (let i = 0; i < 5; i++) calls.handle({ method: 'tools/call', tool: `tool_${i}` }).add(i + 1);
    const series = [...calls.series()].map((s) => [s.tags.tool, s.sink.count]);
    assert.deepEqual(series, [
      ['tool_0', 1],
      ['tool_1', 2],
      ['tool_2', 3],
      ['(other)', 4 + 5],
    ]);
    assert.equal(calls.total.count, 15);
    assert.deepEqual(registry.folded(), [{ metric: 'mcp_calls', tagSets: 2 }]);
    // A tag set seen before the cap keeps its series.
    calls.handle({ method: 'tools/call', tool: 'tool_1' }).add(1);
    assert.equal([...calls.series()].find((s) => s.tags.tool === 'tool_1')?.sink.count, 3);
    registry.dispose();
  });
});
