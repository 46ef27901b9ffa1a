import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runTest } from '../../src/engine/run.ts';
import { buildReportView, runFailed } from '../../src/report/view.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { buildResult, type Result } from '../../src/results/index.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { freePort, startEverything, startHttpFixture, type RunningServer } from '../helpers/servers.ts';
import { startRecordingProxy } from '../mcp/recording-proxy.ts';

/** 3 VUs for 3 s, each calling one tool: the shape of the reproductions, shortened. */
const SCENARIO = `
scenarios:
  agents:
    executor: constant-vus
    vus: 3
    duration: 3s
    gracefulStop: 1s
    flow:
      - call: echo
        args: { message: hi }
`;

async function run(url: string, yaml = SCENARIO): Promise<Result> {
  const scenario = parseScenario(yaml, 'health.yml', { env: {} });
  const outcome = await runTest(scenario, { url });
  try {
    return buildResult(scenario, url, outcome, {});
  } finally {
    outcome.registry.dispose();
  }
}

/** A server answering every request with one status (and headers): counts what it received. */
async function refusing(status: number, headers: Record<string, string> = {}): Promise<RunningServer & { received: () => number }> {
  let received = 0;
  const server = await startHttpFixture((req, res) => {
    received++;
    req.resume();
    req.on('end', () => res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(`refused with ${status}`));
  });
  return Object.assign(server, { received: () => received });
}

function httpTotals(result: Result): { reqs: number; failed: number } {
  const reqs = result.metrics.metrics.find((s) => s.metric === 'http_reqs' && Object.keys(s.tags).length === 0);
  const failed = result.metrics.metrics.find((s) => s.metric === 'http_req_failed' && Object.keys(s.tags).length === 0);
  return { reqs: reqs?.type === 'counter' ? reqs.summary.count : 0, failed: failed?.type === 'rate' ? failed.summary.passes : 0 };
}

function callTotals(result: Result): { calls: number; errors: number } {
  const errors = result.metrics.metrics.find((s) => s.metric === 'mcp_errors' && Object.keys(s.tags).length === 0);
  return errors?.type === 'rate' ? { calls: errors.summary.passes + errors.summary.fails, errors: errors.summary.passes } : { calls: 0, errors: 0 };
}

/** Every call failed, the default gate failed, and the headline says why in words. */
function assertUnhealthy(result: Result, finding: string, headline: RegExp): void {
  const { calls, errors } = callTotals(result);
  assert.ok(calls > 0, 'the failed handshakes are charged to the calls the agents could not make');
  assert.equal(errors, calls);
  assert.deepEqual(
    result.thresholds.map((t) => [t.key, t.source, t.ok, t.default]),
    [
      ['mcp_errors', 'rate<0.05', false, true],
      ['mcp_calls{expected_response:true}', 'count>=1', false, true],
    ],
  );
  assert.equal(runFailed(result), true);
  assert.equal(result.findings[0]?.id, finding);
  const view = buildReportView(result);
  assert.equal(view.verdict.state, 'failed');
  assert.match(view.verdict.title, headline);
  // The comment's headline says the same, with links neutralised (`&#58;`).
  assert.match(renderMarkdown(result).split('\n')[1].replaceAll('&#58;', ':'), new RegExp(`^❌ \\*\\*mcp-load: ${headline.source.replace(/^\^/, '')}`));
}

