import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { McpSession, McpTarget } from '../../src/mcp/index.ts';
import { startHttpFixture } from '../helpers/servers.ts';

describe('headers and credentials go to the target origin only', () => {
  it('a legacy SSE endpoint event naming another origin is refused: that origin never sees the Authorization header', async () => {
    const elsewhere: (string | undefined)[] = [];
    const other = await startHttpFixture((req, res) => {
      elsewhere.push(req.headers.authorization);
      req.resume();
      res.writeHead(202).end();
    });
    // The target's stream announces a message endpoint on the other server.
    const target = await startHttpFixture((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`event: endpoint\ndata: http://127.0.0.1:${other.port}/messages?sessionId=1\n\n`);
    });
    const client = new McpTarget({ url: target.url, headers: { Authorization: 'Bearer origin-secret-1' }, timeoutMs: 5_000 });
    try {
      const init = await new McpSession(client, { transport: 'sse' }).initialize();
      assert.equal(init.outcome, 'transport');
      assert.match(
        init.error?.message ?? '',
        /the endpoint event names another origin \(http:\/\/127\.0\.0\.1:\d+\) than the target's .*; mcp-load sends nothing there/,
      );
      assert.deepEqual(elsewhere, []);
    } finally {
      await client.close();
      await Promise.all([target.stop(), other.stop()]);
    }
  });
});
