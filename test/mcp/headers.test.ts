import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { McpSession, McpTarget } from '../../src/mcp/index.ts';
import { startEverything, type RunningServer } from '../helpers/servers.ts';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy.ts';
import { httpLines } from './result-views.ts';

const CONFIGURED = { Authorization: 'Bearer secret', 'X-Tenant': 'acme' };

describe('configured headers reach the server on every request', () => {
  let streamable: RunningServer;
  let sse: RunningServer;
  let streamableProxy: RecordingProxy;
  let sseProxy: RecordingProxy;

  before(async () => {
    [streamable, sse] = await Promise.all([startEverything('streamableHttp'), startEverything('sse')]);
    [streamableProxy, sseProxy] = await Promise.all([startRecordingProxy(streamable.url), startRecordingProxy(sse.url)]);
  });

  after(async () => {
    await Promise.all([streamableProxy.stop(), sseProxy.stop()]);
    await Promise.all([streamable.stop(), sse.stop()]);
  });

  it('Streamable HTTP: the discover probe, every POST, the GET stream and the DELETE carry them', async () => {
    const target = new McpTarget({ url: streamableProxy.url, headers: CONFIGURED });
    try {
      const session = new McpSession(target, { openStream: true });
      const init = await session.initialize();
      assert.equal(init.outcome, 'success', init.error?.message);
      assert.deepEqual(httpLines(init), ['POST 400 discovery', 'POST 200 session', 'POST 202 session', 'GET 200 stream']);
      await session.callTool('echo', { message: 'authorized' });
      await session.close();
    } finally {
      await target.close();
    }

    const seen = streamableProxy.requests.map((r) => [r.method, r.headers.authorization, r.headers['x-tenant']]);
    assert.deepEqual(seen, [
      ['POST', 'Bearer secret', 'acme'],
      ['POST', 'Bearer secret', 'acme'],
      ['POST', 'Bearer secret', 'acme'],
      ['GET', 'Bearer secret', 'acme'],
      ['POST', 'Bearer secret', 'acme'],
      ['DELETE', 'Bearer secret', 'acme'],
    ]);
    assert.deepEqual(streamableProxy.postedMethods(), ['server/discover', 'initialize', 'notifications/initialized', 'tools/call']);
  });

  it('credentials in the URL are sent as Basic auth on every request, never in the origin', async () => {
    const before = streamableProxy.requests.length;
    const url = streamableProxy.url.replace('http://', 'http://ada:p%40ss@');
    const target = new McpTarget({ url });
    try {
      const session = new McpSession(target, { protocolVersion: '2025-11-25' });
      assert.equal((await session.initialize()).outcome, 'success');
      await session.close();
    } finally {
      await target.close();
    }
    const basic = `Basic ${Buffer.from('ada:p@ss').toString('base64')}`;
    assert.deepEqual(
      streamableProxy.requests.slice(before).map((r) => [r.method, r.headers.authorization]),
      [
        ['POST', basic],
        ['POST', basic],
        ['DELETE', basic],
      ],
    );
  });

  it('legacy HTTP+SSE: the GET stream and every POST to the announced endpoint carry them', async () => {
    const target = new McpTarget({ url: sseProxy.url, headers: CONFIGURED });
    try {
      const session = new McpSession(target, { transport: 'sse' });
      const init = await session.initialize();
      assert.equal(init.outcome, 'success', init.error?.message);
      await session.callTool('echo', { message: 'authorized' });
      await session.close();
    } finally {
      await target.close();
    }

    const seen = sseProxy.requests.map((r) => [r.method, r.path.split('?')[0], r.headers.authorization, r.headers['x-tenant']]);
    assert.deepEqual(seen, [
      ['GET', '/sse', 'Bearer secret', 'acme'],
      ['POST', '/message', 'Bearer secret', 'acme'],
      ['POST', '/message', 'Bearer secret', 'acme'],
      ['POST', '/message', 'Bearer secret', 'acme'],
    ]);
  });
});

describe('McpTarget header options', () => {
  it('refuses headers that frame the message or the connection, which the client sets itself', () => {
    for (const name of ['Content-Length', 'transfer-encoding', 'Connection', 'keep-alive', 'Upgrade']) {
      assert.throws(() => new McpTarget({ url: 'http://127.0.0.1:1/mcp', headers: { [name]: 'x' } }), {
        name: 'TypeError',
        message: `header ${name} is set by mcp-load for each request; remove it`,
      });
    }
    assert.doesNotThrow(() => new McpTarget({ url: 'http://127.0.0.1:1/mcp', headers: { Host: 'api.example.com', 'X-Tenant': 'a' } }));
  });
});