// Each test has its own server and asserts on counts (ceilings a loaded machine only lowers), not on
// time: the tests of a group run side by side.
describe('the default health gate against targets that refuse every call', { concurrency: true }, () => {
  it('a closed port: "target unreachable", every attempt counted as failed, tens of attempts not thousands', async () => {
    const port = await freePort();
    const result = await run(`http://127.0.0.1:${port}/mcp`);
    assertUnhealthy(
      result,
      'target-unreachable',
      /^target unreachable: \d+ of \d+ MCP calls failed: the session handshake \(initialize\) could not connect \(ECONNREFUSED\) to http:\/\/127\.0\.0\.1:\d+\/mcp/,
    );
    const http = httpTotals(result);
    assert.equal(http.failed, http.reqs, 'every connection attempt is a failed request');
    // Back-off from 100 ms doubling to 5 s: at most ~7 attempts per VU in 3 s, not ~10,000.
    assert.ok(result.sessions.failed >= 3 && result.sessions.failed <= 24, `${result.sessions.failed} handshakes`);
    assert.equal(result.sessions.backoffs, result.sessions.failed);
  });

  it('HTTP 401: "target unauthorised", with the Authorization header as the fix', async () => {
    const server = await refusing(401, { 'www-authenticate': 'Bearer' });
    try {
      const result = await run(server.url);
      assertUnhealthy(
        result,
        'target-unauthorised',
        /^target unauthorised: \d+ of \d+ MCP calls failed: the server answered HTTP 401 to the session handshake/,
      );
      assert.match(result.findings[0].advice ?? '', /headers: \{ Authorization: "Bearer \$\{MCP_TOKEN\}" \}/);
      // The server's own count is the truth: every request it received failed, none uncounted.
      const http = httpTotals(result);
      assert.equal(http.reqs, server.received());
      assert.equal(http.failed, server.received());
      assert.ok(server.received() <= 30, `${server.received()} requests`);
    } finally {
      await server.stop();
    }
  });

  it('HTTP 403 is unauthorised too', async () => {
    const server = await refusing(403);
    try {
      assertUnhealthy(await run(server.url), 'target-unauthorised', /^target unauthorised: .*HTTP 403/);
    } finally {
      await server.stop();
    }
  });

  it('HTTP 429 with Retry-After: 1: "target rate-limiting", and each VU waits the second it was asked to', async () => {
    const server = await refusing(429, { 'retry-after': '1' });
    try {
      const result = await run(server.url);
      assertUnhealthy(result, 'target-rate-limited', /^target rate-limiting: .*HTTP 429/);
      // 3 VUs over 3 s (+ the graceful stop ends pauses at once): at most 4 handshakes each, plus one discovery probe.
      assert.ok(server.received() <= 3 * 4 + 1, `${server.received()} requests`);
      assert.equal(httpTotals(result).failed, server.received());
    } finally {
      await server.stop();
    }
  });

  it('HTTP 301: "target redirects", naming the Location to use as the target (without its query)', async () => {
    const server = await refusing(301, { location: 'https://mcp.example.com/v2/mcp?key=SECRET' });
    try {
      const result = await run(server.url);
      assertUnhealthy(
        result,
        'target-redirects',
        /^target redirects: \d+ of \d+ MCP calls failed: the server redirected the session handshake \(initialize\) with HTTP 301 to https:\/\/mcp\.example\.com\/v2\/mcp/,
      );
      assert.equal(result.findings[0].advice, 'mcp-load does not follow redirects: use https://mcp.example.com/v2/mcp as the target');
      assert.doesNotMatch(JSON.stringify(result), /SECRET/);
      assert.equal(httpTotals(result).failed, server.received());
    } finally {
      await server.stop();
    }
  });
});

describe('MCP calls are the calls the agent makes (server-everything, counted at a proxy)', { concurrency: true }, () => {
  let everything: RunningServer;
  before(async () => {
    everything = await startEverything('streamableHttp');
  });
  after(() => everything.stop());

  const flow = (session: string) => `
scenarios:
  cold:
    executor: per-vu-iterations
    vus: 2
    iterations: 4
    session: ${session}
    flow:
      - call: echo
        args: { message: hi }
`;

  for (const session of ['per-vu', 'per-iteration'] as const) {
    it(`${session} sessions: mcp_calls counts the 8 tool calls; HTTP per MCP call is every request the server received over them`, async () => {
      const proxy = await startRecordingProxy(everything.url);
      try {
        const result = await run(proxy.url, flow(session));
        const posted = proxy.postedMethods();
        const toolCalls = posted.filter((m) => m === 'tools/call').length;
        assert.equal(toolCalls, 8);
        assert.deepEqual(callTotals(result), { calls: 8, errors: 0 });
        const sessions = session === 'per-vu' ? 2 : 8;
        assert.equal(posted.filter((m) => m === 'initialize').length, sessions);
        assert.deepEqual([result.sessions.created, result.sessions.closed], [sessions, sessions]);
        // The headline ratio: every request the server saw (probe, handshakes, calls, DELETEs) over the agent's calls.
        assert.equal(httpTotals(result).reqs, proxy.requests.length);
        assert.equal(result.httpPerCall.overall, proxy.requests.length / 8);
        assert.equal(result.httpPerCall.byPhase.calls, 1);
        assert.equal(result.httpPerCall.byPhase.discovery, posted.filter((m) => m === 'server/discover').length);
        assert.deepEqual(
          result.byMethod.map((m) => m.method),
          ['tools/call'],
          'initialize and close are session metrics, not rows of MCP calls',
        );
      } finally {
        await proxy.stop();
      }
    });
  }

  it('a missing tool: every real call failed is 100 % errors, not 50 %', async () => {
    const result = await run(
      everything.url,
      `
scenarios:
  agents:
    executor: per-vu-iterations
    vus: 1
    iterations: 5
    flow:
      - call: no_such_tool
        args: {}
`,
    );
    assert.deepEqual(callTotals(result), { calls: 5, errors: 5 });
    assert.equal(result.sessions.created, 1);
    assert.equal(runFailed(result), true);
  });
});
