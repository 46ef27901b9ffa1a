import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { McpSession, McpTarget } from '../../src/mcp/index.ts';
import { startHttpFixture, type RunningServer } from '../helpers/servers.ts';

/**
 * The round-robin run, reduced to one session: initialize is answered 200 with a session id,
 * and its follow-up (notifications/initialized) reaches "another instance" that answers 404 Session
 * not found. `refuseInitialize`: initialize itself is refused 404 (no MCP endpoint at all).
 */
function followUpRefused(refuseInitialize: boolean): Promise<RunningServer> {
  return startHttpFixture((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const message = body ? (JSON.parse(body) as { id?: number; method?: string }) : {};
      if (req.method !== 'POST' || message.method === 'server/discover' || (refuseInitialize && message.method === 'initialize')) {
        return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      }
      if (message.method === 'initialize') {
        res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 's-1', 'x-served-by': 'a' });
        return void res.end(
          JSON.stringify({
            jsonrpc: '2.0',
            id: message.id,
            result: { protocolVersion: '2025-11-25', capabilities: {}, serverInfo: { name: 'a', version: '1' } },
          }),
        );
      }
      res.writeHead(404, { 'content-type': 'application/json', 'x-served-by': 'b' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32001, message: 'Session not found' } }));
    });
  });
}

describe('a handshake whose follow-up is refused after initialize answered 200', () => {
  let server: RunningServer;
  before(async () => {
    server = await followUpRefused(false);
  });
  after(() => server?.stop());

  it('fails as a session lost right after the handshake, naming both instances, not as a server that speaks neither transport', async () => {
    const target = new McpTarget({ url: server.url });
    try {
      const session = new McpSession(target);
      const result = await session.initialize();
      assert.equal(result.outcome, 'transport');
      assert.equal(result.error?.status, 404);
      assert.match(
        result.error!.message,
        /^session lost right after the handshake: initialize was answered HTTP 200 from instance a, then its follow-up got HTTP 404 from instance b, another instance, which does not know the session/,
      );
      assert.doesNotMatch(result.error!.message, /speaks neither MCP transport/);
      assert.equal(result.http.filter((r) => r.method === 'GET').length, 0, 'no legacy fallback was tried');
      assert.deepEqual(
        result.lost?.map((l) => [l.phase, l.status, l.calls]),
        [['handshake', 404, 0]],
      );
      assert.equal(result.hopped, true);
      assert.equal(session.initialized, false);
    } finally {
      await target.close();
    }
  });
});

describe('initialize itself refused 404', () => {
  let server: RunningServer;
  before(async () => {
    server = await followUpRefused(true);
  });
  after(() => server?.stop());

  it('still probes the legacy transport, as the spec says, and says the server speaks neither', async () => {
    const target = new McpTarget({ url: server.url });
    try {
      const result = await new McpSession(target).initialize();
      assert.match(result.error?.message ?? '', /speaks neither MCP transport/);
      assert.equal(result.lost, undefined);
    } finally {
      await target.close();
    }
  });
});
