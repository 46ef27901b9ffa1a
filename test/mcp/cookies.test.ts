import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { runTest } from '../../src/engine/run.ts';
import { CookieJar, MAX_COOKIES } from '../../src/mcp/cookie-jar.ts';
import { McpSession, McpTarget } from '../../src/mcp/index.ts';
import { renderHtmlReport } from '../../src/report/html.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { renderTerminalSummary } from '../../src/report/terminal.ts';
import { buildResult } from '../../src/results/index.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { startHttpFixture, type RunningServer } from '../helpers/servers.ts';

/** What a balancer's stickiness cookie looks like (an ALB's AWSALB): long, opaque, set on the first response. */
const STICKY = 'f3Kq9ZB2rW7xPmD4vT8sLc1N';
const FAR = new Date(Date.now() + 7 * 24 * 3600_000).toUTCString();

interface Seen {
  method: string;
  cookie: string | undefined;
}

/**
 * A session endpoint behind "a balancer": initialize's reply sets AWSALB, every reply names the
 * instance in X-Served-By, a tools/call `forget` answers `Max-Age=0` (the balancer drops the
 * stickiness), and every other call fails with a tool error that echoes the cookie it received.
 */
function stickyServer(seen: Seen[]): Promise<RunningServer> {
  return startHttpFixture((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const message = body ? (JSON.parse(body) as { id?: number; method?: string; params?: { name?: string } }) : {};
      seen.push({ method: message.method ?? req.method!, cookie: req.headers.cookie });
      res.setHeader('x-served-by', 'node-a');
      if (req.method === 'DELETE') return void res.writeHead(200).end();
      if (message.method === 'server/discover')
        return void res
          .writeHead(400, { 'content-type': 'application/json' })
          .end('{"jsonrpc":"2.0","id":null,"error":{"code":-32000,"message":"Bad Request: Server not initialized"}}');
      if (message.id === undefined) return void res.writeHead(202).end();
      if (message.method === 'initialize') {
        res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 's-1', 'set-cookie': `AWSALB=${STICKY}; Expires=${FAR}; Path=/` });
        return void res.end(
          JSON.stringify({
            jsonrpc: '2.0',
            id: message.id,
            result: { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo: { name: 'sticky', version: '1' } },
          }),
        );
      }
      const forget = message.params?.name === 'forget';
      res.writeHead(200, { 'content-type': 'application/json', ...(forget ? { 'set-cookie': 'AWSALB=; Max-Age=0; Path=/' } : {}) });
      const text = `cookie was ${req.headers.cookie ?? 'none'}`;
      res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: { content: [{ type: 'text', text }], isError: !forget } }));
    });
  });
}

describe('the cookie jar on the wire', () => {
  let server: RunningServer;
  const seen: Seen[] = [];
  before(async () => {
    server = await stickyServer(seen);
  });
  after(() => server?.stop());

  it("sends a balancer's stickiness cookie on every request of the session after the response that set it, until a Max-Age=0 drops it", async () => {
    seen.length = 0;
    const target = new McpTarget({ url: server.url });
    try {
      const session = new McpSession(target);
      assert.equal((await session.initialize()).outcome, 'success');
      await session.callTool('echo');
      await session.callTool('forget');
      await session.callTool('echo');
      await session.close();
    } finally {
      await target.close();
    }
    assert.deepEqual(seen, [
      { method: 'server/discover', cookie: undefined },
      { method: 'initialize', cookie: undefined },
      { method: 'notifications/initialized', cookie: `AWSALB=${STICKY}` },
      { method: 'tools/call', cookie: `AWSALB=${STICKY}` },
      { method: 'tools/call', cookie: `AWSALB=${STICKY}` },
      { method: 'tools/call', cookie: undefined },
      { method: 'DELETE', cookie: undefined },
    ]);
  });

  it('with cookies: false, sends none', async () => {
    seen.length = 0;
    const target = new McpTarget({ url: server.url });
    try {
      const session = new McpSession(target, { cookies: false });
      await session.initialize();
      await session.callTool('echo');
      await session.close();
    } finally {
      await target.close();
    }
    assert.ok(seen.length >= 4);
    assert.ok(
      seen.every((s) => s.cookie === undefined),
      JSON.stringify(seen),
    );
  });

  it("keeps the cookie's value out of result.json and every report, though the server echoes it; the instance header is attributed", async () => {
    const scenario = parseScenario(
      'scenarios:\n  agents:\n    executor: per-vu-iterations\n    vus: 1\n    iterations: 2\n    flow:\n      - call: echo\n',
      'cookies.yml',
      { env: {} },
    );
    const outcome = await runTest(scenario, { url: server.url });
    const result = buildResult(scenario, server.url, outcome, {});
    outcome.registry.dispose();
    assert.equal(result.errors[0]?.errorClass, 'tool');
    assert.match(result.errors[0].samples[0], /cookie was AWSALB=\*\*\*/);
    for (const text of [JSON.stringify(result), renderTerminalSummary(result), renderMarkdown(result), renderHtmlReport(result)])
      assert.ok(!text.includes(STICKY));
    assert.deepEqual(
      result.instances?.rows.map((r) => [r.instance, r.calls, r.errors, r.sessions]),
      [['node-a', 2, 2, 1]],
    );
  });
});

describe('CookieJar', () => {
  const url = new URL('http://127.0.0.1:8080/mcp');

  it('sends cookies whose path covers the request path, and Secure ones only over https', () => {
    const jar = new CookieJar(url);
    jar.store(['a=1; Path=/', 'b=2; Path=/mcp', 'c=3; Path=/other', 'd=4; Secure', 'e=5']);
    assert.equal(jar.header(), 'a=1; b=2; e=5');
    const https = new CookieJar(new URL('https://example.test/mcp'));
    https.store('d=4; Secure');
    assert.equal(https.header(), 'd=4');
  });

  it('drops a cookie at its expiry, and on Max-Age=0 or a past Expires', () => {
    const jar = new CookieJar(url);
    jar.store(['short=1; Max-Age=10', 'long=2; Max-Age=1000'], 0);
    assert.equal(jar.header(5_000), 'short=1; long=2');
    assert.equal(jar.header(10_000), 'long=2');
    jar.store('long=; Expires=Thu, 01 Jan 1970 00:00:00 GMT', 20_000);
    assert.equal(jar.header(20_000), undefined);
  });

  it(`holds at most ${MAX_COOKIES} cookies, however many a server sets`, () => {
    const jar = new CookieJar(url);
    jar.store(Array.from({ length: 100 }, (_, i) => `k${i}=v`));
    assert.equal(jar.size, MAX_COOKIES);
  });

  it('changes its version only when its content changes, so header lists are rebuilt only then', () => {
    const jar = new CookieJar(url);
    const v0 = jar.version;
    jar.store('a=1');
    assert.equal(jar.version, v0 + 1);
    jar.header();
    jar.header();
    assert.equal(jar.version, v0 + 1);
  });
});
