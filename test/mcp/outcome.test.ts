// How a session turns what the server did into an OperationResult: one outcome class per kind of
// reply, with what it cost. The scripted server decides the reply; the test knows which class it is.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { McpSession, McpTarget, type JsonRpcRequest } from '../../src/mcp/index.ts';
import type { RunningServer } from '../helpers/servers.ts';
import { startScriptedServer, textResult } from './scripted-server.ts';

const DELAY_MS = 60;

/** tools/call NAME → the reply the server sends. */
const REPLIES: Record<string, (request: JsonRpcRequest, res: ServerResponse) => void> = {
  ok: (request, res) => setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(textResult(request.id, 'fine')), DELAY_MS),
  failing: (request, res) =>
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: { isError: true, content: [{ type: 'text', text: 'out of stock' }] } })),
  unknown: (request, res) =>
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ jsonrpc: '2.0', id: request.id, error: { code: -32602, message: 'Unknown tool: unknown' } })),
  crashing: (_request, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('boom'),
  proxied: (_request, res) => res.writeHead(502, { 'content-type': 'text/html', server: 'nginx' }).end('<html>502 Bad Gateway</html>'),
  limited: (_request, res) => res.writeHead(429, { 'retry-after': '2', 'content-type': 'text/plain' }).end('slow down'),
  moved: (_request, res) => res.writeHead(307, { location: 'http://127.0.0.1:1/elsewhere' }).end(),
};

describe('the outcome of an operation', () => {
  let server: RunningServer;
  let target: McpTarget;
  let session: McpSession;
  before(async () => {
    server = await startScriptedServer((request, res) => REPLIES[(request.params as { name: string }).name](request, res));
    target = new McpTarget({ url: server.url, timeoutMs: 5_000 });
    session = new McpSession(target, { protocolVersion: '2025-11-25' });
    assert.equal((await session.initialize()).outcome, 'success');
  });
  after(async () => {
    await session.close();
    await target.close();
    await server.stop();
  });

  it('a result: success, its content, its time from the request to the response, one POST and the bytes it carried', async () => {
    const r = await session.callTool('ok', {});
    assert.equal(r.outcome, 'success');
    assert.deepEqual([r.method, r.name, r.error], ['tools/call', 'ok', undefined]);
    assert.deepEqual(r.result, { content: [{ type: 'text', text: 'fine' }] });
    assert.ok(r.durationMs >= DELAY_MS - 2, `${r.durationMs} ms, the server waited ${DELAY_MS} ms`);
    assert.deepEqual(
      r.http.map((h) => [h.method, h.status, h.purpose, h.failed]),
      [['POST', 200, 'call', false]],
    );
    assert.equal(r.ttfbMs, r.http[0].ttfbMs);
    assert.equal(r.bytesSent, r.http[0].bytesSent);
    assert.ok(r.bytesReceived >= textResult(1, 'fine').length, `${r.bytesReceived} bytes received`);
  });

  it('isError: true is the tool class, its first text block the message', async () => {
    const r = await session.callTool('failing', {});
    assert.deepEqual([r.outcome, r.error], ['tool', { message: 'out of stock' }]);
  });

  it('a JSON-RPC error is the protocol class, with its code and message', async () => {
    const r = await session.callTool('unknown', {});
    assert.deepEqual([r.outcome, r.error], ['protocol', { message: 'Unknown tool: unknown', code: -32602 }]);
  });

  it('HTTP 500 is the transport class with its status; a proxy’s 502 is the gateway class', async () => {
    const crashed = await session.callTool('crashing', {});
    assert.deepEqual([crashed.outcome, crashed.error?.status, crashed.error?.reason], ['transport', 500, 'http_status']);
    assert.deepEqual(
      crashed.http.map((h) => h.status),
      [500],
    );
    const proxied = await session.callTool('proxied', {});
    assert.deepEqual([proxied.outcome, proxied.error?.status], ['gateway', 502]);
  });

  it('a 429 carries its Retry-After in ms; a redirect its Location (not followed)', async () => {
    const limited = await session.callTool('limited', {});
    assert.deepEqual([limited.outcome, limited.error?.status, limited.error?.retryAfterMs], ['transport', 429, 2000]);
    const moved = await session.callTool('moved', {});
    assert.deepEqual([moved.outcome, moved.error?.status, moved.error?.location], ['transport', 307, 'http://127.0.0.1:1/elsewhere']);
    assert.equal(moved.http.length, 1, 'the redirect is not followed');
  });
});
