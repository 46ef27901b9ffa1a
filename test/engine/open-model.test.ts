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
    /** Date.now() at the arrival of each tools/call. */
    arrivals: number[];
    /** Date.now() when each tools/call was answered. */
    answers: number[];
  };
}

async function startTimedServer(delays: { initializeMs: number; callMs: number }): Promise<TimedServer> {
  const log = { initializes: [] as number[], calls: 0, arrivals: [] as number[], answers: [] as number[] };
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
      log.arrivals.push(Date.now());
      setTimeout(() => {
        log.answers.push(Date.now());
        json(res, { jsonrpc: '2.0', id: message.id, result: { content: [{ type: 'text', text: 'ok' }] } });
      }, delays.callMs);
    });
  });
  return Object.assign(server, { log });
}

function openModel(url: string, options: { rate: number; preAllocatedVUs: number; maxVUs: number; durationS?: number }): Scenario {
  return parseScenario(
    `
target: ${url}
transport: streamable-http
scenarios:
  open:
    executor: constant-arrival-rate
    rate: ${options.rate}
    timeUnit: 1s
    duration: ${options.durationS ?? 1}s
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

  /**
   * Ground truth for each call: the schedule says when it was due (4/s from the first call's arrival at the server),
   * the server's log when it was answered. The sum of the truths is the sum of the answers less
   * the sum of the due times; the client sees each answer a little after the server sent it.
   */
  function truthSumMs(server: TimedServer): number {
    // The schedule's origin as the server saw it: the first call, due at 0, is sent at once (a
    // preallocated VU is ready). The run's own start time is the engine's figure, taken a few ms
    // before the first dispatch on a loaded machine, which would overstate every due time's wait.
    const origin = server.log.arrivals[0];
    const due = server.log.answers.map((_, k) => origin + k * 250);
    return server.log.answers.reduce((a, b) => a + b, 0) - due.reduce((a, b) => a + b, 0);
  }

  describe('a call due while every VU is busy', () => {
    const INITIALIZE_MS = 400;
    const CALL_MS = 300;
    let server: TimedServer;
    before(async () => {
      server = await startTimedServer({ initializeMs: INITIALIZE_MS, callMs: CALL_MS });
    });
    after(() => server.stop());

    it('takes the VU that frees up first, a warm one before a new session is ready, and the wait counts in its latency', async () => {
      // Due at 0, 250, 500 and 750 ms; each call holds its VU 300 ms. The call due at 250 has no free
      // VU: a new one starts its 400 ms handshake, but the first VU is free at 300 and takes the call
      // (50 ms late); the call due at 500 waits for it again (100 ms). Not 400 ms for a handshake each.
      const outcome = await runTest(openModel(server.url, { rate: 4, preAllocatedVUs: 1, maxVUs: 4 }), { url: server.url });
      const midRun = server.log.initializes.filter((at) => at >= outcome.startedAt).length;
      assert.ok(midRun >= 1, 'the load needed VUs beyond the preallocated one');
      const latency = callLatency(outcome.registry);
      assert.equal(latency.count, 4);
      assert.equal(server.log.answers.length, 4);
      const truthMs = truthSumMs(server);
      const sumMs = latency.mean * latency.count;
      assert.ok(sumMs >= truthMs - 4 * 5, `sum of tools/call latencies ${sumMs.toFixed(0)} ms, at least the server's ${truthMs} ms`);
      assert.ok(sumMs < truthMs + 4 * 100, `sum of tools/call latencies ${sumMs.toFixed(0)} ms, about the server's ${truthMs} ms`);
      assert.ok(latency.max >= CALL_MS + 100 - 2, `tools/call max ${latency.max} ms: the call due at 500 ms waited 100 ms`);
      // A call that waited for a new session would have taken CALL_MS + INITIALIZE_MS (the margin is for a loaded machine).
      assert.ok(latency.max < CALL_MS + INITIALIZE_MS - 50, `tools/call max ${latency.max} ms`);
    });
  });

  describe('a call due while every VU is busy for longer than a handshake', () => {
    const INITIALIZE_MS = 200;
    const CALL_MS = 600;
    let server: TimedServer;
    before(async () => {
      server = await startTimedServer({ initializeMs: INITIALIZE_MS, callMs: CALL_MS });
    });
    after(() => server.stop());

    it('takes the new VU once its session is ready, and its handshake counts in the latency', async () => {
      // Due at 0, 250, 500 and 750 ms. The call due at 250 finds the first VU busy until 600 and waits
      // for a new VU's 200 ms handshake; the one due at 500 gets another new VU opening, but the first
      // VU frees up before it (100 ms late); the one due at 750 takes the spare new VU at once.
      const outcome = await runTest(openModel(server.url, { rate: 4, preAllocatedVUs: 1, maxVUs: 4 }), { url: server.url });
      const midRun = server.log.initializes.filter((at) => at >= outcome.startedAt).length;
      assert.equal(midRun, 2, 'handshakes after the window started');
      const latency = callLatency(outcome.registry);
      assert.equal(latency.count, 4);
      const truthMs = truthSumMs(server);
      const sumMs = latency.mean * latency.count;
      assert.ok(sumMs >= truthMs - 4 * 5, `sum of tools/call latencies ${sumMs.toFixed(0)} ms, at least the server's ${truthMs} ms`);
      assert.ok(sumMs < truthMs + 4 * 100, `sum of tools/call latencies ${sumMs.toFixed(0)} ms, about the server's ${truthMs} ms`);
      assert.ok(latency.max >= CALL_MS + INITIALIZE_MS - 2, `tools/call max ${latency.max} ms: a handshake before the call`);
    });
  });
});

describe('a slow server that holds every VU, from one preallocated', () => {
  const INITIALIZE_MS = 300;
  const CALL_MS = 300;
  let server: TimedServer;
  before(async () => {
    server = await startTimedServer({ initializeMs: INITIALIZE_MS, callMs: CALL_MS });
  });
  after(() => server.stop());

  it('opens a VU for each waiting iteration: none dropped, and none waits longer than one handshake', async () => {
    // 100/s for 2 s, each call held 300 ms: about 30 VUs busy at once. New VUs opened a few at a
    // time (an eighth of the pool per 300 ms handshake) left iterations waiting seconds, and dropped
    // them once maxVUs were taken by the running and the waiting.
    const outcome = await runTest(openModel(server.url, { rate: 100, preAllocatedVUs: 1, maxVUs: 100, durationS: 2 }), { url: server.url });
    const dropped = outcome.registry.counter('dropped_iterations').view({}, (s) => s.count);
    assert.equal(dropped, 0, 'dropped iterations');
    assert.equal(server.log.calls, 200, 'calls the server answered: every scheduled iteration');
    const latency = callLatency(outcome.registry);
    assert.equal(latency.count, 200);
    // At most one handshake's wait before a call (the margin is for a loaded machine).
    assert.ok(latency.max < INITIALIZE_MS + CALL_MS + 250, `tools/call max ${latency.max} ms`);
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
