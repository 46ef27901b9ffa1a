// SSE resumability (2025-11-25, SEP-1699): a reply stream the server closes before the response
// is resumed with GET and Last-Event-ID after the server's retry delay.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { McpSession, McpTarget } from '../../src/mcp/index.ts';
import { startHttpFixture, startSdkExample, type RunningServer } from '../helpers/servers.ts';
import { httpLines, resultText } from './result-views.ts';
import { textResult } from './scripted-server.ts';

const RETRY_MS = 300;

/**
 * A session server whose tools/call reply stream sends a priming event (`id: p1`, `retry: 300`)
 * and closes; a GET with Last-Event-ID gets `gets` (the response, or nothing) — and the server logs
 * when and with which Last-Event-ID each GET came.
 */
async function pollingServer(gets: Array<'answer' | 'close'>, emptyId?: string) {
  const log: Array<{ at: number; lastEventId: string | undefined }> = [];
  let closedAt = 0;
  let callId: unknown;
  const server = await startHttpFixture((req, res: ServerResponse) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    req.on('end', () => {
      if (req.method === 'GET') {
        log.push({ at: performance.now(), lastEventId: req.headers['last-event-id'] as string | undefined });
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        if (gets.shift() === 'answer') res.end(`id: p2\nevent: message\ndata: ${textResult(callId as number, 'resumed')}\n\n`);
        else res.end(`id: ${emptyId ?? `p${log.length + 1}`}\ndata:\n\n`);
        return;
      }
      if (req.method === 'DELETE') return void res.writeHead(200).end();
      const m = JSON.parse(text) as { id?: number; method: string };
      if (m.method === 'server/discover') return void res.writeHead(400).end();
      if (m.id === undefined) return void res.writeHead(202).end();
      if (m.method === 'initialize') {
        res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 'poll' });
        return void res.end(
          JSON.stringify({ jsonrpc: '2.0', id: m.id, result: { protocolVersion: '2025-11-25', capabilities: {}, serverInfo: { name: 'p', version: '1' } } }),
        );
      }
      callId = m.id;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(`id: p1\nretry: ${RETRY_MS}\ndata:\n\n`, () => (closedAt = performance.now()));
    });
  });
  return { server, log, closedAt: () => closedAt };
}

// The SDK's example server starts in a child process (seconds on a busy machine): it starts now, while
// the scripted tests run, and its describe at the end waits for it.
const ssePollingExample = startSdkExample('sse-polling');
ssePollingExample.catch(() => undefined); // its describe's before() reports a failed start

// Each test has its own server and waits on the server's 300 ms retry delays, timers, not the CPU:
// the tests run side by side.
describe('SSE resumability against a scripted server', { concurrency: true }, () => {
  const servers: RunningServer[] = [];
  after(() => Promise.all(servers.map((s) => s.stop())));

  async function call(gets: Array<'answer' | 'close'>) {
    const polling = await pollingServer(gets);
    servers.push(polling.server);
    const target = new McpTarget({ url: polling.server.url, timeoutMs: 3000 });
    const session = new McpSession(target, { protocolVersion: '2025-11-25' });
    assert.equal((await session.initialize()).outcome, 'success');
    const result = await session.callTool('work');
    await target.close();
    return { result, ...polling };
  }

  it("reconnects with GET and Last-Event-ID after the server's retry delay, and the call succeeds on the resumed stream", async () => {
    const { result, log, closedAt } = await call(['answer']);
    assert.equal(result.outcome, 'success', result.error?.message);
    assert.equal(resultText(result), 'resumed');
    assert.deepEqual(httpLines(result), ['POST 200 call', 'GET 200 resume']);
    assert.equal(result.streamResumptions, 1);
    assert.equal(result.resumed, true);
    assert.equal(log.length, 1);
    assert.equal(log[0].lastEventId, 'p1');
    const waited = log[0].at - closedAt();
    assert.ok(waited >= RETRY_MS - 5, `reconnected ${waited} ms after the close, expected at least ${RETRY_MS}`);
  });

  it('a resumed stream that ends without the response is resumed again from its own last id', async () => {
    const { result, log } = await call(['close', 'answer']);
    assert.equal(result.outcome, 'success', result.error?.message);
    assert.deepEqual(
      log.map((g) => g.lastEventId),
      ['p1', 'p2'],
    );
    assert.equal(result.streamResumptions, 2);
  });

  it('bounded: resumptions that bring nothing new end the call as stream_ended after 3 attempts', async () => {
    const polling = await pollingServer([], 'p1');
    servers.push(polling.server);
    // Every GET answers an empty stream with the same id: no progress.
    const target = new McpTarget({ url: polling.server.url, timeoutMs: 3000 });
    const session = new McpSession(target, { protocolVersion: '2025-11-25' });
    await session.initialize();
    const result = await session.callTool('work');
    await target.close();
    assert.equal(result.outcome, 'transport');
    assert.equal(result.error?.reason, 'stream_ended');
    assert.match(result.error!.message, /3 resumptions with Last-Event-ID did not bring it/);
    assert.equal(result.resumed, false);
    assert.equal(result.streamResumptions, 3);
    assert.deepEqual(
      polling.log.map((g) => g.lastEventId),
      ['p1', 'p1', 'p1'],
    );
  });

  it('bounded in all: a stream that keeps sending new ids but never the response is given up after 20 resumptions', async () => {
    const polling = await pollingServer([]);
    servers.push(polling.server);
    const target = new McpTarget({ url: polling.server.url, timeoutMs: 3000 });
    const session = new McpSession(target, { protocolVersion: '2025-11-25' });
    await session.initialize();
    const result = await session.callTool('work');
    await target.close();
    assert.equal(result.error?.reason, 'stream_ended');
    assert.equal(result.streamResumptions, 20);
    assert.equal(polling.log.length, 20);
  });
});

