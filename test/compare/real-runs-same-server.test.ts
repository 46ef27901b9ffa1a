// Ten comparisons of real runs of one server against each other: no false alarm from protocol
// bookkeeping (the per-target server/discover probe, sessions started on demand under an arrival
// rate). The runs one after the other: runner noise is what they measure.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { compare } from '../../src/compare/index.ts';
import { totalCount, type Result } from '../../src/results/index.ts';
import { run, serviceServers, verdict } from './real-runs.ts';

describe('comparisons of real runs against a scripted server with a set service time', { timeout: 120_000 }, () => {
  const server = serviceServers(after);

  it('ten same-server comparisons of 2 s arrival-rate runs with a probe raise no alarm', async (t) => {
    const target = await server();
    const runs: Result[] = [];
    for (let i = 0; i < 11; i++) runs.push(await run(target, 2, 100, 10, false));
    // Ground truth from the server: one probe per run (per target), every scheduled call answered.
    assert.equal(target.served.probes, 11);
    // Every call the server received is counted, but for those the run cut at its graceful stop
    // (mcp_calls_interrupted: sent, never answered in time, by design not counted as calls); a
    // loaded machine may drop a few scheduled ones.
    const counted = runs.reduce((n, r) => n + (r.byMethod.find((m) => m.method === 'tools/call')?.calls ?? 0), 0);
    const interrupted = runs.reduce((n, r) => n + totalCount(r.metrics, 'mcp_calls_interrupted'), 0);
    assert.ok(
      target.served.calls >= counted && target.served.calls <= counted + interrupted,
      `the server received ${target.served.calls} calls; ${counted} counted, ${interrupted} cut at the graceful stop`,
    );
    assert.ok(counted >= 11 * 190, `${counted} of ${11 * 200} scheduled calls`);
    const sessions = new Set(runs.map((r) => r.sessions.created));
    t.diagnostic(`HTTP requests per session of setup: ${runs.map((r) => r.httpPerCall.byPhase.setup?.toFixed(3)).join(', ')}`);
    for (let i = 1; i < runs.length; i++) {
      const comparison = compare(runs[i], runs[i - 1]);
      const alarms = comparison.verdicts.filter((v) => v.gated && v.verdict === 'regression');
      assert.deepEqual(alarms, [], `run ${i} against run ${i - 1} (sessions per run: ${[...sessions].join(', ')})`);
      assert.equal(comparison.regression, false);
      assert.equal(verdict(comparison, 'http_per_call_calls').verdict, 'unchanged');
      // Once the probe is its own phase, setup is whole handshakes: the same in every run.
      if ('discovery' in runs[i].httpPerCall.byPhase) assert.equal(verdict(comparison, 'http_per_call_setup').verdict, 'unchanged');
    }
  });
});
