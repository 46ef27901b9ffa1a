import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { McpSession, McpTarget } from '../../src/mcp/index.ts';
import { startScriptedServer } from '../mcp/scripted-server.ts';

async function callAgainst(reply: (id: number | string) => { contentType: string; body: string }) {
  const server = await startScriptedServer((request, res) => {
    // The 2026 discovery probe is turned down as a 2025 server does; only the call gets the bad reply.
    if (request.method !== 'tools/call') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ jsonrpc: '2.0', id: request.id, error: { code: -32601, message: 'Method not found' } }));
    }
    const { contentType, body } = reply(request.id);
    res.writeHead(200, { 'content-type': contentType }).end(body);
  });
  const target = new McpTarget({ url: server.url, timeoutMs: 5_000 });
  try {
    const session = new McpSession(target, { transport: 'streamable-http' });
    const init = await session.initialize();
    assert.equal(init.outcome, 'success', init.error?.message);
    return await session.callTool('echo', {});
  } finally {
    await target.close();
    await server.stop();
  }
}

const result = (id: unknown) => JSON.stringify({ jsonrpc: '2.0', id, result: { content: [{ type: 'text', text: 'x' }] } });

describe('a reply answering another JSON-RPC id names the id it received', () => {
  it('JSON reply with a wrong id', async () => {
    const call = await callAgainst(() => ({ contentType: 'application/json', body: result(999) }));
    assert.equal(call.outcome, 'transport');
    assert.match(call.error?.message ?? '', /has no response for request \d+ \(received id 999 instead\)$/);
  });

  it('SSE reply with a wrong string id', async () => {
    const call = await callAgainst(() => ({ contentType: 'text/event-stream', body: `event: message\ndata: ${result('not-yours')}\n\n` }));
    assert.equal(call.outcome, 'transport');
    assert.match(call.error?.message ?? '', /ended before the response to request \d+ \(received id "not-yours" instead\)$/);
  });

  it('JSON reply with no id at all', async () => {
    const call = await callAgainst(() => ({ contentType: 'application/json', body: JSON.stringify({ jsonrpc: '2.0', result: {} }) }));
    assert.equal(call.outcome, 'transport');
    assert.match(call.error?.message ?? '', /has no response for request \d+ \(received a response without an id instead\)$/);
  });
});

describe('legacy SSE: a response on the stream for another id is named when the request times out', () => {
  it('names the id the stream carried', async () => {
    const { startHttpFixture } = await import('../helpers/servers.ts');
    let stream: import('node:http').ServerResponse | undefined;
    const server = await startHttpFixture((req, res) => {
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('event: endpoint\ndata: /messages?sessionId=1\n\n');
        stream = res;
        return;
      }
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        res.writeHead(202).end();
        const message = JSON.parse(body) as { id?: number; method?: string };
        if (message.id === undefined) return;
        const reply =
          message.method === 'initialize'
            ? {
                jsonrpc: '2.0',
                id: message.id,
                result: { protocolVersion: '2024-11-05', capabilities: { tools: {} }, serverInfo: { name: 'legacy', version: '1' } },
              }
            : { jsonrpc: '2.0', id: 4242, result: { content: [] } };
        stream?.write(`event: message\ndata: ${JSON.stringify(reply)}\n\n`);
      });
    });
    const target = new McpTarget({ url: server.url, timeoutMs: 500 });
    try {
      const session = new McpSession(target, { transport: 'sse' });
      const init = await session.initialize();
      assert.equal(init.outcome, 'success', init.error?.message);
      const call = await session.callTool('echo', {});
      assert.equal(call.outcome, 'transport');
      assert.match(call.error?.message ?? '', /no response to request \d+ on the SSE stream after 500 ms \(received id 4242 instead\)$/);
    } finally {
      await target.close();
      await server.stop();
    }
  });
});
