import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startDemoServer, type DemoServer } from '../../src/demo/index.ts';
import { runTest } from '../../src/engine/run.ts';
import { parseScenario } from '../../src/scenario/index.ts';

/** examples/seed.yml itself, its minutes turned into seconds: the same shape, shortened. */
function shortenedSeed(): string {
  return readFileSync('examples/seed.yml', 'utf8')
    .replace('{ duration: 30s, target: 100 } # ramp up', '{ duration: 1s, target: 10 }')
    .replace('{ duration: 30s, target: 100 } # hold', '{ duration: 1s, target: 10 }')
    .replace('{ duration: 10s, target: 0 } # ramp down', '{ duration: 500ms, target: 0 }')
    .replace('gracefulStop: 5s', 'gracefulStop: 1s')
    .replace('think: 5s..10s', 'think: 100ms..200ms');
}

describe('the seed scenario against the embedded demo server', () => {
  let demo: DemoServer;
  before(async () => {
    demo = await startDemoServer({ failureRate: 0 });
  });
  after(() => demo.close());

  it('shortened to a few seconds, it runs both tools in each iteration with every check passing', async () => {
    const text = shortenedSeed();
    assert.ok(!/30s|10s|5s\.\./.test(text), 'every long duration was shortened');
    const scenario = parseScenario(text, 'examples/seed.yml', { env: {} });
    assert.equal(scenario.target, undefined, 'the seed has no target: the demo server');
    const outcome = await runTest(scenario, { url: demo.url });
    const { registry } = outcome;
    try {
      const count = (metric: string, tags: Record<string, string>): number => registry.counter(metric).view(tags, (s) => s.count);
      const iterations = registry.counter('iterations').total.count;
      // Each of the 10 VUs lives at least the 1 s hold and starts its first iteration at once.
      assert.ok(iterations >= 10, `every VU iterated (${iterations} iterations)`);
      assert.equal(outcome.vusMax, 10);
      assert.equal(outcome.interrupted, undefined);
      // Each iteration: send_sms then lookup_number, then think.
      assert.equal(count('mcp_calls', { tool: 'send_sms' }), iterations);
      assert.equal(count('mcp_calls', { tool: 'lookup_number' }), iterations);
      const checks = registry.rate('checks').total;
      assert.deepEqual([checks.passes, checks.fails], [2 * iterations, 0]);
      assert.equal(registry.rate('mcp_errors').total.passes, 0);
    } finally {
      registry.dispose();
    }
  });
});
