// Comparisons of real runs against a server on loopback whose service time the test sets: no false
// alarm from protocol bookkeeping (the per-target server/discover probe, sessions started on demand
// under an arrival rate), and a 60 % slower server caught at 12 s, never passed at 5 s.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, describe, it } from 'node:test';
import { compare, type Comparison } from '../../src/compare/index.ts';
import { runTest } from '../../src/engine/run.ts';
import type { JsonRpcRequest } from '../../src/mcp/index.ts';
import { buildResult, totalCount, type Result } from '../../src/results/index.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import type { RunningServer } from '../helpers/servers.ts';
import { startScriptedServer, textResult } from '../mcp/scripted-server.ts';

/**
 * A scripted server answering a tool call after `serviceMs` (tests change it between runs), anything
 * else at once, and counting the probes and tool calls it received: its own ground truth. Each test
 * has its own.
 */
interface ServiceServer {
  server: RunningServer;
  serviceMs: number;
  served: { probes: number; calls: number };
}

async function startServiceServer(): Promise<ServiceServer> {
  const state = { serviceMs: 300, served: { probes: 0, calls: 0 } };
  const answer = (request: JsonRpcRequest, res: ServerResponse): void => {
    if (request.method !== 'tools/call') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: {} }));
    }
    state.served.calls++;
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(textResult(request.id, 'ok'));
    }, state.serviceMs);
  };
  // The scripted server answers the probe itself (a 2025-line 400); its log counts what arrived.
  const server = await startScriptedServer(answer, (message) => {
    if (message.method === 'server/discover') state.served.probes++;
  });
  return Object.assign(state, { server });
}

/**
 * An open-model scenario: `rate` calls/s for `seconds`. With one pre-allocated VU, sessions open on
 * demand, so how many there are (and how many share the one probe) depends on the pace of the run.
 * The latency runs start 100 VUs and leave their first second (sessions opening) to a warm-up.
 * Their service time is 300 ms (480 ms when 60 % slower): on a busy 2-core runner a second's p95
 * carries scheduling stalls of tens of ms, which would drown a 60 % change of a 30 ms service time.
 */
function scenario(seconds: number, rate: number, latency: boolean) {
  return parseScenario(
    `
warmup: ${latency ? '1s' : '0s'}
scenarios:
  agents:
    executor: constant-arrival-rate
    rate: ${rate}
    duration: ${seconds}s
    preAllocatedVUs: ${latency ? 100 : 1}
    maxVUs: 150
    gracefulStop: 2s
    session: per-vu
    flow:
      - call: echo
        args: { message: "hi" }
`,
    `real-runs-${seconds}s.yml`,
    { env: {} },
  );
}

async function run(target: ServiceServer, seconds: number, rate: number, ms: number, latency = true): Promise<Result> {
  target.serviceMs = ms;
  const test = scenario(seconds, rate, latency);
  const outcome = await runTest(test, { url: target.server.url });
  try {
    return buildResult(test, target.server.url, outcome);
  } finally {
    outcome.timeSeries.dispose();
    outcome.registry.dispose();
  }
}

function verdict(comparison: Comparison, metric: string) {
  const found = comparison.verdicts.find((v) => v.metric === metric && v.tool === undefined);
  assert.ok(found, `no verdict for ${metric}`);
  return found;
}

// The three tests one after the other (runner noise is what they measure), each against its own server.
describe('comparisons of real runs against a scripted server with a set service time', { timeout: 120_000 }, () => {
  const servers: ServiceServer[] = [];
  const server = async (): Promise<ServiceServer> => {
    const started = await startServiceServer();
    servers.push(started);
    return started;
  };
  after(() => Promise.all(servers.map((s) => s.server.stop())));

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

  it('a 60 % slower server is a gated p95 regression in 12 s runs at 200 calls/s', async (t) => {
    const target = await server();
    const baseline = await run(target, 12, 200, 300);
    const current = await run(target, 12, 200, 480);
    const comparison = compare(current, baseline);
    const p95 = verdict(comparison, 'mcp_call_duration_p95');
    t.diagnostic(`${p95.verdict}: ${p95.note}`);
    assert.equal(p95.verdict, 'regression', p95.note);
    assert.ok((p95.change as number) > 0.3, JSON.stringify(p95));
    assert.equal(comparison.regression, true);
  });

  it('in 5 s runs at 200 calls/s a 60 % slower server is flagged or inconclusive, never passed', async (t) => {
    const target = await server();
    const baseline = await run(target, 5, 200, 300);
    const current = await run(target, 5, 200, 480);
    const comparison = compare(current, baseline);
    const p95 = verdict(comparison, 'mcp_call_duration_p95');
    t.diagnostic(`${p95.verdict}: ${p95.note}`);
    assert.ok(p95.verdict === 'regression' || p95.verdict === 'inconclusive', `${p95.verdict}: ${p95.note}`);
    assert.ok(comparison.regression || comparison.inconclusive);
  });
});
