// IterationRunner against a scripted server on 127.0.0.1: what one iteration sends (the server's
// log is the ground truth), and what it records.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ErrorSamples } from '../../src/engine/error-samples.ts';
import { IterationRunner } from '../../src/engine/iteration.ts';
import { StopSignal } from '../../src/engine/stop-signal.ts';
import { MetricsRegistry } from '../../src/engine/metrics/index.ts';
import { VirtualUser } from '../../src/engine/virtual-user.ts';
import { McpTarget, type JsonRpcRequest } from '../../src/mcp/index.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import type { ScenarioSpec } from '../../src/scenario/types.ts';
import { freePort, type RunningServer } from '../helpers/servers.ts';
import { startScriptedServer, textResult } from '../mcp/scripted-server.ts';

function spec(session: 'per-vu' | 'per-iteration', flow: string): ScenarioSpec {
  const yaml = `scenarios:\n  agents:\n    executor: per-vu-iterations\n    vus: 1\n    iterations: 1\n    session: ${session}\n    flow:\n${flow}`;
  return parseScenario(yaml, 'iteration.yml', { env: {} }).scenarios[0];
}

const FLOW = `      - call: echo
        args: { message: "vu{{vu}} iter{{iter}}" }
        check: { contains: "vu" }
      - call: broken
        check: { notError: true }
      - ping: {}
`;

