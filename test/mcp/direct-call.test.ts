// A session whose tool calls add nothing per call (no progress token, no traceparent, no OAuth)
// makes them on a direct path: one async frame, the body written from cached text around the id.
// What reaches the server must be exactly what the general path (operation → call → send) sends:
// the same bytes apart from the id, the same headers; and a lost session is recovered the same way.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Authorization } from '../../src/mcp/auth/index.ts';
import { McpSession, McpTarget } from '../../src/mcp/index.ts';
import { compileArgs } from '../../src/scenario/templates.ts';
import { startHttpFixture, type RunningServer } from '../helpers/servers.ts';

interface Received {
  body: string;
  headers: string[];
}

/** Holds no token and needs none: its only effect is to send the session's calls down the general path. */
const noToken: Authorization = {
  header: () => undefined,
  ready: async () => undefined,
  rejected: async () => undefined,
};

describe('direct tool calls', () => {
  let server: RunningServer;
  const calls: Received[] = [];
  /** Session ids the server forgets once (answers 404), to make the client re-initialize. */
  const forget = new Set<string>();
  let sessions = 0;

  before(async () => {
    server = await startHttpFixture((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        if (req.method === 'DELETE') return void res.writeHead(200).end();
        const message = JSON.parse(body) as { id?: number; method?: string };
        if (message.id === undefined) return void res.writeHead(202).end();
        if (message.method === 'initialize') {
          const result = { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo: { name: 'raw', version: '1' } };
          res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': `s${++sessions}` });
          return void res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result }));
        }
        const session = String(req.headers['mcp-session-id']);
        if (forget.delete(session)) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('session not found');
        // Names of the headers in order, values with the session id masked: two sessions compare equal.
        const headers = req.rawHeaders.map((v, i) => (i % 2 === 1 && req.rawHeaders[i - 1].toLowerCase() === 'mcp-session-id' ? '<session>' : v));
        calls.push({ body, headers });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: { content: [{ type: 'text', text: 'ok' }], isError: false } }));
      });
    });
  });
  after(() => server.stop());

  const withoutId = (body: string) => body.replace(/^\{"jsonrpc":"2\.0","id":\d+,/, '{"jsonrpc":"2.0","id":<id>,');
  const constant = compileArgs({ message: 'hé "quoted" \u2028', n: 3, nested: { list: [1, null, true] } })({ vu: 1, iter: 0, scenario: 's', rng: Math.random });
  const fresh = () => ({ message: 'hé "quoted" \u2028', n: 3, nested: { list: [1, null, true] } });

  it('sends the bytes and headers the general path sends, apart from the id, with constant and with fresh arguments', async () => {
    assert.ok(Object.isFrozen(constant), 'a scenario constant is frozen: the cached text applies');
    const target = new McpTarget({ url: server.url, timeoutMs: 5_000 });
    const direct = new McpSession(target, { transport: 'streamable-http' });
    const general = new McpSession(target, { transport: 'streamable-http', authorization: noToken });
    try {
      for (const session of [direct, general]) assert.equal((await session.initialize()).outcome, 'success');
      calls.length = 0;
      for (const session of [direct, general]) {
        for (const args of [constant, fresh(), constant]) {
          for (const readResult of [false, true]) assert.equal((await session.callTool('send_"sms"', args, readResult)).outcome, 'success');
        }
      }
      assert.equal(calls.length, 12);
      const [ours, theirs] = [calls.slice(0, 6), calls.slice(6)];
      for (let i = 0; i < 6; i++) {
        assert.equal(withoutId(ours[i].body), withoutId(theirs[i].body), `call ${i}: the same body`);
        assert.deepEqual(ours[i].headers, theirs[i].headers, `call ${i}: the same headers`);
        const id = Number(/"id":(\d+)/.exec(ours[i].body)![1]);
        const args = i < 2 || i >= 4 ? constant : fresh();
        assert.equal(ours[i].body, JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'send_"sms"', arguments: args } }));
      }
    } finally {
      await Promise.all([direct.close(), general.close()]);
      await target.close();
    }
  });

  it('a warm call reads the clock three times: its start (its request’s too), the first byte, and the reply’s end (the connection’s, the request’s and the call’s)', async () => {
    // Each reading costs about 0.05 µs on Node 20, half a per cent of a call at the bench's rate.
    // The connection's idle check uses the request's start; the call ends as its reply did (the
    // parse of the reply is not the server's latency).
    const target = new McpTarget({ url: server.url, timeoutMs: 5_000 });
    const session = new McpSession(target, { transport: 'streamable-http' });
    const now = performance.now;
    let readings = 0;
    try {
      assert.equal((await session.initialize()).outcome, 'success');
      assert.equal((await session.callTool('echo', constant, false)).outcome, 'success'); // the connection is warm
      performance.now = () => {
        readings++;
        return now.call(performance);
      };
      const calls = 50;
      let durations = 0;
      for (let i = 0; i < calls; i++) {
        const result = await session.callTool('echo', constant, false);
        assert.equal(result.outcome, 'success');
        assert.ok(result.http[0].durationMs >= result.http[0].ttfbMs);
        assert.equal(result.durationMs, result.http[0].durationMs, 'one request: the call starts and ends with it');
        durations += result.durationMs;
      }
      performance.now = now;
      assert.ok(durations > 0);
      // A few beyond: a connection's idle timer or a deadline timer may fire during the loop and read the clock.
      assert.ok(readings <= calls * 3 + 4, `${readings / calls} clock readings per call`);
    } finally {
      performance.now = now;
      await session.close();
      await target.close();
    }
  });

  it('a session the server lost is re-initialized once and the call sent again, counted in the same operation', async () => {
    const target = new McpTarget({ url: server.url, timeoutMs: 5_000 });
    const session = new McpSession(target, { transport: 'streamable-http' });
    try {
      assert.equal((await session.initialize()).outcome, 'success');
      forget.add(session.sessionId!);
      calls.length = 0;
      const result = await session.callTool('echo', constant, false);
      assert.equal(result.outcome, 'success');
      assert.equal(result.reinitialized, true);
      assert.deepEqual(
        result.http.map((r) => [r.purpose, r.status]),
        [
          ['call', 404],
          ['reinit', 200],
          ['reinit', 202],
          ['call', 200],
        ],
      );
      assert.equal(calls.length, 1, 'the server answered the call once, in the new session');
      assert.equal(result.lost?.length, 1);
    } finally {
      await session.close();
      await target.close();
    }
  });

  it('a call before the handshake fails as a closed transport, without a request', async () => {
    const target = new McpTarget({ url: server.url, timeoutMs: 5_000 });
    const session = new McpSession(target, { transport: 'streamable-http' });
    try {
      const result = await session.callTool('echo', constant);
      assert.equal(result.outcome, 'transport');
      assert.equal(result.error?.reason, 'closed');
      assert.match(result.error!.message, /^tools\/call: the session is not initialized/);
      assert.equal(result.http.length, 0);
    } finally {
      await target.close();
    }
  });
});
