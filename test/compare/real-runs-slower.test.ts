// A 60 % slower server in real runs: caught at 12 s, never passed at 5 s. The tests one after the
// other: runner noise is what they measure.
import assert from 'node:assert/strict';
import { after, describe, it, type TestContext } from 'node:test';
import { compare } from '../../src/compare/index.ts';
import { run, serviceServers, verdict } from './real-runs.ts';

describe('comparisons of real runs against a scripted server with a set service time', { timeout: 120_000 }, () => {
  const server = serviceServers(after);

  /** Runs of `seconds` at 200 calls/s against a 300 ms service time, then a 480 ms one (60 % slower), compared. */
  async function slowedDown(t: TestContext, seconds: number) {
    const target = await server();
    const baseline = await run(target, seconds, 200, 300);
    const current = await run(target, seconds, 200, 480);
    const comparison = compare(current, baseline);
    const p95 = verdict(comparison, 'mcp_call_duration_p95');
    t.diagnostic(`${p95.verdict}: ${p95.note}`);
    return { comparison, p95 };
  }

  it('a 60 % slower server is a gated p95 regression in 12 s runs at 200 calls/s', async (t) => {
    const { comparison, p95 } = await slowedDown(t, 12);
    assert.equal(p95.verdict, 'regression', p95.note);
    assert.ok((p95.change as number) > 0.3, JSON.stringify(p95));
    assert.equal(comparison.regression, true);
  });

  it('in 5 s runs at 200 calls/s a 60 % slower server is flagged or inconclusive, never passed', async (t) => {
    const { comparison, p95 } = await slowedDown(t, 5);
    assert.ok(p95.verdict === 'regression' || p95.verdict === 'inconclusive', `${p95.verdict}: ${p95.note}`);
    assert.ok(comparison.regression || comparison.inconclusive);
  });
});
