// Real runs against a server on loopback whose service time the test sets, for the comparisons of
// real-runs-*.test.ts (two files, so that the waiting lane of `npm test` runs them side by side).
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import type { Comparison } from '../../src/compare/index.ts';
import { runTest } from '../../src/engine/run.ts';
import type { JsonRpcRequest } from '../../src/mcp/index.ts';
import { buildResult, type Result } from '../../src/results/index.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import type { RunningServer } from '../helpers/servers.ts';
import { startScriptedServer, textResult } from '../mcp/scripted-server.ts';

/**
 * A scripted server answering a tool call after `serviceMs` (tests change it between runs), anything
 * else at once, and counting the probes and tool calls it received: its own ground truth. Each test
 * has its own.
 */
export interface ServiceServer {
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

export async function run(target: ServiceServer, seconds: number, rate: number, ms: number, latency = true): Promise<Result> {
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

export function verdict(comparison: Comparison, metric: string) {
  const found = comparison.verdicts.find((v) => v.metric === metric && v.tool === undefined);
  assert.ok(found, `no verdict for ${metric}`);
  return found;
}

/** A new service server per test, each stopped after the file's tests. */
export function serviceServers(after: (fn: () => Promise<unknown>) => void): () => Promise<ServiceServer> {
  const servers: ServiceServer[] = [];
  after(() => Promise.all(servers.map((s) => s.server.stop())));
  return async () => {
    const started = await startServiceServer();
    servers.push(started);
    return started;
  };
}
