import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { McpSession, McpTarget } from '../../src/mcp/index.ts';
import type { RunningServer } from '../helpers/servers.ts';
import { startScriptedServer } from './scripted-server.ts';
import { resultText } from './result-views.ts';

/** An SSE reply of one event carrying the JSON-RPC response. */
function sseEvent(id: unknown, text: string): string {
  return `event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', id, result: { content: [{ type: 'text', text }] } })}\n\n`;
}

// SSE decoders and parsers are reused from one reply to the next: nothing a reply left behind
// (a partial event, half a UTF-8 character) may reach the next one.
describe('SSE replies, one after another on reused decoders and parsers', () => {
  let server: RunningServer;
  before(async () => {
    server = await startScriptedServer((request, res) => {
      const { name, arguments: args } = request.params as { name: string; arguments: { text: string } };
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (name === 'runaway') {
        // An event that never ends and outgrows maxResponseBytes: the client aborts it mid-event.
        res.write(`event: message\ndata: {"jsonrpc":"2.0","id":${JSON.stringify(request.id)},"result":{"text":"${'x'.repeat(4096)}`);
        return;
      }
      if (name === 'torn') {
        // A complete reply, then a partial event and the first byte of a 3-byte character at the end of the stream.
        res.write(sseEvent(request.id, args.text));
        res.end(Buffer.concat([Buffer.from('event: message\ndata: {"partial":'), Buffer.from([0xe2])]));
        return;
      }
      res.end(sseEvent(request.id, args.text));
    });
  });
  after(() => server.stop());

  it('after a runaway event and a torn stream, the next replies parse exactly', async () => {
    const target = new McpTarget({ url: server.url, maxResponseBytes: 1024 });
    const session = new McpSession(target, { protocolVersion: '2025-11-25' });
    try {
      assert.equal((await session.initialize()).outcome, 'success');
      for (let round = 0; round < 3; round++) {
        const runaway = await session.callTool('runaway', { text: '' });
        assert.equal(runaway.error?.reason, 'too_large', runaway.error?.message);
        const torn = await session.callTool('torn', { text: `torn ${round} ✓` });
        assert.equal(torn.outcome, 'success', torn.error?.message);
        assert.equal(resultText(torn), `torn ${round} ✓`);
        const clean = await session.callTool('echo', { text: `clean ${round} — ✓` });
        assert.equal(clean.outcome, 'success', clean.error?.message);
        assert.equal(resultText(clean), `clean ${round} — ✓`);
        assert.equal(clean.notifications, 0, 'no event of an earlier reply surfaced in this one');
      }
    } finally {
      await session.close();
      await target.close();
    }
  });
});
