// Teardown is bounded: the DELETEs of warm sessions take turns (the handshake cap) within the
// teardown deadline; what does not finish is "not closed", not a failed request.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { MetricsRegistry } from '../../src/engine/metrics/index.ts';
import { runTest } from '../../src/engine/run.ts';
import { DEFAULT_MAX_CONCURRENT_HANDSHAKES } from '../../src/mcp/target.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { startCountingServer, type CountingServer } from '../helpers/counting-server.ts';

const VUS = 200;
const count = (registry: MetricsRegistry, metric: string, filter: Record<string, string> = {}): number => registry.counter(metric).view(filter, (sink) => sink.count);

const scenario = (teardownTimeout: string) =>
  parseScenario(
    `timeout: 20s
teardownTimeout: ${teardownTimeout}
scenarios:
  agents:
    executor: per-vu-iterations
    vus: ${VUS}
    iterations: 1
    flow:
      - call: wait
`,
    'teardown.yml',
    { env: {} },
  );

describe('teardown', () => {
  const servers: CountingServer[] = [];
  after(() => Promise.all(servers.map((s) => s.stop())));

  it(`${VUS} DELETEs that each take 400 ms: at most ${DEFAULT_MAX_CONCURRENT_HANDSHAKES} in flight at once (the server's own count), all closed`, async () => {
    const server = await startCountingServer({ deleteDelayMs: 400 });
    servers.push(server);
    const outcome = await runTest(scenario('20s'), { url: server.url });
    assert.equal(server.sessions(), VUS);
    assert.equal(server.deletes(), VUS);
    assert.ok(server.maxConcurrentDeletes() <= DEFAULT_MAX_CONCURRENT_HANDSHAKES, `${server.maxConcurrentDeletes()} DELETEs at once`);
    assert.equal(count(outcome.registry, 'sessions_closed'), VUS);
    assert.equal(count(outcome.registry, 'sessions_not_closed'), 0);
  });

  it('DELETEs never answered: teardown ends at its deadline (teardownTimeout), every session "not closed", none a failed request', async () => {
    const server = await startCountingServer({ deleteDelayMs: 'never' });
    servers.push(server);
    const started = performance.now();
    const outcome = await runTest(scenario('2s'), { url: server.url });
    const sessions = server.sessions();
    assert.equal(sessions, VUS);
    assert.equal(count(outcome.registry, 'sessions_created'), sessions);
    // Only the first turns reached the server: the others were still waiting when the deadline came.
    assert.equal(server.deletes(), DEFAULT_MAX_CONCURRENT_HANDSHAKES);
    assert.equal(count(outcome.registry, 'sessions_closed'), 0);
    assert.equal(count(outcome.registry, 'sessions_not_closed'), sessions);
    assert.equal(outcome.registry.rate('http_req_failed').view({ method: 'close' }, (sink) => sink.passes), 0);
    assert.equal(count(outcome.registry, 'http_reqs', { method: 'close' }), 0);
    const teardownMs = performance.now() - started - (outcome.endedAt - outcome.startedAt);
    assert.ok(teardownMs < 2000 + 3000, `teardown ended at its 2 s deadline (and slack): ${Math.round(teardownMs)} ms`);
  });
});
