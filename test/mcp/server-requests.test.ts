import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { McpSession, McpTarget } from '../../src/mcp/index.ts';
import { startEverything, type RunningServer } from '../helpers/servers.ts';
import { httpLines, resultText } from './result-views.ts';

const PINNED = { protocolVersion: '2025-11-25' } as const;

describe('server-to-client requests on the 2025 line (server-everything, answered during the call)', () => {
  let server: RunningServer;
  let target: McpTarget;

  before(async () => {
    server = await startEverything('streamableHttp');
    target = new McpTarget({ url: server.url });
  });
  after(async () => {
    await target.close();
    await server.stop();
  });

  it('sampling/createMessage is answered with the canned reply, counted, and the call succeeds', async () => {
    const sampling = { role: 'assistant', content: { type: 'text', text: 'canned completion' }, model: 'mcp-load', stopReason: 'endTurn' };
    const session = new McpSession(target, { ...PINNED, replies: { sampling } });
    assert.equal((await session.initialize()).outcome, 'success');
    const call = await session.callTool('trigger-sampling-request', { prompt: 'hi', maxTokens: 5 });
    assert.equal(call.outcome, 'success', call.error?.message);
    assert.equal(call.serverRequests, 1);
    assert.deepEqual(httpLines(call), ['POST 200 call', 'POST 202 server-request']);
    assert.match(resultText(call) ?? '', /canned completion/);
    await session.close();
  });

  it('elicitation/create is answered with the canned reply', async () => {
    const elicitation = { action: 'accept', content: { name: 'Ada', email: 'ada@example.com', age: 36, role: 'admin' } };
    const session = new McpSession(target, { ...PINNED, replies: { elicitation } });
    await session.initialize();
    const call = await session.callTool('trigger-elicitation-request', {});
    assert.equal(call.outcome, 'success', call.error?.message);
    assert.equal(call.serverRequests, 1);
    assert.deepEqual(httpLines(call), ['POST 200 call', 'POST 202 server-request']);
    await session.close();
  });

  it('roots/list, sent by the server on the GET stream after initialize, is answered with the configured roots', async () => {
    const session = new McpSession(target, { ...PINNED, openStream: true, replies: { roots: [{ uri: 'file:///work/project', name: 'project' }] } });
    const init = await session.initialize();
    assert.deepEqual(httpLines(init), ['POST 200 session', 'POST 202 session', 'GET 200 stream']);
    const call = await session.callTool('get-roots-list', {});
    assert.equal(call.outcome, 'success', call.error?.message);
    assert.match(resultText(call) ?? '', /file:\/\/\/work\/project/);
    // Exactly one roots/list was answered: on the GET stream after initialize (counted on the
    // session's background trace), or during the call if the server asked again then.
    assert.equal(session.background.serverRequests + call.serverRequests, 1);
    await session.close();
  });
});
