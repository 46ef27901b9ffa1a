import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MetricsRegistry, snapshot } from '../../src/engine/metrics/index.ts';
import { proxyDeadlines } from '../../src/results/proxy-deadline.ts';

const TOOL = { scenario: 'agents', method: 'tools/call', tool: 'slow' };

/** A result's metrics and errors with the given gateway-failure and success durations (ms) of tool slow. */
function resultWith(gatewayMs: number[], successMs: number[]): Parameters<typeof proxyDeadlines>[0] {
  const registry = new MetricsRegistry({ nowMs: 0 });
  const duration = registry.trend('mcp_call_duration');
  const failed = duration.handle({ ...TOOL, error_class: 'gateway', expected_response: 'false' });
  const ok = duration.handle({ ...TOOL, expected_response: 'true' });
  for (const ms of gatewayMs) failed.record(ms * 1000);
  for (const ms of successMs) ok.record(ms * 1000);
  const metrics = snapshot(registry, 10_000);
  registry.dispose();
  const errors = [{ errorClass: 'gateway' as const, method: 'tools/call', tool: 'slow', status: 504, count: gatewayMs.length, samples: [] }];
  return { metrics, errors, durationMs: 10_000 };
}

describe('the proxy-deadline finding', () => {
  it('gateway failures at 2.00–2.02 s with successes up to 1.9 s: a deadline at ≈ 2 s on tool slow', () => {
    const [finding] = proxyDeadlines(resultWith([2000, 2001, 2003, 2010, 2020, 2002], [500, 1200, 1900]));
    assert.equal(finding?.id, 'proxy-deadline');
    assert.match(
      finding.statement,
      /^a proxy timed out at ≈ 2\.0\d s on tool slow: 6 calls answered HTTP 504 at 2\.0\d s while successful calls of slow took up to 1\.90 s/,
    );
  });

  it('gateway failures spread from 1 s to 4 s: no deadline', () => {
    assert.deepEqual(proxyDeadlines(resultWith([1000, 1500, 2000, 2500, 3000, 4000], [1900, 3900])), []);
  });

  it('successful calls all far shorter than the failures: no claim that the tool runs that long', () => {
    assert.deepEqual(proxyDeadlines(resultWith([2000, 2001, 2002, 2003, 2004], [100, 200])), []);
  });

  it('fewer than 5 gateway failures are too few to call a deadline', () => {
    assert.deepEqual(proxyDeadlines(resultWith([2000, 2001, 2002, 2003], [1900])), []);
  });
});
