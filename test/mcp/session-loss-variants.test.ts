// How servers say "I do not know this session": 404 (the spec), with a body that echoes the
// request id or not, and the 400s some servers send instead. The server here keeps its own
// sessions, so the test knows exactly which were created and which requests were refused.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { McpSession, McpTarget, type JsonRpcRequest } from '../../src/mcp/index.ts';
import { startHttpFixture, type RunningServer } from '../helpers/servers.ts';
import { httpLines, resultText } from './result-views.ts';
import { textResult } from './scripted-server.ts';

interface Loss {
  status: number;
  body: (id: JsonRpcRequest['id']) => unknown;
}

const LOSSES: Record<string, Loss> = {
  '404 echoing the request id (-32001)': { status: 404, body: (id) => ({ jsonrpc: '2.0', id, error: { code: -32001, message: 'Session not found' } }) },
  '404 with id null': { status: 404, body: () => ({ jsonrpc: '2.0', id: null, error: { code: -32001, message: 'Session not found' } }) },
  '404 with an empty body': { status: 404, body: () => undefined },
  '400 echoing the id, "No valid session ID provided"': {
    status: 400,
    body: (id) => ({ jsonrpc: '2.0', id, error: { code: -32000, message: 'Bad Request: No valid session ID provided' } }),
  },
  '400 with id null, "Session not found"': { status: 400, body: () => ({ jsonrpc: '2.0', id: null, error: { code: -32000, message: 'Session not found' } }) },
};

/** A stateful server; `loss` says how it refuses an unknown session, `refuseInitialize` makes new sessions fail. */
class SessionServer {
  loss: Loss = LOSSES['404 echoing the request id (-32001)'];
  refuseInitialize = false;
  readonly live = new Set<string>();
  created = 0;
  refused = 0;
  server!: RunningServer;

  async start(): Promise<void> {
    this.server = await startHttpFixture((req, res) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (text += c));
      req.on('end', () => {
        if (req.method !== 'POST') return void res.writeHead(405).end();
        const message = JSON.parse(text) as JsonRpcRequest;
        if (message.method === 'server/discover') return void res.writeHead(400).end();
        if (message.method === 'initialize') {
          if (this.refuseInitialize) return void res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"overloaded"}'); // the server's own refusal, not a proxy's page
          const id = `s${++this.created}`;
          this.live.add(id);
          const result = { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo: { name: 'sessions', version: '1' } };
          res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': id });
          return void res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result }));
        }
        const session = req.headers['mcp-session-id'];
        if (typeof session !== 'string' || !this.live.has(session)) {
          this.refused++;
          const body = this.loss.body(message.id ?? null);
          res.writeHead(this.loss.status, body === undefined ? {} : { 'content-type': 'application/json' });
          return void res.end(body === undefined ? '' : JSON.stringify(body));
        }
        if (message.id === undefined) return void res.writeHead(202).end();
        if (message.method === 'tools/call' && message.params?.name === 'invalid') {
          // Not about sessions: a 400 JSON-RPC error answering the request is the server's protocol error.
          res.writeHead(400, { 'content-type': 'application/json' });
          return void res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, error: { code: -32602, message: 'Invalid params' } }));
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(textResult(message.id, `in ${session}`));
      });
    });
  }

  forgetAll(): void {
    this.live.clear();
  }
}

describe('session loss, whatever the body says', () => {
  const sessions = new SessionServer();
  let target: McpTarget;
  before(async () => {
    await sessions.start();
    target = new McpTarget({ url: sessions.server.url, timeoutMs: 2000 });
  });
  after(async () => {
    await target.close();
    await sessions.server.stop();
  });
  beforeEach(() => {
    sessions.refuseInitialize = false;
  });

  async function session(): Promise<McpSession> {
    const s = new McpSession(target, { protocolVersion: '2025-11-25' });
    assert.equal((await s.initialize()).outcome, 'success');
    return s;
  }

  for (const [name, loss] of Object.entries(LOSSES)) {
    it(`${name}: the session is re-initialized once and the call retried in it`, async () => {
      sessions.loss = loss;
      const s = await session();
      const createdBefore = sessions.created;
      const refusedBefore = sessions.refused;
      sessions.forgetAll();
      const call = await s.callTool('echo');
      assert.equal(call.outcome, 'success', call.error?.message);
      assert.equal(call.reinitAttempted, true);
      assert.equal(call.reinitialized, true);
      assert.equal(sessions.created, createdBefore + 1, 'one new session on the server');
      assert.equal(sessions.refused, refusedBefore + 1);
      assert.equal(resultText(call), `in s${sessions.created}`);
      assert.deepEqual(httpLines(call), [`POST ${loss.status} call`, 'POST 200 reinit', 'POST 202 reinit', 'POST 200 call']);
    });
  }

  it("a 400 JSON-RPC error that is not about the session stays the server's protocol error: no re-initialization", async () => {
    const s = await session();
    const createdBefore = sessions.created;
    const call = await s.callTool('invalid');
    assert.equal(call.outcome, 'protocol');
    assert.equal(call.error?.code, -32602);
    assert.equal(call.reinitAttempted, false);
    assert.equal(sessions.created, createdBefore);
  });

  it('a re-initialization the server refuses is an attempt without success, and the call fails with that refusal', async () => {
    sessions.loss = LOSSES['404 echoing the request id (-32001)'];
    const s = await session();
    sessions.forgetAll();
    sessions.refuseInitialize = true;
    const call = await s.callTool('echo');
    assert.equal(call.outcome, 'transport');
    assert.equal(call.error?.status, 503);
    assert.equal(call.reinitAttempted, true);
    assert.equal(call.reinitialized, false);
    assert.deepEqual(httpLines(call), ['POST 404 call', 'POST 503 reinit']);
  });
});
