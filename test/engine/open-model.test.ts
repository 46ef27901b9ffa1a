import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { MetricsRegistry } from '../../src/engine/metrics/index.ts';
import { runTest } from '../../src/engine/run.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import type { Scenario } from '../../src/scenario/types.ts';
import { startHttpFixture, type RunningServer } from '../helpers/servers.ts';

/** A 2025-line Streamable HTTP server that logs when each initialize arrives and answers it and each tools/call after known delays. */
interface TimedServer extends RunningServer {
  log: {
    /** Date.now() at the arrival of each initialize. */
    initializes: number[];
    /** Requests other than the handshake. */
    calls: number;
  };
}

async function startTimedServer(delays: { initializeMs: number; callMs: number }): Promise<TimedServer> {
  const log = { initializes: [] as number[], calls: 0 };
  const { initializes } = log;
  const json = (res: ServerResponse, body: unknown, headers: Record<string, string> = {}) =>
    res.writeHead(200, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  const server = await startHttpFixture((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      if (req.method === 'DELETE') return void res.writeHead(200).end();
      if (req.method !== 'POST') return void res.writeHead(405).end();
      const message = JSON.parse(body) as { id?: number; method?: string };
      if (message.id === undefined) return void res.writeHead(202).end();
      if (message.method === 'server/discover') return void res.writeHead(400).end();
      if (message.method === 'initialize') {
        initializes.push(Date.now());
        const result = { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo: { name: 'timed', version: '1' } };
        setTimeout(() => json(res, { jsonrpc: '2.0', id: message.id, result }, { 'mcp-session-id': `s${initializes.length}` }), delays.initializeMs);
        return;
      }
      log.calls++;
      setTimeout(() => json(res, { jsonrpc: '2.0', id: message.id, result: { content: [{ type: 'text', text: 'ok' }] } }), delays.callMs);
    });
  });
  return Object.assign(server, { log });
}

function openModel(url: string, options: { rate: number; preAllocatedVUs: number; maxVUs: number }): Scenario {
  return parseScenario(
    `
target: ${url}
transport: streamable-http
scenarios:
  open:
    executor: constant-arrival-rate
    rate: ${options.rate}
    timeUnit: 1s
    duration: 1s
    preAllocatedVUs: ${options.preAllocatedVUs}
    maxVUs: ${options.maxVUs}
    gracefulStop: 5s
    flow:
      - call: work
`,
    'open-model.yml',
    { env: {} },
  );
}

function callLatency(registry: MetricsRegistry): { count: number; min: number; mean: number; max: number } {
  return registry.trend('mcp_call_duration').view({ method: 'tools/call', expected_response: 'true' }, (sink) => sink.summary(1000));
}

describe('the open model: sessions opened ahead, and the wait for one charged to the first call', () => {
  describe('preallocated VUs', () => {
    let server: TimedServer;
    before(async () => {
      server = await startTimedServer({ initializeMs: 300, callMs: 0 });
    });
    after(() => server.stop());

    it('open every session before the measured window starts: no handshake reaches the server after it', async () => {
      const outcome = await runTest(openModel(server.url, { rate: 20, preAllocatedVUs: 4, maxVUs: 4 }), { url: server.url });
      assert.equal(server.log.initializes.length, 4, 'one handshake per preallocated VU, no more');
      const late = server.log.initializes.filter((at) => at >= outcome.startedAt);
      assert.deepEqual(
        late.map((at) => at - outcome.startedAt),
        [],
        'initialize arrivals after the run start (ms)',
      );
      assert.equal(server.log.calls, 20, 'the server saw every scheduled call');
      assert.equal(
        outcome.registry.counter('dropped_iterations').view({}, (s) => s.count),
        0,
      );
      assert.equal(
        outcome.registry.counter('sessions_created').view({}, (s) => s.count),
        4,
        'the setup handshakes are counted',
      );
      // The 300 ms handshakes are not in the calls' latency: the sessions were ready when the schedule
      // began (the margin is for a loaded machine, where a 0 ms call has been seen to take 58 ms).
      assert.ok(callLatency(outcome.registry).max < 300, `tools/call max ${callLatency(outcome.registry).max} ms`);
    });
  });

  describe('a VU allocated during the run', () => {
    const INITIALIZE_MS = 400;
    const CALL_MS = 300;
    let server: TimedServer;
    before(async () => {
      server = await startTimedServer({ initializeMs: INITIALIZE_MS, callMs: CALL_MS });
    });
    after(() => server.stop());

    it('charges its handshake to its first call: each mid-run initialize adds its 400 ms to one tools/call', async () => {
      // Due at 0, 250, 500 and 750 ms; each call holds its VU 300 ms, so the second (and maybe the fourth) needs a new VU and a handshake.
      const outcome = await runTest(openModel(server.url, { rate: 4, preAllocatedVUs: 1, maxVUs: 4 }), { url: server.url });
      const midRun = server.log.initializes.filter((at) => at >= outcome.startedAt).length;
      assert.ok(midRun >= 1, 'the load needed VUs beyond the preallocated one');
      const latency = callLatency(outcome.registry);
      assert.equal(latency.count, 4);
      assert.ok(latency.min >= CALL_MS - 2, `tools/call min ${latency.min} ms`);
      // Ground truth: the server held each call CALL_MS, and each handshake it saw mid-run INITIALIZE_MS before its VU's first call.
      const truthMs = latency.count * CALL_MS + midRun * INITIALIZE_MS;
      const sumMs = latency.mean * latency.count;
      assert.ok(sumMs >= truthMs - 4 * 2, `sum of tools/call latencies ${sumMs.toFixed(0)} ms, at least ${truthMs} ms (${midRun} handshakes mid-run)`);
      assert.ok(sumMs < truthMs + latency.count * 250, `sum of tools/call latencies ${sumMs.toFixed(0)} ms, about ${truthMs} ms`);
      assert.ok(latency.max >= CALL_MS + INITIALIZE_MS - 2, `tools/call max ${latency.max} ms`);
    });
  });
});

describe('dropped iterations', () => {
  let server: TimedServer;
  before(async () => {
    server = await startTimedServer({ initializeMs: 0, callMs: 200 });
  });
  after(() => server.stop());

  it('above 1 % of the scheduled ones fail the default health gate, counted as the server saw them', async () => {
    // 20 due in a second, one VU held 200 ms by each call: at most about 5 can start.
    const outcome = await runTest(openModel(server.url, { rate: 20, preAllocatedVUs: 1, maxVUs: 1 }), { url: server.url });
    const dropped = outcome.registry.counter('dropped_iterations').view({}, (s) => s.count);
    assert.equal(dropped, 20 - server.log.calls, 'dropped = scheduled - calls the server received');
    const share = outcome.registry.rate('dropped_iteration_share').view({}, (s) => s.summary());
    assert.equal(share.passes, dropped);
    assert.equal(share.passes + share.fails, 20, 'every scheduled iteration is a sample');
    const gate = outcome.thresholds.find((t) => t.metric === 'dropped_iteration_share');
    assert.ok(gate, `thresholds: ${outcome.thresholds.map((t) => t.metric).join(', ')}`);
    assert.equal(gate.ok, false);
  });
});
