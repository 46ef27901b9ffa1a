import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import { McpSession, McpTarget } from '../../src/mcp/index.ts';
import { startEverything, startSdkExample, type RunningServer } from '../helpers/servers.ts';
import { httpLines, resultText } from './result-views.ts';

interface StatefulServer {
  name: string;
  start(): Promise<RunningServer>;
  /** What the server answers a request naming a session it does not know. */
  lostStatus: number;
  tool: string;
  args: Record<string, unknown>;
  text: string;
}

const STATEFUL: StatefulServer[] = [
  { name: 'sdk stateful example', start: () => startSdkExample('stateful'), lostStatus: 404, tool: 'greet', args: { name: 'Ada' }, text: 'Hello, Ada!' },
  {
    name: 'server-everything streamableHttp',
    start: () => startEverything('streamableHttp'),
    lostStatus: 400,
    tool: 'echo',
    args: { message: 'again' },
    text: 'Echo: again',
  },
];

for (const kind of STATEFUL) {
  describe(`session loss on ${kind.name} (HTTP ${kind.lostStatus} for an unknown session)`, () => {
    let server: RunningServer;
    let target: McpTarget;

    before(async () => {
      server = await kind.start();
      target = new McpTarget({ url: server.url });
    });

    after(async () => {
      await target.close();
      await server.stop();
    });

    async function initializedSession(): Promise<McpSession> {
      const session = new McpSession(target, { protocolVersion: '2025-11-25' });
      const init = await session.initialize();
      assert.equal(init.outcome, 'success', init.error?.message);
      return session;
    }

    /** The call after the loss: refused, re-initialized once, retried, all in one operation. */
    async function assertRecovers(session: McpSession, lostSessionId: string): Promise<void> {
      const call = await session.callTool(kind.tool, kind.args);
      assert.equal(call.outcome, 'success', call.error?.message);
      assert.equal(call.reinitialized, true);
      assert.equal(resultText(call), kind.text);
      assert.deepEqual(httpLines(call), [`POST ${kind.lostStatus} call`, 'POST 200 reinit', 'POST 202 reinit', 'POST 200 call']);
      assert.ok(session.sessionId !== undefined && session.sessionId !== lostSessionId, 'a new session id');

      const next = await session.callTool(kind.tool, kind.args);
      assert.equal(next.reinitialized, false);
      assert.deepEqual(httpLines(next), ['POST 200 call']);
    }

    it(`after a server restart, the next call gets ${kind.lostStatus}, re-initializes once and succeeds`, async () => {
      const session = await initializedSession();
      const lost = session.sessionId!;
      await server.restart();
      await assertRecovers(session, lost);
      await session.close();
    });

    it('after a DELETE of the session behind the client, the next call re-initializes once and succeeds', async () => {
      const session = await initializedSession();
      const lost = session.sessionId!;
      const deleted = await request(server.url, {
        method: 'DELETE',
        headers: { 'mcp-session-id': lost, 'mcp-protocol-version': '2025-11-25' },
      });
      await deleted.body.dump();
      assert.equal(deleted.statusCode, 200);
      await assertRecovers(session, lost);
      await session.close();
    });

    it('a stopped server is a connect failure, not a lost session: no re-initialization', async () => {
      const session = await initializedSession();
      await server.stop();
      const call = await session.callTool(kind.tool, kind.args);
      assert.equal(call.outcome, 'transport');
      assert.equal(call.error?.reason, 'connect');
      assert.equal(call.reinitialized, false);
      assert.deepEqual(httpLines(call), ['POST 0 call']);
      assert.equal(call.http[0].failed, true);
    });
  });
}

describe('session loss on server-everything sse (the GET stream ends)', () => {
  let server: RunningServer;
  let target: McpTarget;

  before(async () => {
    server = await startEverything('sse');
    target = new McpTarget({ url: server.url });
  });

  after(async () => {
    await target.close();
    await server.stop();
  });

  it('after a server restart, the next call reopens the stream, re-initializes once and succeeds', async () => {
    const session = new McpSession(target, { transport: 'sse' });
    await session.initialize();
    await server.restart();

    const call = await session.callTool('echo', { message: 'back' });
    assert.equal(call.outcome, 'success', call.error?.message);
    assert.equal(call.reinitialized, true);
    assert.equal(resultText(call), 'Echo: back');
    assert.deepEqual(httpLines(call), ['GET 200 reinit', 'POST 202 reinit', 'POST 202 reinit', 'POST 202 call']);

    const next = await session.callTool('echo', { message: 'steady' });
    assert.equal(next.reinitialized, false);
    assert.deepEqual(httpLines(next), ['POST 202 call']);
    await session.close();
  });
});
