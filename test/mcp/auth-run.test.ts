// `mcp-load run` against an OAuth-protected MCP server on loopback, end to end: the scenario's
// `auth:` (secret from ${ENV}) or per-VU templated Authorization headers, then every output file
// searched for the tokens and the secret.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { runTest } from '../../src/engine/run.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { redactSecrets, secrets } from '../../src/secrets/index.ts';
import { runShippedCli, type CliExit } from '../helpers/cli.ts';
import { startHttpFixture } from '../helpers/servers.ts';
import { startAuthorizationServer, startProtectedMcpServer, type ProtectedMcpServer, type TestAuthorizationServer } from './auth-servers.ts';

const SECRET = 'client-secret-that-must-not-leak';

let dir: string;
let as: TestAuthorizationServer | undefined;
let mcp: ProtectedMcpServer | undefined;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'mcp-load-auth-run-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  await mcp?.stop();
  await as?.stop();
  mcp = as = undefined;
});

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** Every file the run wrote, and what it printed, as one text to search. */
function everything(out: string, run: CliExit): string {
  return [run.stdout, run.stderr, ...readdirSync(out).map((f) => readFileSync(join(out, f), 'utf8'))].join('\n');
}

interface MetricRow {
  metric: string;
  tags: Record<string, string>;
  summary: { count?: number; rate?: number; passes?: number };
}

function metric(out: string, name: string, tags: Record<string, string> = {}): MetricRow | undefined {
  const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as { metrics: { metrics: MetricRow[] } };
  return result.metrics.metrics.find((m) => m.metric === name && JSON.stringify(m.tags) === JSON.stringify(tags));
}

