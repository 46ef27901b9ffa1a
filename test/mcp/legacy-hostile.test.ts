// Legacy HTTP+SSE servers that misbehave on purpose: the session must end in bounded time and
// must not follow the stream anywhere it was not pointed at.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, describe, it } from 'node:test';
import { McpSession, McpTarget } from '../../src/mcp/index.ts';
import { runCli } from '../helpers/cli.ts';
import { startHttpFixture, type RunningServer } from '../helpers/servers.ts';
import { httpLines } from './result-views.ts';

const TIMEOUT_MS = 400;
/** Slack over a deadline for the event loop and teardown on a loaded 2-core machine. */
const SLACK_MS = 600;

/** A GET stream that sends its headers, then whatever `first` writes, and never ends on its own. */
async function legacyServer(first: (res: ServerResponse) => void): Promise<RunningServer & { requests: string[] }> {
  const requests: string[] = [];
  const server = await startHttpFixture((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (req.method !== 'GET') return void res.writeHead(202).end();
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
    first(res);
  });
  return Object.assign(server, { requests });
}

describe('legacy HTTP+SSE: open() is bounded', () => {
  const servers: RunningServer[] = [];
  after(() => Promise.all(servers.map((s) => s.stop())));

  it('headers and then no endpoint event: initialize fails as a timeout after timeoutMs, naming the missing endpoint event', async () => {
    const server = await legacyServer(() => undefined);
    servers.push(server);
    const target = new McpTarget({ url: server.url, timeoutMs: TIMEOUT_MS });
    const session = new McpSession(target, { transport: 'sse' });
    const started = performance.now();
    const init = await session.initialize();
    const elapsed = performance.now() - started;
    await target.close();
    assert.equal(init.outcome, 'transport');
    assert.equal(init.error?.reason, 'timeout');
    assert.match(init.error!.message, /no endpoint event/);
    assert.ok(elapsed >= TIMEOUT_MS - 2 && elapsed < TIMEOUT_MS + SLACK_MS, `ended after ${elapsed} ms`);
    assert.deepEqual(server.requests, ['GET /mcp'], 'the server saw the stream and nothing else');
  });

  it('`mcp-load session URL --transport sse --timeout 2000` against it ends after the timeout with exit code 1, saying why', async () => {
    const server = await legacyServer(() => undefined);
    servers.push(server);
    const started = performance.now();
    const exit = await runCli(['session', server.url, '--transport', 'sse', '--timeout', '2000']);
    const elapsed = performance.now() - started;
    assert.equal(exit.code, 1, exit.stderr);
    assert.match(exit.stdout, /initialize: transport error: GET timed out after 2000 ms \(headers arrived, but no endpoint event\)/);
    // tsx's start-up plus the 2 s deadline; a hang would run to the test runner's timeout.
    assert.ok(elapsed < 2000 + 8000, `ran ${elapsed} ms`);
  });

  it('only comments and other events: still a timeout (the deadline runs through the endpoint event, not the headers)', async () => {
    const server = await legacyServer((res) => {
      res.write(': keep-alive\n\n');
      res.write('event: hello\ndata: {}\n\n');
    });
    servers.push(server);
    const target = new McpTarget({ url: server.url, timeoutMs: TIMEOUT_MS });
    const init = await new McpSession(target, { transport: 'sse' }).initialize();
    await target.close();
    assert.equal(init.error?.reason, 'timeout');
  });

  it('abort() fails an open() in progress at once, as a closed transport failure, and closes the stream', async () => {
    let streamClosed!: () => void;
    const closed = new Promise<void>((resolve) => (streamClosed = resolve));
    const server = await legacyServer((res) => res.on('close', streamClosed));
    servers.push(server);
    const target = new McpTarget({ url: server.url, timeoutMs: 60_000 });
    const session = new McpSession(target, { transport: 'sse' });
    const pending = session.initialize();
    while (server.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
    const started = performance.now();
    session.abort();
    const init = await pending;
    const elapsed = performance.now() - started;
    await closed; // the server saw its stream end: the socket was closed, not left to linger
    await target.close();
    assert.equal(init.outcome, 'transport');
    assert.equal(init.error?.reason, 'closed');
    assert.ok(elapsed < SLACK_MS, `ended ${elapsed} ms after abort()`);
  });

  it('an endpoint event on another origin is refused: no request goes there, and the error says why', async () => {
    const elsewhere: string[] = [];
    const other = await startHttpFixture((req, res) => {
      elsewhere.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
      res.writeHead(202).end();
    });
    servers.push(other);
    const server = await legacyServer((res) => res.write(`event: endpoint\ndata: http://127.0.0.1:${other.port}/messages?sessionId=1\n\n`));
    servers.push(server);
    const target = new McpTarget({ url: server.url, timeoutMs: 2000, headers: { authorization: 'Bearer secret-token' } });
    const init = await new McpSession(target, { transport: 'sse' }).initialize();
    await target.close();
    assert.equal(init.outcome, 'transport');
    assert.equal(init.error?.reason, 'bad_response');
    assert.match(
      init.error!.message,
      new RegExp(`another origin \\(http://127\\.0\\.0\\.1:${other.port}\\) than the target's \\(http://127\\.0\\.0\\.1:${server.port}\\)`),
    );
    assert.doesNotMatch(init.error!.message, /secret-token/);
    assert.deepEqual(elsewhere, []);
    assert.deepEqual(httpLines(init), ['GET 200 session']);
  });

  it('a relative endpoint on the same origin is followed as before', async () => {
    const server = await legacyServer((res) => res.write('event: endpoint\ndata: /messages?sessionId=1\n\n'));
    servers.push(server);
    const target = new McpTarget({ url: server.url, timeoutMs: TIMEOUT_MS });
    const init = await new McpSession(target, { transport: 'sse' }).initialize();
    await target.close();
    // The scripted server answers the POST with 202 but never the response: a timeout, after the POST went out.
    assert.equal(init.error?.reason, 'timeout');
    assert.ok(server.requests.includes('POST /messages?sessionId=1'), server.requests.join(', '));
  });
});
