import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MetricsRegistry } from '../../src/engine/metrics/index.ts';
import { TargetNotReadyError } from '../../src/engine/readiness.ts';
import { runTest } from '../../src/engine/run.ts';
import { StopSignal } from '../../src/engine/stop-signal.ts';
import { LATEST_SESSION_PROTOCOL_VERSION } from '../../src/mcp/protocol.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import type { Scenario } from '../../src/scenario/types.ts';
import { freePort, startEverything, type RunningServer } from '../helpers/servers.ts';
import { assertTime } from './support.ts';

function scenario(yaml: string): Scenario {
  return parseScenario(yaml, 'engine-run.yml', { env: {} });
}

/** Sum of a counter over every series whose tags include `filter`. */
function count(registry: MetricsRegistry, metric: string, filter: Record<string, string> = {}): number {
  return registry.counter(metric).view(filter, (sink) => sink.count);
}

function rate(registry: MetricsRegistry, metric: string, filter: Record<string, string> = {}) {
  return registry.rate(metric).view(filter, (sink) => sink.summary());
}

const ECHO_FLOW = `
    flow:
      - call: echo
        args: { message: "hello vu{{vu}}" }
        check: { notError: true, contains: "hello vu" }`;

describe('runTest against server-everything (Streamable HTTP)', () => {
  let server: RunningServer;
  before(async () => {
    server = await startEverything('streamableHttp');
  });
  after(() => server.stop());

  it('constant-vus: every call, HTTP request and check is counted, and thresholds are evaluated on what was observed', async () => {
    const test = scenario(`
scenarios:
  echo:
    executor: constant-vus
    vus: 3
    duration: 2s
    gracefulStop: 5s
${ECHO_FLOW}
thresholds:
  mcp_call_duration: ["p(95)<5000"]
  mcp_errors: ["rate<0.01"]
  checks: ["rate==1"]
`);
    const started = performance.now();
    const outcome = await runTest(test, { url: server.url });
    const elapsedMs = performance.now() - started;
    const { registry } = outcome;
    try {
      assert.equal(outcome.interrupted, undefined);
      assert.equal(outcome.vusMax, 3);
      assertTime(elapsedMs, 2000, 3000, 'ran');

      // mcp_calls: the untagged total is the sum of its series; the tool's series holds every tools/call.
      const mcpCalls = registry.counter('mcp_calls');
      const calls = count(registry, 'mcp_calls', { method: 'tools/call' });
      assert.equal(
        mcpCalls.total.count,
        [...mcpCalls.series()].reduce((sum, s) => sum + s.sink.count, 0),
      );
      assert.equal(count(registry, 'mcp_calls', { tool: 'echo' }), calls);
      assert.ok(calls > 30, `${calls} calls`);
      // One warm session per VU: opened once, ended once with a DELETE. The session's lifecycle is
      // session metrics, not MCP calls: mcp_calls holds the agent's calls only.
      assert.equal(count(registry, 'sessions_created'), 3);
      assert.equal(count(registry, 'sessions_closed'), 3);
      assert.equal(count(registry, 'http_reqs', { method: 'close', http_method: 'DELETE' }), 3);
      assert.equal(count(registry, 'mcp_calls', { method: 'initialize' }), 0);
      assert.equal(count(registry, 'mcp_calls', { method: 'close' }), 0);
      assert.equal(mcpCalls.total.count, calls);
      // Every iteration is one call, and none was cut short.
      assert.equal(count(registry, 'iterations'), calls);

      // A warm tools/call costs exactly one HTTP request.
      assert.equal(count(registry, 'http_reqs', { method: 'tools/call' }) / calls, 1);
      assert.equal(count(registry, 'http_reqs', { purpose: 'call' }), calls);
      assert.equal(count(registry, 'http_reqs', { purpose: 'teardown', http_method: 'DELETE' }), 3);
      // Session setup per VU: initialize (200) and notifications/initialized (202), after one version
      // probe shared by the VUs that started together (refused by this 2025 server, not a failure).
      assert.equal(count(registry, 'http_reqs', { purpose: 'session', status: '200' }), 3);
      assert.equal(count(registry, 'http_reqs', { purpose: 'session', status: '202' }), 3);
      assert.equal(count(registry, 'http_reqs', { purpose: 'discovery', status: '400' }), 1);
      assert.equal(count(registry, 'http_reqs'), calls + 6 + 1 + 3);
      assert.equal(rate(registry, 'http_req_failed').passes, 0);

      assert.deepEqual(rate(registry, 'mcp_errors'), { passes: 0, fails: calls, rate: 0 });
      assert.deepEqual(rate(registry, 'checks'), { passes: 2 * calls, fails: 0, rate: 1 });

      const p95 = registry.trend('mcp_call_duration').total.percentileUs(95) / 1000;
      assert.deepEqual(outcome.thresholds, [
        { source: 'p(95)<5000', metric: 'mcp_call_duration', tags: {}, ok: true, observed: p95 },
        { source: 'rate<0.01', metric: 'mcp_errors', tags: {}, ok: true, observed: 0 },
        { source: 'rate==1', metric: 'checks', tags: {}, ok: true, observed: 1 },
        // The default health gate: at least one successful call (the scenario sets its own mcp_errors).
        { source: 'count>=1', metric: 'mcp_calls', tags: { expected_response: 'true' }, ok: true, observed: calls },
      ]);
      assert.ok(p95 > 0);
    } finally {
      registry.dispose();
    }
  });

  it('warm-up: samples before warmup has passed are dropped, and the measured window starts when it ends', async () => {
    const test = scenario(`
warmup: 500ms
scenarios:
  echo:
    executor: constant-vus
    vus: 2
    duration: 1500ms
    gracefulStop: 5s
${ECHO_FLOW}
`);
    const outcome = await runTest(test, { url: server.url });
    const { registry } = outcome;
    try {
      const { startMs, endMs } = registry.window();
      const warmupMs = startMs - outcome.startedAt;
      assertTime(warmupMs, 500, 600, 'measuring started');
      assert.equal(endMs, outcome.endedAt);
      // The warm sessions were all opened in the first milliseconds: their initialize is not counted, their DELETE is.
      assert.equal(count(registry, 'mcp_calls', { method: 'initialize' }), 0);
      assert.equal(count(registry, 'http_reqs', { purpose: 'session' }), 0);
      assert.equal(count(registry, 'http_reqs', { method: 'close', http_method: 'DELETE' }), 2);
      assert.ok(count(registry, 'mcp_calls', { tool: 'echo' }) > 0);
      // Iterations that ended during warm-up are not counted either.
      assert.ok(count(registry, 'iterations') <= count(registry, 'mcp_calls', { tool: 'echo' }));
    } finally {
      registry.dispose();
    }
  });

  it('a graceful stop (options.stop) ends the run early as interrupted by a signal, with the metrics so far', async () => {
    const stop = new StopSignal();
    const test = scenario(`
scenarios:
  echo:
    executor: constant-vus
    vus: 2
    duration: 30s
    gracefulStop: 2s
${ECHO_FLOW}
`);
    const started = performance.now();
    const outcome = await runTest(test, { url: server.url, stop, onProgress: () => stop.fire() });
    const elapsedMs = performance.now() - started;
    try {
      assert.equal(outcome.interrupted, 'signal');
      assertTime(elapsedMs, 1000, 1500, 'ran');
      assert.ok(count(outcome.registry, 'mcp_calls', { tool: 'echo' }) > 0);
      // The running iterations finished; the warm sessions were ended.
      assert.equal(count(outcome.registry, 'iterations'), count(outcome.registry, 'mcp_calls', { tool: 'echo' }));
      assert.equal(count(outcome.registry, 'http_reqs', { method: 'close', http_method: 'DELETE' }), 2);
    } finally {
      outcome.registry.dispose();
    }
  });

  it('a failing abortOnFail threshold ends the run at the next evaluation, as interrupted by a threshold', async () => {
    const test = scenario(`
scenarios:
  echo:
    executor: constant-vus
    vus: 2
    duration: 30s
    gracefulStop: 2s
${ECHO_FLOW}
thresholds:
  mcp_call_duration: [{threshold: "p(95)<0.001", abortOnFail: true}]
`);
    const started = performance.now();
    const outcome = await runTest(test, { url: server.url });
    const elapsedMs = performance.now() - started;
    try {
      assert.equal(outcome.interrupted, 'threshold');
      assertTime(elapsedMs, 1000, 1500, 'ran');
      const [threshold] = outcome.thresholds;
      assert.equal(threshold.ok, false);
      assert.ok(threshold.observed! > 0.001, `observed ${threshold.observed}`);
    } finally {
      outcome.registry.dispose();
    }
  });

  it('gracefulStop cuts a call still in flight: the run ends after the grace period, and the cut iteration is not counted', async () => {
    const test = scenario(`
scenarios:
  slow:
    executor: constant-vus
    vus: 1
    duration: 300ms
    gracefulStop: 300ms
    flow:
      - call: trigger-long-running-operation
        args: { duration: 5, steps: 1 }
`);
    const started = performance.now();
    const outcome = await runTest(test, { url: server.url });
    const elapsedMs = performance.now() - started;
    try {
      assertTime(elapsedMs, 600, 1500, 'ran');
      assert.equal(outcome.interrupted, undefined);
      assert.equal(count(outcome.registry, 'iterations'), 0);
      assert.equal(count(outcome.registry, 'mcp_calls', { method: 'tools/call' }), 0);
    } finally {
      outcome.registry.dispose();
    }
  });

  it('per-iteration sessions: each iteration costs initialize + initialized, the call, and a DELETE', async () => {
    const test = scenario(`
scenarios:
  cold:
    executor: shared-iterations
    vus: 2
    iterations: 6
    session: per-iteration
${ECHO_FLOW}
`);
    // A pinned protocol version: no server/discover probe before the first handshakes.
    const outcome = await runTest(test, { url: server.url, session: { protocolVersion: LATEST_SESSION_PROTOCOL_VERSION } });
    const { registry } = outcome;
    try {
      assert.equal(count(registry, 'iterations'), 6);
      assert.equal(count(registry, 'http_reqs', { purpose: 'session', http_method: 'POST', status: '200' }), 6, 'initialize');
      assert.equal(count(registry, 'http_reqs', { purpose: 'session', http_method: 'POST', status: '202' }), 6, 'notifications/initialized');
      assert.equal(count(registry, 'http_reqs', { purpose: 'session' }), 12);
      assert.equal(count(registry, 'http_reqs', { purpose: 'call' }), 6);
      assert.equal(count(registry, 'http_reqs', { purpose: 'teardown', http_method: 'DELETE' }), 6);
      assert.equal(count(registry, 'http_reqs'), 24);
      // Six agent calls, six sessions opened and closed: the lifecycle is not in mcp_calls.
      assert.deepEqual(
        ['initialize', 'tools/call', 'close'].map((method) => count(registry, 'mcp_calls', { method })),
        [0, 6, 0],
      );
      assert.deepEqual([count(registry, 'sessions_created'), count(registry, 'sessions_closed')], [6, 6]);
      assert.equal(rate(registry, 'http_req_failed').passes, 0);
    } finally {
      registry.dispose();
    }
  });

  it('per-iteration sessions cut short by the graceful stop still get their DELETE; the iteration is not counted', async () => {
    const test = scenario(`
scenarios:
  cold:
    executor: constant-vus
    vus: 1
    duration: 200ms
    gracefulStop: 200ms
    session: per-iteration
    flow:
      - call: trigger-long-running-operation
        args: { duration: 5, steps: 1 }
`);
    const outcome = await runTest(test, { url: server.url, session: { protocolVersion: LATEST_SESSION_PROTOCOL_VERSION } });
    const { registry } = outcome;
    try {
      assert.equal(count(registry, 'iterations'), 0);
      assert.equal(count(registry, 'mcp_calls', { method: 'tools/call' }), 0);
      assert.equal(count(registry, 'http_reqs', { purpose: 'teardown', http_method: 'DELETE', status: '200' }), 1);
    } finally {
      registry.dispose();
    }
  });
});

describe('readiness wait', () => {
  it('rejects with TargetNotReadyError naming the URL and wait.timeout when the target refuses connections', async () => {
    const url = `http://127.0.0.1:${await freePort()}/mcp`;
    const test = scenario(`
wait: { timeout: 1s }
scenarios:
  echo:
    executor: constant-vus
    vus: 1
    duration: 1s
${ECHO_FLOW}
`);
    const started = performance.now();
    await assert.rejects(runTest(test, { url }), (error: unknown) => {
      assert.ok(error instanceof TargetNotReadyError, String(error));
      assert.ok(error.message.startsWith(`target ${url} did not answer initialize within 1s`), error.message);
      assert.match(error.message, /`wait\.timeout`/);
      return true;
    });
    const elapsedMs = performance.now() - started;
    assertTime(elapsedMs, 1000, 1500, 'gave up after');
  });
});
