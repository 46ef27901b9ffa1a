import { TOOL_VERSION } from '../../src/version.ts';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { McpSession, McpTarget } from '../../src/mcp/index.ts';
import { encodeHeaderValue } from '../../src/mcp/param-headers.ts';
import { startV2Fixture, type RunningServer } from '../helpers/servers.ts';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy.ts';
import { httpLines, resultText } from './result-views.ts';

const ELICITATION = { elicitation: { action: 'accept', content: { name: 'Ada' } } };

describe('stateless 2026-07-28 against the v2 SDK fixture (no handshake, no session)', () => {
  let server: RunningServer;
  let proxy: RecordingProxy;
  /** Through the recording proxy; its first session made the discover probe. */
  let target: McpTarget;
  let session: McpSession;
  let firstInit: Awaited<ReturnType<McpSession['initialize']>>;

  before(async () => {
    server = await startV2Fixture();
    proxy = await startRecordingProxy(server.url);
    target = new McpTarget({ url: proxy.url });
    session = new McpSession(target, { replies: ELICITATION });
    firstInit = await session.initialize();
  });

  after(async () => {
    await session.close();
    await target.close();
    await proxy.stop();
    await server.stop();
  });

  it('auto: the first session costs one server/discover POST and one tools/list (the schemas, for Mcp-Param headers) and negotiates 2026-07-28; initialize is never sent', () => {
    assert.equal(firstInit.outcome, 'success', firstInit.error?.message);
    assert.deepEqual(httpLines(firstInit), ['POST 200 discovery', 'POST 200 session']);
    assert.deepEqual(proxy.postedMethods().slice(0, 2), ['server/discover', 'tools/list']);
    assert.equal(session.protocolVersion, '2026-07-28');
    assert.equal(session.stateless, true);
    assert.equal(session.sessionId, undefined);
    assert.equal(session.transportKind, 'streamable-http');
    assert.deepEqual(session.serverInfo, { name: 'mcp-load-v2-fixture', version: '1.0.0' });
    assert.equal(target.era, 'stateless');
    assert.equal(target.statelessVersion, '2026-07-28');
  });

  it('a second session on the same target initializes with zero requests', async () => {
    const second = new McpSession(target);
    const init = await second.initialize();
    assert.equal(init.outcome, 'success', init.error?.message);
    assert.deepEqual(init.http, []);
    assert.equal(second.protocolVersion, '2026-07-28');
    const call = await second.callTool('add', { a: 2, b: 3 });
    assert.equal(resultText(call), '5');
    assert.deepEqual(httpLines(call), ['POST 200 call']);
  });

  it("a pinned 2026-07-28 session needs no discovery on a fresh target: only the tools' schemas, once per target", async () => {
    const fresh = new McpTarget({ url: server.url });
    try {
      const pinned = new McpSession(fresh, { protocolVersion: '2026-07-28' });
      const init = await pinned.initialize();
      assert.deepEqual(httpLines(init), ['POST 200 session']);
      assert.deepEqual(httpLines(await new McpSession(fresh, { protocolVersion: '2026-07-28' }).initialize()), []);
      const call = await pinned.callTool('echo', { message: 'pinned' });
      assert.equal(call.outcome, 'success', call.error?.message);
      assert.equal(resultText(call), 'Echo: pinned');
      assert.deepEqual(httpLines(call), ['POST 200 call']);
    } finally {
      await fresh.close();
    }
  });

  it('tools/call is one POST with Mcp-Method, Mcp-Name, MCP-Protocol-Version, no session id, and the _meta envelope', async () => {
    const first = proxy.requests.length;
    const call = await session.callTool('echo', { message: 'hi' });
    assert.equal(call.outcome, 'success', call.error?.message);
    assert.equal(resultText(call), 'Echo: hi');
    assert.deepEqual(httpLines(call), ['POST 200 call']);

    const sent = proxy.requests.slice(first);
    assert.equal(sent.length, 1);
    const { headers, body, contentType } = sent[0];
    assert.equal(headers['mcp-method'], 'tools/call');
    assert.equal(headers['mcp-name'], 'echo');
    assert.equal(headers['mcp-protocol-version'], '2026-07-28');
    assert.equal(headers['mcp-session-id'], undefined);
    assert.equal(contentType, 'application/json');
    const params = (JSON.parse(body) as { params: Record<string, unknown> }).params;
    assert.deepEqual(params, {
      name: 'echo',
      arguments: { message: 'hi' },
      _meta: {
        'io.modelcontextprotocol/protocolVersion': '2026-07-28',
        'io.modelcontextprotocol/clientCapabilities': { elicitation: {} },
        'io.modelcontextprotocol/clientInfo': { name: 'mcp-load', version: TOOL_VERSION },
      },
    });
  });

  it('tools/list carries Mcp-Method but no Mcp-Name', async () => {
    const first = proxy.requests.length;
    const list = await session.listTools();
    assert.equal(list.outcome, 'success', list.error?.message);
    assert.deepEqual(httpLines(list), ['POST 200 call']);
    const names = (list.result as { tools: Array<{ name: string }> }).tools.map((t) => t.name);
    assert.deepEqual(names, ['echo', 'add', 'fail', 'ask']);
    const [sent] = proxy.requests.slice(first);
    assert.equal(sent.headers['mcp-method'], 'tools/list');
    assert.equal(sent.headers['mcp-name'], undefined);
  });

  it('the ask tool (input required) succeeds in 2 POSTs with the configured elicitation reply, counting 1 server request', async () => {
    const first = proxy.requests.length;
    const call = await session.callTool('ask', {});
    assert.equal(call.outcome, 'success', call.error?.message);
    assert.equal(resultText(call), 'Hello, Ada! (state=ask-round-1)');
    assert.deepEqual(httpLines(call), ['POST 200 call', 'POST 200 call']);
    assert.equal(call.serverRequests, 1);

    const retry = JSON.parse(proxy.requests[first + 1].body) as { params: Record<string, unknown> };
    assert.deepEqual(retry.params.inputResponses, { name: { action: 'accept', content: { name: 'Ada' } } });
    assert.equal(retry.params.requestState, 'ask-round-1');
  });

  it('the ask tool without an elicitation reply is a protocol error -32021 (capability not declared) in one POST', async () => {
    const bare = new McpSession(target);
    await bare.initialize();
    const call = await bare.callTool('ask', {});
    assert.equal(call.outcome, 'protocol');
    assert.equal(call.error?.code, -32021);
    assert.equal(call.error?.status, 400);
    assert.deepEqual(httpLines(call), ['POST 400 call']);
  });

  it('a tool returning isError is a tool outcome', async () => {
    const call = await session.callTool('fail', {});
    assert.equal(call.outcome, 'tool');
    assert.equal(call.error?.message, 'this tool always fails');
    assert.deepEqual(httpLines(call), ['POST 200 call']);
  });

  it('an unknown method is a protocol error -32601, answered with HTTP 404', async () => {
    const res = await session.request('foo/bar');
    assert.equal(res.outcome, 'protocol');
    assert.equal(res.error?.code, -32601);
    assert.equal(res.error?.status, 404);
    assert.deepEqual(httpLines(res), ['POST 404 call']);
  });

  it('a non-ASCII tool name goes as a =?base64?…?= Mcp-Name the server decodes (unknown tool, not a header mismatch)', async () => {
    assert.equal(encodeHeaderValue('héllo wörld'), '=?base64?aMOpbGxvIHfDtnJsZA==?=');
    assert.equal(encodeHeaderValue('echo'), 'echo');
    assert.equal(encodeHeaderValue(' padded'), `=?base64?${Buffer.from(' padded').toString('base64')}?=`);

    const first = proxy.requests.length;
    const call = await session.callTool('héllo wörld', {});
    assert.equal(proxy.requests[first].headers['mcp-name'], '=?base64?aMOpbGxvIHfDtnJsZA==?=');
    assert.equal(call.outcome, 'protocol');
    assert.equal(call.error?.code, -32602);
    assert.equal(call.error?.message, 'Tool héllo wörld not found');
  });

  it('close makes no request (there is no session to delete)', async () => {
    const closing = new McpSession(target);
    await closing.initialize();
    const close = await closing.close();
    assert.equal(close.outcome, 'success', close.error?.message);
    assert.deepEqual(close.http, []);
  });

  it('no request through the proxy was ever an initialize, and none carried a session id', () => {
    assert.ok(!proxy.postedMethods().includes('initialize'));
    assert.ok(proxy.requests.every((r) => r.headers['mcp-session-id'] === undefined));
  });
});