describe('the GET stream, ended by the server after a priming event with retry: (conformance sse-retry)', () => {
  let server: RunningServer;
  const gets: Array<{ at: number; lastEventId: string | undefined }> = [];
  let firstClosedAt = 0;
  let reopened!: () => void;
  const secondGet = new Promise<void>((resolve) => (reopened = resolve));

  before(async () => {
    server = await startHttpFixture((req, res) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (text += c));
      req.on('end', () => {
        if (req.method === 'GET') {
          gets.push({ at: performance.now(), lastEventId: req.headers['last-event-id'] as string | undefined });
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          if (gets.length === 1) return void res.end(`id: g1\nretry: ${RETRY_MS}\ndata:\n\n`, () => (firstClosedAt = performance.now()));
          reopened();
          return; // the second stream stays open
        }
        if (req.method === 'DELETE') return void res.writeHead(200).end();
        const m = JSON.parse(text) as { id?: number; method: string };
        if (m.id === undefined) return void res.writeHead(202).end();
        res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 'g' });
        res.end(
          JSON.stringify({ jsonrpc: '2.0', id: m.id, result: { protocolVersion: '2025-11-25', capabilities: {}, serverInfo: { name: 'g', version: '1' } } }),
        );
      });
    });
  });
  after(() => server.stop());

  it('is reopened with GET and Last-Event-ID after the retry delay, not before', async () => {
    const target = new McpTarget({ url: server.url, timeoutMs: 3000 });
    const session = new McpSession(target, { protocolVersion: '2025-11-25', openStream: true });
    assert.equal((await session.initialize()).outcome, 'success');
    await secondGet;
    await session.close();
    await target.close();
    assert.equal(gets.length, 2);
    assert.equal(gets[0].lastEventId, undefined);
    assert.equal(gets[1].lastEventId, 'g1');
    const waited = gets[1].at - firstClosedAt;
    assert.ok(waited >= RETRY_MS - 5, `reopened ${waited} ms after the close, expected at least ${RETRY_MS}`);
    assert.equal(session.background.streamResumptions, 1);
  });
});

describe("SSE resumability against the SDK's ssePollingExample (closes the stream mid-call, retry 2 s)", () => {
  let server: RunningServer;
  before(async () => {
    server = await ssePollingExample;
  });
  after(() => server.stop());

  it('long-task succeeds: the reply stream the server closes mid-call is resumed with Last-Event-ID, and the response comes on the GET', async () => {
    const target = new McpTarget({ url: server.url, timeoutMs: 10_000 });
    const session = new McpSession(target, { protocolVersion: '2025-11-25' });
    assert.equal((await session.initialize()).outcome, 'success');
    const call = await session.callTool('long-task', {});
    await session.close();
    await target.close();
    assert.equal(call.outcome, 'success', call.error?.message);
    assert.equal(resultText(call), 'Long task completed successfully!');
    assert.equal(call.resumed, true);
    assert.equal(call.streamResumptions, 1);
    assert.deepEqual(httpLines(call), ['POST 200 call', 'GET 200 resume']);
  });
});
