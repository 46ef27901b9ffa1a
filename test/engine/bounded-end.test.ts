// A run always ends within duration + gracefulStop + timeout (+ a small grace), whatever the
// server does: scripted hostile servers, each checked for the bound and for what the result says.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, describe, it } from 'node:test';
import { INTERRUPT_GRACE_MS } from '../../src/engine/executors/executor.ts';
import type { MetricsRegistry } from '../../src/engine/metrics/index.ts';
import { runTest } from '../../src/engine/run.ts';
import { StopSignal } from '../../src/engine/stop-signal.ts';
import type { JsonRpcRequest } from '../../src/mcp/index.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { startHttpFixture, type RunningServer } from '../helpers/servers.ts';
import { startScriptedServer, textResult } from '../mcp/scripted-server.ts';

/** Teardown, timers and a loaded 2-core machine. */
const SLACK_MS = 1500;

function count(registry: MetricsRegistry, metric: string, filter: Record<string, string> = {}): number {
  return registry.counter(metric).view(filter, (sink) => sink.count);
}

function run(yaml: string, url: string, options: { stop?: StopSignal; abort?: StopSignal } = {}) {
  const started = performance.now();
  return runTest(parseScenario(yaml, 'bounded.yml', { env: {} }), { url, ...options }).then((outcome) => ({
    outcome,
    elapsedMs: performance.now() - started,
  }));
}

describe('a run ends within its bound whatever the server does', () => {
  const servers: RunningServer[] = [];
  after(() => Promise.all(servers.map((s) => s.stop())));

  it('legacy stream with headers and no endpoint event (transport sse): a 1 s scenario ends within duration + gracefulStop + timeout, handshakes end as timeouts', async () => {
    const streams: ServerResponse[] = [];
    const server = await startHttpFixture((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.flushHeaders();
      streams.push(res);
    });
    servers.push(server);
    const { outcome, elapsedMs } = await run(
      `
transport: sse
timeout: 700ms
scenarios:
  hang:
    executor: constant-vus
    vus: 2
    duration: 1s
    gracefulStop: 500ms
    flow:
      - call: echo
`,
      server.url,
    );
    assert.ok(elapsedMs < 1000 + 500 + 700 + SLACK_MS, `ran ${elapsedMs} ms`);
    const timeouts = outcome.errors.filter((e) => e.reason === 'timeout' && e.samples.some((m) => m.includes('no endpoint event')));
    assert.ok(timeouts.length > 0, JSON.stringify(outcome.errors));
    assert.ok(streams.length >= 2, `the server saw ${streams.length} GET streams`);
  });

  it('a call the server never answers, with a 60 s timeout: gracefulStop interrupts it, the call is counted as interrupted, not as an error', async () => {
    let calls = 0;
    const server = await startScriptedServer(() => {
      calls++; // and never answer
    });
    servers.push(server);
    const { outcome, elapsedMs } = await run(
      `
timeout: 60s
scenarios:
  silent:
    executor: constant-vus
    vus: 2
    duration: 500ms
    gracefulStop: 300ms
    flow:
      - call: echo
`,
      server.url,
    );
    assert.ok(elapsedMs < 500 + 300 + SLACK_MS, `ran ${elapsedMs} ms`);
    assert.equal(calls, 2);
    assert.equal(count(outcome.registry, 'interrupted_iterations'), 2);
    assert.equal(count(outcome.registry, 'mcp_calls_interrupted', { tool: 'echo' }), 2);
    assert.equal(count(outcome.registry, 'mcp_calls', { tool: 'echo' }), 0, 'a cut call is neither a success nor an error');
    assert.equal(count(outcome.registry, 'iterations'), 0);
  });

  it('a second signal stops at once: gracefulStop (30 s) is not waited for, and the cut calls are interrupted', async () => {
    let calls = 0;
    let answered!: () => void;
    const allCalled = new Promise<void>((resolve) => (answered = resolve));
    const server = await startScriptedServer(() => {
      if (++calls === 3) answered();
    });
    servers.push(server);
    const stop = new StopSignal();
    const abort = new StopSignal();
    const pending = run(
      `
timeout: 60s
scenarios:
  silent:
    executor: constant-vus
    vus: 3
    duration: 60s
    gracefulStop: 30s
    flow:
      - call: echo
`,
      server.url,
      { stop, abort },
    );
    await allCalled;
    const signalled = performance.now();
    stop.fire();
    abort.fire();
    const { outcome } = await pending;
    assert.ok(performance.now() - signalled < SLACK_MS, `ended ${performance.now() - signalled} ms after the second signal`);
    assert.equal(outcome.interrupted, 'signal');
    assert.equal(count(outcome.registry, 'mcp_calls_interrupted', { tool: 'echo' }), 3);
    assert.equal(count(outcome.registry, 'interrupted_iterations'), 3);
  });

  it('an SSE reply held open after its response: the call is recorded at the response, the stream closed after the reply grace and counted', async () => {
    const held = new Set<ServerResponse>();
    let closedByClient = 0;
    const server = await startScriptedServer((request: JsonRpcRequest, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`event: message\ndata: ${textResult(request.id, 'answered')}\n\n`);
      held.add(res);
      res.on('close', () => closedByClient++);
    });
    servers.push(server);
    const { outcome, elapsedMs } = await run(
      `
timeout: 30s
scenarios:
  held:
    executor: per-vu-iterations
    vus: 2
    iterations: 3
    maxDuration: 20s
    flow:
      - call: echo
`,
      server.url,
    );
    const { registry } = outcome;
    assert.equal(count(registry, 'mcp_calls', { tool: 'echo', method: 'tools/call' }), 6);
    assert.equal(count(registry, 'mcp_calls', { tool: 'echo', error_class: 'transport' }), 0);
    assert.equal(count(registry, 'reply_streams_held_open', { tool: 'echo' }), 6);
    assert.equal(held.size, 6);
    assert.equal(closedByClient, 6, 'mcp-load closed every held stream');
    // Three iterations of one call each, plus the reply grace (250 ms) after each answer.
    assert.ok(elapsedMs < 3 * 250 + SLACK_MS, `ran ${elapsedMs} ms`);
    const maxUs = registry.trend('mcp_call_duration').view({ tool: 'echo' }, (sink) => sink.maxUs);
    assert.ok(maxUs < 200_000, `mcp_call_duration max ${maxUs} µs: recorded at the response, not at the stream's end (+250 ms)`);
    const failed = registry.rate('http_req_failed').view({ tool: 'echo' }, (sink) => sink.summary());
    assert.equal(failed.passes, 0, 'a held stream is the server being slow to close, not a failed request');
  });

  it('legacy: POSTs accepted but never answered on the stream, with a 120 s timeout: the interrupt cuts them and the run ends', async () => {
    const server = await startHttpFixture((req, res) => {
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('event: endpoint\ndata: /messages\n\n');
        return;
      }
      req.resume(); // POSTs: never answered
    });
    servers.push(server);
    const { outcome, elapsedMs } = await run(
      `
transport: sse
timeout: 120s
scenarios:
  swallowed:
    executor: constant-vus
    vus: 2
    duration: 300ms
    gracefulStop: 200ms
    flow:
      - call: echo
`,
      server.url,
    );
    assert.ok(elapsedMs < 300 + 200 + INTERRUPT_GRACE_MS + SLACK_MS, `ran ${elapsedMs} ms`);
    assert.equal(count(outcome.registry, 'interrupted_iterations'), 2);
  });
});
