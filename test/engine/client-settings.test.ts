// The wire client's YAML keys (protocolVersion, stream, progress, replies, replyGrace) driving
// real servers through runTest, checked against what the servers themselves report back.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MetricsRegistry } from '../../src/engine/metrics/index.ts';
import { runTest } from '../../src/engine/run.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { startEverything, startV2Fixture, type RunningServer } from '../helpers/servers.ts';

function count(registry: MetricsRegistry, metric: string, filter: Record<string, string> = {}): number {
  return registry.counter(metric).view(filter, (sink) => sink.count);
}

/** Passes and fails of the `contains` checks of a step (check names are prefixed with the step name). */
function containsChecks(registry: MetricsRegistry, step: string, texts: string[]): { passes: number; fails: number } {
  const all = texts.map((text) =>
    registry.rate('checks').view({ check: `${step}: contains ${JSON.stringify(text)}` }, (sink) => {
      const s = sink.summary();
      return { passes: s.passes, fails: s.fails };
    }),
  );
  return { passes: all.reduce((n, c) => n + c.passes, 0), fails: all.reduce((n, c) => n + c.fails, 0) };
}

const ONE_PASS = `
scenarios:
  once:
    executor: per-vu-iterations
    vus: 1
    iterations: 1
    flow:`;

describe('YAML replies: against server-everything (Streamable HTTP)', () => {
  let server: RunningServer;
  before(async () => {
    server = await startEverything('streamableHttp');
  });
  after(() => server.stop());

  it("elicitation from YAML: accepted with the configured content, the requested schema's defaults filling the rest; counted as a server request", async () => {
    const test = parseScenario(
      `
protocolVersion: 2025-11-25
replies:
  elicitation:
    action: accept
    content: { name: Ada Lovelace, check: true, email: ada@example.com }
${ONE_PASS}
      - call: trigger-elicitation-request
        check:
          notError: true
          contains: Ada Lovelace
      - call: trigger-elicitation-request
        check:
          contains: It was a dark and stormy night.
`,
      'elicit.yml',
      { env: {} },
    );
    const { registry } = await runTest(test, { url: server.url });
    // The server's own echo of what it received is the ground truth: our content, and the schema's default for firstLine.
    assert.deepEqual(containsChecks(registry, 'trigger-elicitation-request', ['Ada Lovelace', 'It was a dark and stormy night.']), { passes: 2, fails: 0 });
    assert.equal(count(registry, 'mcp_server_requests', { tool: 'trigger-elicitation-request' }), 2);
    assert.equal(count(registry, 'mcp_calls', { tool: 'trigger-elicitation-request', error_class: 'protocol' }), 0);
  });

  it('roots from YAML open the GET stream by themselves, so roots/list sent there is answered', async () => {
    const test = parseScenario(
      `
protocolVersion: 2025-11-25
replies:
  roots:
    - { uri: "file:///work/project", name: project }
${ONE_PASS}
      - call: get-roots-list
        check: { contains: "file:///work/project" }
`,
      'roots.yml',
      { env: {} },
    );
    assert.equal(test.client.stream, true);
    const { registry } = await runTest(test, { url: server.url });
    assert.deepEqual(containsChecks(registry, 'get-roots-list', ['file:///work/project']), { passes: 1, fails: 0 });
    assert.equal(count(registry, 'http_reqs', { http_method: 'GET', purpose: 'stream', status: '200' }), 1);
  });

  it('progress: true asks for progress and counts the notifications the server sends', async () => {
    const test = parseScenario(
      `
protocolVersion: 2025-11-25
progress: true
${ONE_PASS}
      - call: trigger-long-running-operation
        args: { duration: 0.2, steps: 4 }
`,
      'progress.yml',
      { env: {} },
    );
    const { registry } = await runTest(test, { url: server.url });
    assert.equal(count(registry, 'mcp_progress_notifications', { tool: 'trigger-long-running-operation' }), 4);
  });
});

describe('protocolVersion from YAML pins either leg of a dual-era server (the v2 fixture)', () => {
  let server: RunningServer;
  before(async () => {
    server = await startV2Fixture();
  });
  after(() => server.stop());

  // Answered session-setup POSTs (200): an initialize per VU on the 2025 line; on 2026-07-28 no
  // handshake at all, only the tools' schemas read once per target.
  for (const [pin, sessionPosts] of [
    ['2025-11-25', 2],
    ['2026-07-28', 1],
  ] as const) {
    it(`protocolVersion: ${pin} → ${sessionPosts} answered session-setup POSTs for 2 VUs`, async () => {
      const test = parseScenario(
        `
protocolVersion: "${pin}"
scenarios:
  pinned:
    executor: per-vu-iterations
    vus: 2
    iterations: 2
    flow:
      - list: tools
`,
        'pinned.yml',
        { env: {} },
      );
      const { registry } = await runTest(test, { url: server.url });
      assert.equal(count(registry, 'mcp_calls', { method: 'tools/list', error_class: 'transport' }), 0);
      assert.equal(count(registry, 'mcp_calls', { method: 'tools/list' }), 4);
      assert.equal(count(registry, 'http_reqs', { method: 'initialize', purpose: 'session', http_method: 'POST', status: '200' }), sessionPosts);
      assert.equal(count(registry, 'http_reqs', { method: 'initialize', purpose: 'probe' }), 0, 'a pinned version needs no discovery');
    });
  }
});