describe('mcp-load run against an OAuth-protected server', () => {
  // One process, two worker threads, two worker processes: the same requests for discovery and tokens,
  // since worker 1 discovers and holds the tokens for all (src/engine/workers/shared-auth.ts).
  // 20 VUs, each thinking 100 ms between calls: many callers of one token cache at each refresh, at a
  // call rate the machine carries beside other test files.
  for (const workers of [
    ['--workers', '1'],
    ['--workers', '2', '--worker-mode', 'thread'],
    ['--workers', '2', '--worker-mode', 'process'],
  ])
    it(`20 VUs for 3.5 s with 2 s tokens (${workers.join(' ')}): one token request at a time, one per 80 % of a lifetime, one discovery, the count reported is the authorization server’s, and no output holds a token or the secret`, async () => {
      const lifetimeMs = 2_000;
      as = await startAuthorizationServer({ clients: { 'load-client': SECRET }, lifetimeSeconds: lifetimeMs / 1000, tokenDelayMs: 20 });
      const server = as;
      mcp = await startProtectedMcpServer(server.issuer, (token) => server.valid(token));
      const scenario = write(
        'oauth.yml',
        `target: ${mcp.url}
transport: streamable-http
auth:
  clientId: load-client
  clientSecret: \${AUTH_RUN_TEST_SECRET}
scenarios:
  agents:
    executor: constant-vus
    vus: 20
    duration: 3500ms
    flow:
      - call: echo
        args: { message: "hi {{vu}}" }
      - think: 100ms
thresholds:
  mcp_errors: ["rate==0"]
`,
      );
      const out = join(dir, 'oauth-out');
      process.env.AUTH_RUN_TEST_SECRET = SECRET;
      const run = await runShippedCli(['run', scenario, '--out', out, '--quiet', ...workers]);
      delete process.env.AUTH_RUN_TEST_SECRET;
      assert.equal(run.code, 0, run.stderr);
      assert.equal(server.maxConcurrent, 1, 'one token request at a time');
      const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as { startedAt: string; endedAt: string };
      const [startedAt, endedAt] = [Date.parse(result.startedAt), Date.parse(result.endedAt)];
      const duringRun = server.granted.filter((g) => g.at <= endedAt);
      // Refreshes come 80 % of a lifetime after the previous request; the gap between grants is at
      // least that less the previous request's own latency (bounded here by a generous 500 ms).
      const gaps = duringRun.slice(1).map((g, i) => g.at - duringRun[i].at);
      assert.ok(duringRun.length >= 2, `a refresh happened (${duringRun.length} tokens)`);
      assert.ok(
        gaps.every((gap) => gap >= lifetimeMs * 0.8 - 500),
        `gaps between tokens: ${gaps.join(', ')} ms`,
      );
      assert.ok(duringRun.length <= 1 + Math.ceil((endedAt - startedAt) / (lifetimeMs * 0.8)), `${duringRun.length} tokens`);
      // The result counts fetches answered before the run ended; one still in flight at that moment may fall either side.
      const reported = metric(out, 'auth_token_fetches', { outcome: 'ok' })?.summary.count ?? 0;
      assert.ok(Math.abs(reported - duringRun.length) <= 1, `reported ${reported}, granted during the run ${duringRun.length}`);
      assert.equal(metric(out, 'auth_rejections')?.summary.count ?? 0, 0);
      assert.equal(mcp.unauthorized, 1, 'only discovery’s probe went without a valid token');
      assert.equal(mcp.metadataRequests, 1, 'the protected resource metadata was read once');
      const text = everything(out, run);
      for (const token of server.issued()) assert.equal(text.includes(token), false, 'a token reached an output');
      assert.equal(text.includes(SECRET), false, 'the client secret reached an output');
      assert.match(readFileSync(join(out, 'result.json'), 'utf8'), /"clientIds":\["load-client"\]/);
    });

  it('per-VU bearer tokens from templated headers: each VU sends its own, and none reaches an output', async () => {
    const tokens = ['pre-issued-1', 'pre-issued-2', 'pre-issued-3'].map((t) => `${t}-${Math.random().toString(36).slice(2)}`);
    mcp = await startProtectedMcpServer('http://127.0.0.1:9/unused', (token) => tokens.includes(token));
    write('tokens.json', JSON.stringify(tokens.map((token) => ({ token }))));
    const scenario = write(
      'templated.yml',
      `target: ${mcp.url}
transport: streamable-http
data:
  tokens: tokens.json
headers:
  Authorization: 'Bearer {{pick data.tokens "token"}}'
scenarios:
  agents:
    executor: per-vu-iterations
    vus: 6
    iterations: 3
    flow:
      - call: echo
        args: { message: "hi" }
`,
    );
    const out = join(dir, 'templated-out');
    // Two workers send what one process sends: one server/discover probe (worker 1's), then the sessions.
    const run = await runShippedCli(['run', scenario, '--out', out, '--quiet', '--workers', '2']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(mcp.unauthorized, 0);
    // The first session's server/discover probe, then 6 warm sessions × (initialize + initialized + 3 calls + DELETE),
    // each with one of the data set's tokens.
    const served = [...mcp.servedWith.entries()];
    assert.equal(
      served.reduce((n, [, count]) => n + count, 0),
      1 + 6 * 6,
    );
    for (const [token] of served) assert.ok(tokens.includes(token), `served with ${token}`);
    const text = everything(out, run);
    for (const token of tokens) assert.equal(text.includes(token), false, 'a pre-issued token reached an output');
    assert.match(readFileSync(join(out, 'result.json'), 'utf8'), /"Authorization":"\*\*\*"/);
  });

  it('registers each token it obtains and each templated header value it renders as a secret, so every output redacts it', async () => {
    as = await startAuthorizationServer({ clients: { 'load-client': SECRET }, lifetimeSeconds: 60 });
    const server = as;
    mcp = await startProtectedMcpServer(server.issuer, (token) => server.valid(token));
    const scenario = parseScenario(
      `target: ${mcp.url}
transport: streamable-http
auth: { clientId: load-client, clientSecret: "${SECRET}" }
headers: { X-Trace: "trace-{{vu}}-${'$'}{TRACE_SALT}" }
scenarios:
  agents:
    executor: per-vu-iterations
    vus: 3
    iterations: 1
    flow: [{ call: echo, args: { message: hi } }]
`,
      join(dir, 'in-process.yml'),
      { env: { TRACE_SALT: 'q7x' } },
    );
    const told = new Set<string>();
    secrets.onRegister((value) => told.add(value));
    await runTest(scenario, { url: mcp.url });
    for (const value of [...server.issued(), 'trace-1-q7x', 'trace-2-q7x', 'trace-3-q7x', SECRET]) assert.ok(told.has(value), `${value} registered`);
    assert.equal(redactSecrets(`${server.issued()[0]} trace-2-q7x`), '*** ***');
  });

  it('auth: against a server that asks for none sends no token and says so in the result', async () => {
    // Answers every request 200 (the MCP requests get nothing they can use; only the probe's answer matters here).
    const open = await startHttpFixture((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"jsonrpc":"2.0","id":"mcp-load-auth-probe","result":{}}');
    });
    try {
      const scenario = parseScenario(
        `target: ${open.url}
transport: streamable-http
auth: { clientId: c, clientSecret: s }
scenarios:
  agents:
    executor: per-vu-iterations
    vus: 1
    iterations: 1
    flow: [ping]
`,
        join(dir, 'open.yml'),
        { env: {} },
      );
      const outcome = await runTest(scenario, { url: open.url });
      assert.ok(
        outcome.warnings.some((w) => /^auth: is configured but http:\/\/127\.0\.0\.1:\d+\/mcp asked for no authorization/.test(w)),
        outcome.warnings.join('\n'),
      );
    } finally {
      await open.stop();
    }
  });
});
