import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it, type TestContext } from 'node:test';
import { request } from 'undici';
import { startDemoServer, type DemoServer, type DemoServerOptions } from '../../src/demo/index.ts';

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
const SESSION_VERSION = '2025-06-18';
const MODERN_VERSION = '2026-07-28';
const MODERN_META = {
  'io.modelcontextprotocol/protocolVersion': MODERN_VERSION,
  'io.modelcontextprotocol/clientCapabilities': {},
};

interface Reply {
  status: number;
  sessionId: string | undefined;
  /** The JSON-RPC response: the JSON body, or the last `data:` of an SSE body. */
  message: any;
}

async function start(t: TestContext, options: DemoServerOptions = {}): Promise<DemoServer> {
  const server = await startDemoServer(options);
  t.after(() => server.close());
  return server;
}

async function send(url: string, method: 'POST' | 'DELETE', headers: Record<string, string>, body?: unknown): Promise<Reply> {
  const res = await request(url, {
    method,
    headers: { ...JSON_HEADERS, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    // A reply that never comes fails the test in seconds, not after undici's 300 s default.
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  const text = await res.body.text();
  const sessionId = res.headers['mcp-session-id'];
  const json = String(res.headers['content-type']).startsWith('text/event-stream')
    ? text
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .at(-1)
        ?.slice(6)
    : text;
  return {
    status: res.statusCode,
    sessionId: typeof sessionId === 'string' ? sessionId : undefined,
    message: json ? JSON.parse(json) : undefined,
  };
}

/** The 2025 sequence: initialize, then notifications/initialized; resolves with the session id. */
async function openSession(server: DemoServer): Promise<string> {
  const reply = await send(
    server.url,
    'POST',
    {},
    {
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: { protocolVersion: SESSION_VERSION, capabilities: {}, clientInfo: { name: 'test', version: '1' } },
    },
  );
  assert.equal(reply.status, 200);
  assert.ok(reply.sessionId, 'initialize answers with an Mcp-Session-Id');
  const initialized = await send(server.url, 'POST', sessionHeaders(reply.sessionId), {
    jsonrpc: '2.0',
    method: 'notifications/initialized',
  });
  assert.equal(initialized.status, 202);
  return reply.sessionId;
}

function sessionHeaders(sessionId: string): Record<string, string> {
  return { 'mcp-session-id': sessionId, 'mcp-protocol-version': SESSION_VERSION };
}

/** JSON-RPC ids must be unique within a session: concurrent calls with one id would be mixed up. */
let nextId = 1;

function inSession(server: DemoServer, sessionId: string, method: string, params: Record<string, unknown> = {}): Promise<Reply> {
  return send(server.url, 'POST', sessionHeaders(sessionId), { jsonrpc: '2.0', id: nextId++, method, params });
}

function callTool(server: DemoServer, sessionId: string, name: string, args: Record<string, unknown> = {}): Promise<Reply> {
  return inSession(server, sessionId, 'tools/call', { name, arguments: args });
}

/** A 2026-07-28 request: no handshake, no session, the `_meta` envelope and the MCP headers. */
function modern(server: DemoServer, method: string, params: Record<string, unknown> = {}): Promise<Reply> {
  const headers: Record<string, string> = { 'mcp-protocol-version': MODERN_VERSION, 'mcp-method': method };
  if (typeof params.name === 'string') headers['mcp-name'] = params.name;
  return send(server.url, 'POST', headers, { jsonrpc: '2.0', id: nextId++, method, params: { ...params, _meta: MODERN_META } });
}

function firstText(reply: Reply): string {
  return reply.message.result.content[0].text;
}

describe('demo server, 2025 sessions', () => {
  it('listens on 127.0.0.1 at /mcp and initialize opens a session', async (t) => {
    const server = await start(t);
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    assert.equal(server.url, `http://127.0.0.1:${server.port}/mcp`);
    const sessionId = await openSession(server);
    assert.match(sessionId, /^[0-9a-f-]{36}$/);
  });

  it('tools/list lists the three tools', async (t) => {
    const server = await start(t);
    const reply = await inSession(server, await openSession(server), 'tools/list');
    assert.deepEqual(
      reply.message.result.tools.map((tool: { name: string }) => tool.name),
      ['send_sms', 'lookup_number', 'slow_report'],
    );
  });

  it('send_sms answers "queued <id>"', async (t) => {
    const server = await start(t, { failureRate: 0 });
    const sessionId = await openSession(server);
    const first = await callTool(server, sessionId, 'send_sms', { to: '+15555550100', text: 'hi' });
    const second = await callTool(server, sessionId, 'send_sms', { to: '+15555550100', text: 'hi' });
    assert.deepEqual(first.message.result, { content: [{ type: 'text', text: 'queued sms-1' }] });
    assert.equal(firstText(second), 'queued sms-2');
  });

  it('lookup_number answers carrier and country as JSON text', async (t) => {
    const server = await start(t, { failureRate: 0 });
    const reply = await callTool(server, await openSession(server), 'lookup_number', { number: '+4915112345678' });
    assert.deepEqual(JSON.parse(firstText(reply)), { number: '+4915112345678', country: 'DE', carrier: 'O2', type: 'mobile' });
  });

  it('slow_report answers payloadBytes of text', async (t) => {
    const server = await start(t, { failureRate: 0, payloadBytes: 1000, latencyMs: { slow_report: 0 } });
    const reply = await callTool(server, await openSession(server), 'slow_report');
    assert.equal(firstText(reply).length, 1000);
  });

  it('failureRate 1 makes every tool call answer isError: true', async (t) => {
    const server = await start(t, { failureRate: 1, latencyMs: { slow_report: 0 } });
    const sessionId = await openSession(server);
    const replies = [
      await callTool(server, sessionId, 'send_sms', { to: '+1', text: 'x' }),
      await callTool(server, sessionId, 'lookup_number', { number: '+1' }),
      await callTool(server, sessionId, 'slow_report'),
    ];
    assert.deepEqual(
      replies.map((reply) => reply.message.result),
      ['send_sms', 'lookup_number', 'slow_report'].map((name) => ({
        content: [{ type: 'text', text: `${name} failed: simulated failure` }],
        isError: true,
      })),
    );
  });

  it('failureRate 0 never fails', async (t) => {
    const server = await start(t, { failureRate: 0, latencyMs: { send_sms: 0 } });
    const sessionId = await openSession(server);
    // One after another, as an agent's session does: the SDK's stateful transport has been seen to
    // lose a reply when dozens of calls of one session overlap.
    const replies = [];
    for (let i = 0; i < 50; i++) replies.push(await callTool(server, sessionId, 'send_sms', { to: '+1', text: 'x' }));
    assert.deepEqual(new Set(replies.map((reply) => reply.message.result.isError)), new Set([undefined]));
  });

  it('the same seed fails the same calls', async (t) => {
    const pattern = async () => {
      const server = await start(t, { failureRate: 0.5, seed: 42, latencyMs: { lookup_number: 0 } });
      const sessionId = await openSession(server);
      const failures: boolean[] = [];
      for (let i = 0; i < 20; i++) {
        failures.push((await callTool(server, sessionId, 'lookup_number', { number: '+1' })).message.result.isError === true);
      }
      return failures;
    };
    const first = await pattern();
    assert.deepEqual(await pattern(), first);
    assert.ok(first.includes(true) && first.includes(false), `a mix of failures and successes: ${first}`);
  });

  it('a call takes at least the configured latency', async (t) => {
    const server = await start(t, { failureRate: 0, latencyMs: { send_sms: [50, 50] } });
    const sessionId = await openSession(server);
    const started = performance.now();
    const reply = await callTool(server, sessionId, 'send_sms', { to: '+1', text: 'x' });
    const elapsed = performance.now() - started;
    assert.equal(firstText(reply), 'queued sms-1');
    assert.ok(elapsed >= 50, `took ${elapsed.toFixed(1)} ms`);
  });

  it('serves the demo://status resource and the greeting prompt', async (t) => {
    const server = await start(t);
    const sessionId = await openSession(server);
    const resources = await inSession(server, sessionId, 'resources/list');
    const status = await inSession(server, sessionId, 'resources/read', { uri: 'demo://status' });
    const prompt = await inSession(server, sessionId, 'prompts/get', { name: 'greeting', arguments: { name: 'Ada' } });
    assert.deepEqual(
      resources.message.result.resources.map((r: { uri: string }) => r.uri),
      ['demo://status'],
    );
    assert.equal(JSON.parse(status.message.result.contents[0].text).status, 'ok');
    assert.deepEqual(prompt.message.result.messages, [{ role: 'user', content: { type: 'text', text: 'Say hello to Ada.' } }]);
  });

  it('DELETE ends the session: its id then gets 404', async (t) => {
    const server = await start(t);
    const sessionId = await openSession(server);
    const deleted = await send(server.url, 'DELETE', sessionHeaders(sessionId));
    const after = await inSession(server, sessionId, 'tools/list');
    assert.equal(deleted.status, 200);
    assert.equal(after.status, 404);
    assert.deepEqual(after.message, { jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null });
  });

  it('an unknown session id gets 404, a request without one that is not initialize 400', async (t) => {
    const server = await start(t);
    const unknown = await inSession(server, '00000000-0000-0000-0000-000000000000', 'tools/list');
    const missing = await send(server.url, 'POST', {}, { jsonrpc: '2.0', id: 1, method: 'tools/list' });
    assert.equal(unknown.status, 404);
    assert.equal(missing.status, 400);
  });
});

describe('demo server, 2026-07-28 stateless requests', () => {
  it('server/discover advertises 2026-07-28', async (t) => {
    const server = await start(t);
    const reply = await modern(server, 'server/discover');
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.message.result.supportedVersions, [MODERN_VERSION]);
  });

  it('tools/call works without a handshake or a session', async (t) => {
    const server = await start(t, { failureRate: 0 });
    const reply = await modern(server, 'tools/call', { name: 'send_sms', arguments: { to: '+1', text: 'x' } });
    assert.equal(reply.status, 200);
    assert.equal(reply.sessionId, undefined);
    assert.equal(reply.message.result.resultType, 'complete');
    assert.equal(firstText(reply), 'queued sms-1');
  });
});

describe('demo server lifecycle and options', () => {
  it('close() frees the port', async () => {
    const server = await startDemoServer();
    await openSession(server);
    await server.close();
    const probe = net.createServer();
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(server.port, '127.0.0.1', resolve);
    });
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });

  it('listens on the given port', async (t) => {
    const first = await startDemoServer();
    const port = first.port;
    await first.close();
    const server = await start(t, { port });
    assert.equal(server.url, `http://127.0.0.1:${port}/mcp`);
  });

  it('rejects invalid options with an error naming the option', async () => {
    await assert.rejects(startDemoServer({ failureRate: 2 }), /failureRate must be between 0 and 1, got 2/);
    await assert.rejects(startDemoServer({ latencyMs: { send_sms: [10, 5] } }), /latencyMs\.send_sms/);
    await assert.rejects(startDemoServer({ latencyMs: { sendSms: 5 } as never }), /latencyMs\.sendSms: unknown tool/);
    await assert.rejects(startDemoServer({ payloadBytes: -1 }), /payloadBytes/);
    await assert.rejects(startDemoServer({ port: 70_000 }), /port/);
  });
});
