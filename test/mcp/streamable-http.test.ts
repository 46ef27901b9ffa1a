import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { McpSession, McpTarget } from '../../src/mcp/index.ts';
import { startEverything, type RunningServer } from '../helpers/servers.ts';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy.ts';
import { httpLines, resultText } from './result-views.ts';

// Pinned to 2025-11-25 unless a test is about `auto`: no server/discover probe in the counts.
const PINNED = { protocolVersion: '2025-11-25' } as const;

describe('Streamable HTTP against server-everything (2025-11-25, stateful, SSE replies)', () => {
  let server: RunningServer;
  let proxy: RecordingProxy;
  let target: McpTarget;
  let session: McpSession;

  before(async () => {
    server = await startEverything('streamableHttp');
    proxy = await startRecordingProxy(server.url);
    target = new McpTarget({ url: server.url });
    session = new McpSession(target, PINNED);
    const init = await session.initialize();
    assert.equal(init.outcome, 'success', init.error?.message);
  });

  after(async () => {
    await session.close();
    await target.close();
    await proxy.stop();
    await server.stop();
  });

  it('initialize costs POST initialize (200) and POST notifications/initialized (202), both purpose session', async () => {
    const fresh = new McpSession(target, PINNED);
    const init = await fresh.initialize();
    assert.equal(init.outcome, 'success', init.error?.message);
    assert.equal(init.method, 'initialize');
    assert.deepEqual(httpLines(init), ['POST 200 session', 'POST 202 session']);
    assert.equal((init.result as { protocolVersion?: string }).protocolVersion, '2025-11-25');
    assert.equal(fresh.protocolVersion, '2025-11-25');
    assert.equal(fresh.transportKind, 'streamable-http');
    assert.match(fresh.sessionId ?? '', /^[0-9a-f-]{36}$/);
    assert.notEqual(fresh.sessionId, session.sessionId);
    assert.ok(init.durationMs > 0 && init.ttfbMs > 0);
    assert.equal(init.bytesSent, init.http[0].bytesSent + init.http[1].bytesSent);
    await fresh.close();
  });

  it('initialize goes without session headers; every later request carries Mcp-Session-Id and MCP-Protocol-Version', async () => {
    const proxied = new McpTarget({ url: proxy.url });
    const traced = new McpSession(proxied, PINNED);
    const first = proxy.requests.length;
    await traced.initialize();
    const sessionId = traced.sessionId;
    await traced.callTool('echo', { message: 'headers' });
    await traced.close();
    await proxied.close();

    const seen = proxy.requests.slice(first).map((r) => ({
      method: r.method,
      rpc: r.body ? (JSON.parse(r.body) as { method: string }).method : undefined,
      sessionId: r.headers['mcp-session-id'],
      protocolVersion: r.headers['mcp-protocol-version'],
    }));
    assert.deepEqual(seen, [
      { method: 'POST', rpc: 'initialize', sessionId: undefined, protocolVersion: undefined },
      { method: 'POST', rpc: 'notifications/initialized', sessionId, protocolVersion: '2025-11-25' },
      { method: 'POST', rpc: 'tools/call', sessionId, protocolVersion: '2025-11-25' },
      { method: 'DELETE', rpc: undefined, sessionId, protocolVersion: '2025-11-25' },
    ]);
  });

  it('tools/list costs one POST and lists the server tools', async () => {
    const list = await session.listTools();
    assert.equal(list.outcome, 'success', list.error?.message);
    assert.deepEqual(httpLines(list), ['POST 200 call']);
    const names = (list.result as { tools: Array<{ name: string }> }).tools.map((t) => t.name);
    for (const name of ['echo', 'get-sum', 'trigger-long-running-operation']) assert.ok(names.includes(name), `${name} in ${names}`);
  });

  it('tools/call echo returns the echoed text in one POST', async () => {
    const call = await session.callTool('echo', { message: 'hello' });
    assert.equal(call.outcome, 'success', call.error?.message);
    assert.equal(call.method, 'tools/call');
    assert.equal(call.name, 'echo');
    assert.equal(resultText(call), 'Echo: hello');
    assert.deepEqual(httpLines(call), ['POST 200 call']);
    assert.equal(call.reinitialized, false);
  });

  it('tools/call get-sum returns the sum in one POST', async () => {
    const call = await session.callTool('get-sum', { a: 2, b: 3 });
    assert.equal(call.outcome, 'success', call.error?.message);
    assert.equal(resultText(call), 'The sum of 2 and 3 is 5.');
    assert.deepEqual(httpLines(call), ['POST 200 call']);
  });

  it('with progress: true, a long-running call counts its 3 progress notifications and waits for the result', async () => {
    const progressing = new McpSession(target, { ...PINNED, progress: true });
    await progressing.initialize();
    const call = await progressing.callTool('trigger-long-running-operation', { duration: 0.3, steps: 3 });
    await progressing.close();
    assert.equal(call.outcome, 'success', call.error?.message);
    assert.equal(call.progressNotifications, 3);
    assert.equal(resultText(call), 'Long running operation completed. Duration: 0.3 seconds, Steps: 3.');
    assert.deepEqual(httpLines(call), ['POST 200 call']);
    assert.ok(call.durationMs >= 290, `durationMs ${call.durationMs}`);
  });

  it('without progress, the same call receives no progress notifications', async () => {
    const call = await session.callTool('trigger-long-running-operation', { duration: 0.3, steps: 3 });
    assert.equal(call.outcome, 'success', call.error?.message);
    assert.equal(call.progressNotifications, 0);
  });

  it('an unknown tool is a tool error (isError result), not a protocol error', async () => {
    const call = await session.callTool('no-such-tool', {});
    assert.equal(call.outcome, 'tool');
    assert.equal(call.error?.message, 'MCP error -32602: Tool no-such-tool not found');
    assert.deepEqual(httpLines(call), ['POST 200 call']);
  });

  it('bad tool arguments are a tool error carrying the validation message', async () => {
    const call = await session.callTool('get-sum', { a: 'two' });
    assert.equal(call.outcome, 'tool');
    assert.match(call.error?.message ?? '', /^MCP error -32602: Input validation error: Invalid arguments for tool get-sum/);
  });

  it('an unknown method is a protocol error -32601 in one POST', async () => {
    const res = await session.request('foo/bar');
    assert.equal(res.outcome, 'protocol');
    assert.equal(res.error?.code, -32601);
    assert.equal(res.error?.message, 'Method not found');
    assert.equal(res.error?.status, undefined);
    assert.deepEqual(httpLines(res), ['POST 200 call']);
  });

  it('close sends exactly one DELETE; afterwards calls fail as closed without any request', async () => {
    const closing = new McpSession(target, PINNED);
    await closing.initialize();
    const close = await closing.close();
    assert.equal(close.outcome, 'success', close.error?.message);
    assert.deepEqual(httpLines(close), ['DELETE 200 teardown']);
    assert.equal(closing.sessionId, undefined);

    const late = await closing.callTool('echo', { message: 'late' });
    assert.equal(late.outcome, 'transport');
    assert.equal(late.error?.reason, 'closed');
    assert.match(late.error?.message ?? '', /not initialized/);
    assert.deepEqual(late.http, []);
  });

  it('auto: the first session on a target pays one server/discover probe (400); the cached verdict spares the second', async () => {
    const fresh = new McpTarget({ url: server.url });
    try {
      const first = new McpSession(fresh);
      const init1 = await first.initialize();
      assert.equal(init1.outcome, 'success', init1.error?.message);
      assert.deepEqual(httpLines(init1), ['POST 400 discovery', 'POST 200 session', 'POST 202 session']);
      assert.equal(first.protocolVersion, '2025-11-25');
      assert.equal(first.transportKind, 'streamable-http');
      assert.equal(fresh.era, 'session');

      const second = new McpSession(fresh);
      const init2 = await second.initialize();
      assert.equal(init2.outcome, 'success', init2.error?.message);
      assert.deepEqual(httpLines(init2), ['POST 200 session', 'POST 202 session']);
      assert.equal(second.transportKind, 'streamable-http');
      await first.close();
      await second.close();
    } finally {
      await fresh.close();
    }
  });

  it('auto: sessions that start together share one probe; only the first pays it', async () => {
    const fresh = new McpTarget({ url: server.url });
    try {
      const sessions = Array.from({ length: 5 }, () => new McpSession(fresh));
      const inits = await Promise.all(sessions.map((s) => s.initialize()));
      assert.deepEqual(
        inits.map((r) => httpLines(r).filter((line) => line.endsWith('discovery')).length),
        [1, 0, 0, 0, 0],
      );
      assert.ok(inits.every((r) => r.outcome === 'success' && httpLines(r).includes('POST 200 session')));
      await Promise.all(sessions.map((s) => s.close()));
    } finally {
      await fresh.close();
    }
  });
});
