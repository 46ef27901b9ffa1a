import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { McpSession, McpTarget } from '../../src/mcp/index.ts';
import { startHttpFixture, type RunningServer } from '../helpers/servers.ts';

/** A server that takes 25 ms per initialize, counting how many are open at once. */
describe('session handshakes take turns', () => {
  let server: RunningServer;
  let open = 0;
  let mostOpen = 0;
  let sessions = 0;

  before(async () => {
    server = await startHttpFixture((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const message = JSON.parse(body) as { id?: number; method: string };
        if (message.id === undefined) return void res.writeHead(202).end();
        open++;
        mostOpen = Math.max(mostOpen, open);
        // Long enough for all seven sessions' requests to arrive if nothing held them back.
        setTimeout(() => {
          open--;
          res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': `s${++sessions}` });
          res.end(
            JSON.stringify({
              jsonrpc: '2.0',
              id: message.id,
              result: { protocolVersion: '2025-11-25', capabilities: {}, serverInfo: { name: 't', version: '1' } },
            }),
          );
        }, 25);
      });
    });
  });
  after(() => server.stop());

  it('at most maxConcurrentHandshakes are in flight; every session still initializes', async () => {
    const target = new McpTarget({ url: server.url, maxConcurrentHandshakes: 2 });
    try {
      const sessions = Array.from({ length: 7 }, () => new McpSession(target, { protocolVersion: '2025-11-25' }));
      const results = await Promise.all(sessions.map((s) => s.initialize()));
      assert.deepEqual(
        results.map((r) => r.outcome),
        Array(7).fill('success'),
      );
      assert.equal(mostOpen, 2);
      assert.equal(new Set(sessions.map((s) => s.sessionId)).size, 7);
    } finally {
      await target.close();
    }
  });

  it('refuses a non-positive bound, naming the option', () => {
    assert.throws(() => new McpTarget({ url: server.url, maxConcurrentHandshakes: 0 }), /maxConcurrentHandshakes must be a positive number, got 0/);
  });
});
