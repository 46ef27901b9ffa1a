import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { McpSession, McpTarget } from '../../src/mcp/index.ts';
import { startEverything, type RunningServer } from '../helpers/servers.ts';
import { httpLines, resultText } from './result-views.ts';

describe('legacy HTTP+SSE against server-everything sse (responses on the GET stream)', () => {
  let server: RunningServer;
  let target: McpTarget;
  let session: McpSession;

  before(async () => {
    server = await startEverything('sse');
    target = new McpTarget({ url: server.url });
    session = new McpSession(target, { transport: 'sse' });
    const init = await session.initialize();
    assert.equal(init.outcome, 'success', init.error?.message);
  });

  after(async () => {
    await session.close();
    await target.close();
    await server.stop();
  });

  it("transport 'sse': initialize opens the GET stream, then POSTs initialize and notifications/initialized (both 202)", async () => {
    const fresh = new McpSession(target, { transport: 'sse' });
    const init = await fresh.initialize();
    assert.equal(init.outcome, 'success', init.error?.message);
    assert.deepEqual(httpLines(init), ['GET 200 session', 'POST 202 session', 'POST 202 session']);
    assert.equal(fresh.transportKind, 'sse');
    assert.equal(fresh.protocolVersion, '2024-11-05');
    assert.equal(fresh.sessionId, undefined);
    await fresh.close();
  });

  it('a call costs exactly one POST (202); its response is matched from the stream', async () => {
    const echo = await session.callTool('echo', { message: 'over sse' });
    assert.equal(echo.outcome, 'success', echo.error?.message);
    assert.equal(resultText(echo), 'Echo: over sse');
    assert.deepEqual(httpLines(echo), ['POST 202 call']);
    assert.ok(echo.durationMs > 0);

    const sum = await session.callTool('get-sum', { a: 20, b: 22 });
    assert.equal(resultText(sum), 'The sum of 20 and 22 is 42.');
    assert.deepEqual(httpLines(sum), ['POST 202 call']);

    const list = await session.listTools();
    assert.equal(list.outcome, 'success', list.error?.message);
    assert.deepEqual(httpLines(list), ['POST 202 call']);
  });

  it('durationMs runs to the matching stream event, not to the 202; progress notifications are counted', async () => {
    const progressing = new McpSession(target, { transport: 'sse', progress: true });
    await progressing.initialize();
    const call = await progressing.callTool('trigger-long-running-operation', { duration: 0.3, steps: 3 });
    await progressing.close();
    assert.equal(call.outcome, 'success', call.error?.message);
    assert.equal(resultText(call), 'Long running operation completed. Duration: 0.3 seconds, Steps: 3.');
    assert.deepEqual(httpLines(call), ['POST 202 call']);
    assert.equal(call.progressNotifications, 3);
    assert.ok(call.durationMs >= 290, `durationMs ${call.durationMs}`);
    assert.ok(call.http[0].durationMs < call.durationMs, `202 after ${call.http[0].durationMs} ms, answer after ${call.durationMs} ms`);
  });

  it('overlapping calls on one stream each get their own response', async () => {
    const [a, b] = await Promise.all([session.callTool('echo', { message: 'first' }), session.callTool('echo', { message: 'second' })]);
    assert.equal(resultText(a), 'Echo: first');
    assert.equal(resultText(b), 'Echo: second');
    assert.deepEqual(httpLines(a), ['POST 202 call']);
    assert.deepEqual(httpLines(b), ['POST 202 call']);
  });

  it('an unknown method is a protocol error -32601 (one POST 202)', async () => {
    const res = await session.request('foo/bar');
    assert.equal(res.outcome, 'protocol');
    assert.equal(res.error?.code, -32601);
    assert.deepEqual(httpLines(res), ['POST 202 call']);
  });

  it('an unknown tool is a tool error', async () => {
    const call = await session.callTool('no-such-tool', {});
    assert.equal(call.outcome, 'tool');
    assert.equal(call.error?.message, 'MCP error -32602: Tool no-such-tool not found');
  });

  it('close makes no HTTP request (the transport has no DELETE) and ends the session', async () => {
    const closing = new McpSession(target, { transport: 'sse' });
    await closing.initialize();
    const close = await closing.close();
    assert.equal(close.outcome, 'success', close.error?.message);
    assert.deepEqual(close.http, []);
    assert.equal(closing.initialized, false);
  });

  it('auto: the first session pays the failed probes (404), then picks sse; the target remembers, so the second goes straight to the stream', async () => {
    const fresh = new McpTarget({ url: server.url });
    try {
      const first = new McpSession(fresh);
      const init1 = await first.initialize();
      assert.equal(init1.outcome, 'success', init1.error?.message);
      // server/discover probe, Streamable HTTP initialize, then the legacy handshake.
      assert.deepEqual(httpLines(init1), ['POST 404 discovery', 'POST 404 probe', 'GET 200 session', 'POST 202 session', 'POST 202 session']);
      assert.equal(first.transportKind, 'sse');
      assert.equal(fresh.transport, 'sse');

      const second = new McpSession(fresh);
      const init2 = await second.initialize();
      assert.deepEqual(httpLines(init2), ['GET 200 session', 'POST 202 session', 'POST 202 session']);
      assert.equal(second.transportKind, 'sse');

      const call = await second.callTool('echo', { message: 'auto' });
      assert.equal(resultText(call), 'Echo: auto');
      assert.deepEqual(httpLines(call), ['POST 202 call']);
      await first.close();
      await second.close();
    } finally {
      await fresh.close();
    }
  });
});
