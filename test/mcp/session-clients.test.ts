// Both clients that can carry a session's requests: the lean HTTP/1.1 connection (default) and
// undici's Client (MCP_LOAD_HTTP_CLIENT=undici), against the same real servers, with the same costs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { McpSession, McpTarget } from '../../src/mcp/index.ts';
import { startEverything, startSdkExample, type RunningServer } from '../helpers/servers.ts';
import { httpLines, resultText } from './result-views.ts';

const PINNED = { protocolVersion: '2025-11-25' } as const;

for (const sessionClient of ['lean', 'undici'] as const) {
  describe(`sessions over the ${sessionClient} client`, () => {
    let everything: RunningServer;
    let jsonServer: RunningServer;

    before(async () => {
      [everything, jsonServer] = await Promise.all([startEverything('streamableHttp'), startSdkExample('json-response')]);
    });

    after(async () => {
      await Promise.all([everything.stop(), jsonServer.stop()]);
    });

    it('SSE replies (server-everything): initialize, three calls, DELETE, with the same HTTP costs', async () => {
      const target = new McpTarget({ url: everything.url, sessionClient });
      try {
        const session = new McpSession(target, PINNED);
        const init = await session.initialize();
        assert.equal(init.outcome, 'success', init.error?.message);
        assert.deepEqual(httpLines(init), ['POST 200 session', 'POST 202 session']);
        for (const message of ['one', 'two', 'three']) {
          const call = await session.callTool('echo', { message });
          assert.equal(call.outcome, 'success', call.error?.message);
          assert.equal(resultText(call), `Echo: ${message}`);
          assert.deepEqual(httpLines(call), ['POST 200 call']);
        }
        const closed = await session.close();
        assert.deepEqual(httpLines(closed), ['DELETE 200 teardown']);
      } finally {
        await target.close();
      }
    });

    it('JSON replies (SDK JSON-response example): a call answered in the body', async () => {
      const target = new McpTarget({ url: jsonServer.url, sessionClient });
      try {
        const session = new McpSession(target, PINNED);
        assert.equal((await session.initialize()).outcome, 'success');
        const call = await session.callTool('greet', { name: 'Ada' });
        assert.equal(call.outcome, 'success', call.error?.message);
        assert.equal(resultText(call), 'Hello, Ada!');
        assert.deepEqual(httpLines(call), ['POST 200 call']);
        await session.close();
      } finally {
        await target.close();
      }
    });
  });
}

it('MCP_LOAD_HTTP_CLIENT=undici is the default when the option is not given; anything else means lean', () => {
  const saved = process.env.MCP_LOAD_HTTP_CLIENT;
  try {
    process.env.MCP_LOAD_HTTP_CLIENT = 'undici';
    const undici = new McpTarget({ url: 'http://127.0.0.1:1/mcp' });
    assert.equal(undici.sessionDispatcher('http://127.0.0.1:1').constructor.name, 'Client');
    process.env.MCP_LOAD_HTTP_CLIENT = '';
    const lean = new McpTarget({ url: 'http://127.0.0.1:1/mcp' });
    assert.equal(lean.sessionDispatcher('http://127.0.0.1:1').constructor.name, 'H1Connection');
    void undici.close();
    void lean.close();
  } finally {
    if (saved === undefined) delete process.env.MCP_LOAD_HTTP_CLIENT;
    else process.env.MCP_LOAD_HTTP_CLIENT = saved;
  }
});
