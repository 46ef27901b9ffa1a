import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { McpSession, McpTarget } from '../../src/mcp/index.ts';
import { startSdkExample, type RunningServer } from '../helpers/servers.ts';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy.ts';
import { httpLines, resultText } from './result-views.ts';

const PINNED = { protocolVersion: '2025-11-25' } as const;

describe('SDK example: stateless Streamable HTTP (no session id, SSE replies)', () => {
  let server: RunningServer;
  let target: McpTarget;
  let session: McpSession;

  before(async () => {
    server = await startSdkExample('stateless');
    target = new McpTarget({ url: server.url });
    session = new McpSession(target, PINNED);
  });

  after(async () => {
    await target.close();
    await server.stop();
  });

  it('initialize succeeds in 2 POSTs and leaves no session id', async () => {
    const init = await session.initialize();
    assert.equal(init.outcome, 'success', init.error?.message);
    assert.deepEqual(httpLines(init), ['POST 200 session', 'POST 202 session']);
    assert.equal(session.sessionId, undefined);
    assert.equal(session.protocolVersion, '2025-11-25');
    assert.deepEqual(session.serverInfo, { name: 'stateless-streamable-http-server', version: '1.0.0' });
  });

  it('calls, prompts and resources work without a session id, one POST each', async () => {
    const call = await session.callTool('start-notification-stream', { interval: 1, count: 2 });
    assert.equal(call.outcome, 'success', call.error?.message);
    assert.equal(resultText(call), 'Started sending periodic notifications every 1ms');
    assert.deepEqual(httpLines(call), ['POST 200 call']);

    const prompt = await session.getPrompt('greeting-template', { name: 'Ada' });
    assert.equal(prompt.outcome, 'success', prompt.error?.message);
    assert.equal(prompt.name, 'greeting-template');
    const messages = (prompt.result as { messages: Array<{ content: { text: string } }> }).messages;
    assert.equal(messages[0].content.text, 'Please greet Ada in a friendly manner.');
    assert.deepEqual(httpLines(prompt), ['POST 200 call']);

    const resource = await session.readResource('https://example.com/greetings/default');
    assert.equal(resource.outcome, 'success', resource.error?.message);
    assert.deepEqual((resource.result as { contents: unknown[] }).contents, [{ uri: 'https://example.com/greetings/default', text: 'Hello, world!' }]);
    assert.equal(session.sessionId, undefined);
  });

  it('close makes no request: there is no session to delete', async () => {
    const close = await session.close();
    assert.equal(close.outcome, 'success', close.error?.message);
    assert.deepEqual(close.http, []);
  });
});

describe('SDK example: JSON-response Streamable HTTP (stateful, application/json replies)', () => {
  let server: RunningServer;
  let proxy: RecordingProxy;
  let target: McpTarget;
  let session: McpSession;

  before(async () => {
    server = await startSdkExample('json-response');
    proxy = await startRecordingProxy(server.url);
    target = new McpTarget({ url: proxy.url });
    session = new McpSession(target, PINNED);
  });

  after(async () => {
    await target.close();
    await proxy.stop();
    await server.stop();
  });

  it('initialize and a call are answered with plain JSON, one POST per message', async () => {
    const init = await session.initialize();
    assert.equal(init.outcome, 'success', init.error?.message);
    assert.deepEqual(httpLines(init), ['POST 200 session', 'POST 202 session']);
    assert.match(session.sessionId ?? '', /^[0-9a-f-]{36}$/);

    const call = await session.callTool('greet', { name: 'Ada' });
    assert.equal(call.outcome, 'success', call.error?.message);
    assert.equal(resultText(call), 'Hello, Ada!');
    assert.deepEqual(httpLines(call), ['POST 200 call']);

    const replies = proxy.requests.map((r) => [r.method, r.status, r.contentType.split(';')[0]]);
    assert.deepEqual(replies, [
      ['POST', 200, 'application/json'],
      ['POST', 202, ''],
      ['POST', 200, 'application/json'],
    ]);
  });

  it('close sends one DELETE; the example has no DELETE route (404), which still ends the session', async () => {
    const close = await session.close();
    assert.equal(close.outcome, 'success', close.error?.message);
    assert.deepEqual(httpLines(close), ['DELETE 404 teardown']);
    assert.equal(session.sessionId, undefined);
  });
});
