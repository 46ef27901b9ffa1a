// 2026-07-28 has no resumability: a broken reply stream loses the request. `reissue` sends it
// again once with a new id.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { McpSession, McpTarget } from '../../src/mcp/index.ts';
import { startHttpFixture, type RunningServer } from '../helpers/servers.ts';
import { httpLines, resultText } from './result-views.ts';

describe('reissue on 2026-07-28 (a server whose first reply stream for each call ends before the response)', () => {
  let server: RunningServer;
  /** The ids of the tools/call requests the server received, in order. */
  const callIds: number[] = [];
  let breakNext = true;

  before(async () => {
    server = await startHttpFixture((req, res) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (text += c));
      req.on('end', () => {
        const m = JSON.parse(text) as { id: number; method: string };
        const json = (body: object) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id: m.id, ...body }));
        if (m.method === 'server/discover') return json({ result: { supportedVersions: ['2026-07-28'], capabilities: { tools: {} } } });
        if (m.method === 'tools/list') return json({ result: { tools: [{ name: 'work', inputSchema: { type: 'object' } }] } });
        callIds.push(m.id);
        if (breakNext) {
          breakNext = false;
          return void res.writeHead(200, { 'content-type': 'text/event-stream' }).end('data:\n\n'); // ends with no response
        }
        breakNext = true;
        json({ result: { content: [{ type: 'text', text: `answered ${m.id}` }] } });
      });
    });
  });
  after(() => server.stop());

  it('reissue: true sends the lost request again once, with a new id, and the call succeeds', async () => {
    const target = new McpTarget({ url: server.url });
    const session = new McpSession(target, { reissue: true });
    await session.initialize();
    const before = callIds.length;
    const call = await session.callTool('work', {});
    await target.close();
    assert.equal(call.outcome, 'success', call.error?.message);
    assert.equal(call.reissued, 1);
    const [lost, again] = callIds.slice(before);
    assert.equal(callIds.length, before + 2);
    assert.notEqual(lost, again);
    assert.equal(resultText(call), `answered ${again}`);
    assert.deepEqual(httpLines(call), ['POST 200 call', 'POST 200 call']);
  });

  it('without reissue the lost request is a stream_ended transport failure, sent once', async () => {
    breakNext = true;
    const target = new McpTarget({ url: server.url });
    const session = new McpSession(target);
    await session.initialize();
    const before = callIds.length;
    const call = await session.callTool('work', {});
    await target.close();
    assert.equal(call.error?.reason, 'stream_ended');
    assert.equal(call.reissued, 0);
    assert.equal(callIds.length, before + 1);
  });
});