describe('IterationRunner', () => {
  let server: RunningServer;
  /** Each JSON-RPC request the server received: method, and tool name and message for tools/call. */
  let received: string[];
  /** Called when the server receives tools/call `slow`, which it never answers. */
  let onSlow: () => void = () => {};
  let target: McpTarget;
  let registry: MetricsRegistry;

  before(async () => {
    server = await startScriptedServer(
      (request, res) => {
        res.setHeader('content-type', 'application/json');
        if (request.method === 'ping') return void res.end(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: {} }));
        const params = request.params as { name: string; arguments?: { message?: string } };
        if (params.name === 'slow') return onSlow();
        if (params.name === 'broken') {
          return void res.end(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: { isError: true, content: [{ type: 'text', text: 'broken' }] } }));
        }
        res.end(textResult(request.id, params.arguments?.message ?? ''));
      },
      (message: Partial<JsonRpcRequest>) => {
        if (message.id === undefined) return;
        const params = message.params as { name?: string; arguments?: { message?: string } } | undefined;
        received.push(
          message.method === 'tools/call'
            ? `tools/call ${params?.name}${params?.arguments?.message ? ` ${params.arguments.message}` : ''}`
            : String(message.method),
        );
      },
    );
  });
  after(() => server.stop());
  beforeEach(() => {
    received = [];
    registry = new MetricsRegistry();
  });

  async function withTarget(url: string, body: (target: McpTarget) => Promise<void>): Promise<void> {
    target = new McpTarget({ url, timeoutMs: 5_000 });
    try {
      await body(target);
    } finally {
      await target.close();
      registry.dispose();
    }
  }

  const count = (metric: string, tags: Record<string, string> = {}) => registry.counter(metric).view(tags, (s) => s.count);
  const rate = (metric: string, tags: Record<string, string> = {}) => registry.rate(metric).view(tags, (s) => s.summary());

  it('per-vu: the first iteration opens the VU’s session, later ones reuse it; every step is one request, rendered for the VU and iteration, with its checks', async () => {
    await withTarget(server.url, async (t) => {
      const runner = new IterationRunner(spec('per-vu', FLOW), t, () => ({}), registry, new ErrorSamples());
      const vu = new VirtualUser(3);
      await runner.run(vu);
      await runner.run(vu);
      // The 2026 discovery probe is once per target (this 2025 server refuses it), then the handshake.
      assert.deepEqual(received, [
        'server/discover',
        'initialize',
        'tools/call echo vu3 iter0',
        'tools/call broken',
        'ping',
        'tools/call echo vu3 iter1',
        'tools/call broken',
        'ping',
      ]);
      assert.equal(vu.iterations, 2);
      assert.equal(count('iterations'), 2);
      assert.deepEqual([count('sessions_created'), count('mcp_calls', { method: 'initialize' })], [1, 0]);
      assert.deepEqual(
        [count('mcp_calls', { tool: 'echo' }), count('mcp_calls', { tool: 'broken', error_class: 'tool' }), count('mcp_calls', { method: 'ping' })],
        [2, 2, 2],
      );
      assert.deepEqual(rate('checks', { step: 'echo' }), { passes: 2, fails: 0, rate: 1 });
      assert.deepEqual(rate('checks', { step: 'broken' }), { passes: 0, fails: 2, rate: 0 });
      assert.equal(runner.openSessions.size, 1);
      await runner.closeSessions(new StopSignal());
      assert.deepEqual([runner.openSessions.size, count('sessions_closed'), count('http_reqs', { http_method: 'DELETE' })], [0, 1, 1]);
    });
  });

  it('per-iteration: each iteration opens its own session and ends it (DELETE) before the next', async () => {
    await withTarget(server.url, async (t) => {
      const runner = new IterationRunner(spec('per-iteration', FLOW), t, () => ({}), registry, new ErrorSamples());
      const vu = new VirtualUser(1);
      await runner.run(vu);
      await runner.run(vu);
      assert.deepEqual(received, [
        'server/discover',
        'initialize',
        'tools/call echo vu1 iter0',
        'tools/call broken',
        'ping',
        'initialize',
        'tools/call echo vu1 iter1',
        'tools/call broken',
        'ping',
      ]);
      assert.deepEqual([count('sessions_created'), count('sessions_closed'), count('http_reqs', { http_method: 'DELETE' })], [2, 2, 2]);
      assert.equal(vu.session, null);
      assert.equal(runner.openSessions.size, 0);
    });
  });

  it('an open-model iteration that started late charges the wait to its first call and to the iteration', async () => {
    await withTarget(server.url, async (t) => {
      const runner = new IterationRunner(
        spec('per-vu', '      - call: echo\n        args: { message: hi }\n      - ping: {}\n'),
        t,
        () => ({}),
        registry,
        new ErrorSamples(),
      );
      const vu = new VirtualUser(1);
      await runner.run(vu); // opens the session: the next iteration's first call is a call only
      const lateMs = 2_000;
      await runner.run(vu, performance.now() - lateMs);
      const echo = registry.trend('mcp_call_duration').view({ tool: 'echo' }, (s) => s.maxUs / 1000);
      const ping = registry.trend('mcp_call_duration').view({ method: 'ping' }, (s) => s.maxUs / 1000);
      const iteration = registry.trend('iteration_duration').view({}, (s) => s.maxUs / 1000);
      assert.ok(echo >= lateMs, `echo ${echo} ms includes the ${lateMs} ms wait`);
      assert.ok(ping < lateMs, `ping ${ping} ms does not`);
      assert.ok(iteration >= lateMs, `iteration ${iteration} ms includes it`);
    });
  });

  it('an interrupted iteration is not counted; the call it cut is counted as interrupted, not as a call', async () => {
    await withTarget(server.url, async (t) => {
      const runner = new IterationRunner(spec('per-vu', '      - call: slow\n      - ping: {}\n'), t, () => ({}), registry, new ErrorSamples());
      const vu = new VirtualUser(1);
      onSlow = () => vu.interrupt.fire();
      await runner.run(vu);
      assert.deepEqual(received, ['server/discover', 'initialize', 'tools/call slow']);
      assert.deepEqual([count('iterations'), count('mcp_calls_interrupted', { tool: 'slow' }), count('mcp_calls', { tool: 'slow' })], [0, 1, 0]);
      await runner.closeSessions(new StopSignal());
    });
  });

  it('a handshake that fails: the next call counts as failed with its class, the VU backs off, and the next iteration starts a new session', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/mcp`;
    await withTarget(closed, async (t) => {
      const runner = new IterationRunner(spec('per-vu', FLOW), t, () => ({}), registry, new ErrorSamples());
      const vu = new VirtualUser(1);
      vu.retired = true; // a retired VU's back-off pause ends at once
      await runner.run(vu);
      await runner.run(vu);
      assert.deepEqual([vu.failedHandshakes, count('session_backoffs'), count('sessions_created')], [2, 2, 0]);
      assert.deepEqual(rate('session_init_errors'), { passes: 2, fails: 0, rate: 1 });
      // The flow's first call (echo) could not be made, once per iteration; the steps after it were not tried.
      assert.equal(count('mcp_calls', { tool: 'echo', error_class: 'transport' }), 2);
      assert.deepEqual([count('mcp_calls', { tool: 'broken' }), count('mcp_calls', { method: 'ping' })], [0, 0]);
      assert.equal(vu.session, null);
      assert.equal(runner.openSessions.size, 0);
      // An iteration that ended at a failed handshake still ran (and is counted).
      assert.equal(count('iterations'), 2);
    });
  });
});
