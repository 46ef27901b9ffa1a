import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { McpSession, McpTarget, type JsonRpcRequest } from '../../src/mcp/index.ts';
import { freePort, startHttpFixture, type RunningServer } from '../helpers/servers.ts';
import { startScriptedServer, textResult } from './scripted-server.ts';
import { httpLines, resultText } from './result-views.ts';

describe('targets that are not (working) MCP servers', () => {
  it('a refused port fails the first request with reason connect; nothing else is tried', async () => {
    const target = new McpTarget({ url: `http://127.0.0.1:${await freePort()}/mcp` });
    try {
      const init = await new McpSession(target).initialize();
      assert.equal(init.outcome, 'transport');
      assert.equal(init.error?.reason, 'connect');
      assert.match(init.error?.message ?? '', /cannot connect \(ECONNREFUSED\)\. Is the server running and the URL right\?/);
      assert.deepEqual(httpLines(init), ['POST 0 discovery']);
      assert.equal(init.http[0].failed, true);
      assert.equal(init.ttfbMs, -1);
    } finally {
      await target.close();
    }
  });

  it('an HTML 404 for everything: auto tries both transports and says so', async () => {
    const html = await startHttpFixture((req, res) => {
      req.resume();
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Not Found</body></html>');
    });
    const target = new McpTarget({ url: html.url });
    try {
      const init = await new McpSession(target).initialize();
      assert.equal(init.outcome, 'transport');
      assert.equal(init.error?.reason, 'http_status');
      assert.equal(init.error?.status, 404);
      const message = init.error?.message ?? '';
      assert.ok(message.startsWith(`${html.url} speaks neither MCP transport.`), message);
      assert.match(message, /Streamable HTTP: POST \S+: HTTP 404 \(is this an MCP endpoint\?\): <html><body>Not Found<\/body><\/html>/);
      assert.match(message, /Legacy HTTP\+SSE: GET \S+: HTTP 404: <html>/);
      // server/discover probe, Streamable HTTP initialize, legacy GET.
      assert.deepEqual(httpLines(init), ['POST 404 discovery', 'POST 404 probe', 'GET 404 session']);
    } finally {
      await target.close();
      await html.stop();
    }
  });

  it('error messages show the target without credentials or query: tokens ride in URLs', async () => {
    const html = await startHttpFixture((_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<html>Not Found</html>'));
    const secretUrl = html.url.replace('http://', 'http://user:pass-secret@') + '?token=query-secret';
    const target = new McpTarget({ url: secretUrl });
    try {
      const init = await new McpSession(target).initialize();
      const message = init.error?.message ?? '';
      assert.ok(message.startsWith(`${html.url} speaks neither MCP transport.`), message);
      assert.ok(!message.includes('secret'), message);
    } finally {
      await target.close();
      await html.stop();
    }
  });

  it('a server that never answers times out after timeoutMs with reason timeout', async () => {
    const silent = await startHttpFixture((req) => req.resume());
    const target = new McpTarget({ url: silent.url, timeoutMs: 300 });
    try {
      const init = await new McpSession(target).initialize();
      assert.equal(init.outcome, 'transport');
      assert.equal(init.error?.reason, 'timeout');
      assert.equal(init.error?.message, 'POST timed out after 300 ms (no response)');
      assert.deepEqual(httpLines(init), ['POST 0 discovery']);
      assert.ok(init.durationMs >= 290 && init.durationMs < 3_000, `durationMs ${init.durationMs}`);
    } finally {
      await target.close();
      await silent.stop();
    }
  });
});

/** Scripted replies to tools/call, by tool name. */
const REPLIES: Record<string, (request: JsonRpcRequest, res: ServerResponse) => void> = {
  small: (request, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(textResult(request.id, 'small'));
  },
  'malformed-sse': (_request, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' }).end('event: message\ndata: {not json\n\n');
  },
  'five-megabytes': (request, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(textResult(request.id, 'x'.repeat(5 * 1024 * 1024)));
  },
  'quirky-sse': (request, res) => {
    const frames = [
      ': a comment before anything',
      'retry: 1000',
      '',
      'id: priming',
      'data:',
      '',
      ': keep-alive',
      'event: message',
      'id: 2',
      'data: {"jsonrpc":"2.0",',
      `data: "id":${JSON.stringify(request.id)},`,
      'data: "result":{"content":[{"type":"text","text":"quirky but fine"}]}}',
      '',
      '',
    ];
    res.writeHead(200, { 'content-type': 'text/event-stream' }).end(frames.join('\r\n'));
  },
  'two-kilobyte-sse': (request, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' }).end(`event: message\ndata: ${textResult(request.id, 'x'.repeat(2048))}\n\n`);
  },
  'sse-without-response': (_request, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' }).end(': nothing to say\n\n');
  },
  'html-reply': (_request, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hello</p>');
  },
  'server-error': (_request, res) => {
    res.writeHead(500, { 'content-type': 'text/plain' }).end('boom');
  },
};

describe('malformed and oversized replies from a scripted Streamable HTTP server', () => {
  let server: RunningServer;
  let target: McpTarget;
  let session: McpSession;

  before(async () => {
    server = await startScriptedServer((request, res) => {
      const name = String(request.params?.name);
      const reply = REPLIES[name];
      if (reply) return reply(request, res);
      res.writeHead(400).end(`no reply scripted for ${name}`);
    });
    target = new McpTarget({ url: server.url });
    session = new McpSession(target, { protocolVersion: '2025-11-25' });
    const init = await session.initialize();
    assert.equal(init.outcome, 'success', init.error?.message);
  });

  after(async () => {
    await session.close();
    await target.close();
    await server.stop();
  });

  it('a malformed SSE event is bad_response quoting the data', async () => {
    const call = await session.callTool('malformed-sse');
    assert.equal(call.outcome, 'transport');
    assert.equal(call.error?.reason, 'bad_response');
    assert.match(call.error?.message ?? '', /^SSE event \S+: expected JSON-RPC, got "\{not json"$/);
    assert.deepEqual(httpLines(call), ['POST 200 call']);
  });

  it('a 5 MB JSON body exceeds the default 4 MiB limit: too_large, and the session keeps working', async () => {
    const call = await session.callTool('five-megabytes');
    assert.equal(call.outcome, 'transport');
    assert.equal(call.error?.reason, 'too_large');
    assert.equal(call.error?.message, 'response body exceeds 4194304 bytes; aborted');
    assert.deepEqual(httpLines(call), ['POST 200 call']);
    assert.equal(call.http[0].failed, true);
    assert.ok(call.bytesReceived < 5 * 1024 * 1024, `read ${call.bytesReceived} bytes`);

    const next = await session.callTool('small');
    assert.equal(next.outcome, 'success', next.error?.message);
    assert.equal(resultText(next), 'small');
  });

  it('comments, retry:, CRLF line endings, an empty priming event and multi-line data still yield the response', async () => {
    const call = await session.callTool('quirky-sse');
    assert.equal(call.outcome, 'success', call.error?.message);
    assert.equal(resultText(call), 'quirky but fine');
    assert.deepEqual(httpLines(call), ['POST 200 call']);
  });

  it('an SSE reply that ends without the response is stream_ended', async () => {
    const call = await session.callTool('sse-without-response');
    assert.equal(call.outcome, 'transport');
    assert.equal(call.error?.reason, 'stream_ended');
    assert.match(call.error?.message ?? '', /ended before the response to request \d+$/);
  });

  it('a reply that is neither JSON nor SSE is bad_response naming the content type', async () => {
    const call = await session.callTool('html-reply');
    assert.equal(call.outcome, 'transport');
    assert.equal(call.error?.reason, 'bad_response');
    assert.match(call.error?.message ?? '', /expected application\/json or text\/event-stream, got "text\/html": "<p>hello<\/p>"$/);
  });

  it('HTTP 500 is an http_status failure carrying the status and body, with no re-initialization', async () => {
    const call = await session.callTool('server-error');
    assert.equal(call.outcome, 'transport');
    assert.equal(call.error?.reason, 'http_status');
    assert.equal(call.error?.status, 500);
    assert.match(call.error?.message ?? '', /HTTP 500: boom$/);
    assert.equal(call.reinitialized, false);
    assert.deepEqual(httpLines(call), ['POST 500 call']);
  });

  it('an SSE event larger than maxResponseBytes is too_large; requests themselves are not bounded', async () => {
    const strict = new McpTarget({ url: server.url, maxResponseBytes: 1024 });
    try {
      const limited = new McpSession(strict, { protocolVersion: '2025-11-25' });
      await limited.initialize();
      const large = await limited.callTool('small', { padding: 'p'.repeat(4096) });
      assert.equal(large.outcome, 'success', large.error?.message);
      const call = await limited.callTool('two-kilobyte-sse');
      assert.equal(call.outcome, 'transport');
      assert.equal(call.error?.reason, 'too_large');
      assert.equal(call.error?.message, 'SSE event exceeds 1024 bytes; aborted');
    } finally {
      await strict.close();
    }
  });
});
