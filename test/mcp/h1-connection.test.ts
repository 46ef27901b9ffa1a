import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Dispatcher } from 'undici';
import { TransportError } from '../../src/mcp/errors.ts';
import { H1Connection, type H1ConnectionOptions } from '../../src/mcp/h1-connection.ts';
import { HttpExchange, type ExchangeReply, type ExchangeRequest } from '../../src/mcp/http-exchange.ts';
import { freePort } from '../helpers/servers.ts';

// --- servers on loopback -------------------------------------------------------------------------

interface TestServer {
  origin: string;
  port: number;
  /** Server-side sockets, in the order they connected. */
  sockets: net.Socket[];
  stop(): Promise<void>;
}

/** A regression that leaves a promise pending fails its suite instead of hanging the run. */
const SUITE = { timeout: 30_000 };

const servers: TestServer[] = [];
const connections: H1Connection[] = [];

after(async () => {
  await Promise.all(connections.map((c) => c.destroy()));
  await Promise.all(servers.map((s) => s.stop()));
});

async function listen(server: net.Server, scheme: 'http' | 'https' = 'http'): Promise<TestServer> {
  const sockets: net.Socket[] = [];
  server.on('connection', (socket: net.Socket) => {
    sockets.push(socket);
    socket.on('error', () => {}); // the client may drop a socket at any time
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  let stopped: Promise<void> | undefined;
  const running: TestServer = {
    origin: `${scheme}://127.0.0.1:${port}`,
    port,
    sockets,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      })),
  };
  servers.push(running);
  return running;
}

interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  rawHeaders: string[];
  body: string;
  /** Index of the server-side socket it came on. */
  socket: number;
}

/** A node:http server that records each request (body read whole) before the handler answers it. */
async function startHttpServer(
  handler: (req: SeenRequest, res: http.ServerResponse) => void,
  configure: (server: http.Server) => void = () => {},
): Promise<TestServer & { requests: SeenRequest[] }> {
  const requests: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen: SeenRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks).toString('utf8'),
        socket: running.sockets.indexOf(req.socket),
      };
      requests.push(seen);
      handler(seen, res);
    });
  });
  configure(server);
  const running = await listen(server);
  return Object.assign(running, { requests });
}

interface RawRequest {
  /** The request line and headers, without the final CRLF CRLF. */
  head: string;
  body: string;
  /** The request's bytes exactly as received. */
  bytes: Buffer;
  socket: net.Socket;
}

type RawServer = TestServer & {
  requests: RawRequest[];
  /** Every byte received, on any socket. */
  received: Buffer[];
  /** Resolves once `n` requests have arrived. */
  seen(n: number): Promise<void>;
};

/** A net server that frames requests itself (head + Content-Length) and lets the test write any bytes back. */
async function startRawServer(onRequest: (req: RawRequest, index: number) => void): Promise<RawServer> {
  const requests: RawRequest[] = [];
  const received: Buffer[] = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const server = net.createServer((socket) => {
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = pending.toString('latin1', 0, end);
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        if (pending.length < end + 4 + length) return;
        const bytes = pending.subarray(0, end + 4 + length);
        pending = pending.subarray(bytes.length);
        const req = { head, body: bytes.subarray(end + 4).toString('utf8'), bytes, socket };
        requests.push(req);
        for (const w of waiters.filter((w) => requests.length >= w.n)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
        onRequest(req, requests.length - 1);
      }
    });
  });
  const running = await listen(server);
  const seen = (n: number) => (requests.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve })));
  return Object.assign(running, { requests, received, seen });
}

function rawResponse(body: string, headers = ''): string {
  return `HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${headers}\r\n${body}`;
}

/** Resolves when the server-side socket has closed (both directions), whoever closed it. */
function closed(socket: net.Socket): Promise<void> {
  return socket.closed ? Promise.resolve() : once(socket, 'close').then(() => undefined);
}

// --- the client side --------------------------------------------------------------------------------

function connect(origin: string, options: Partial<H1ConnectionOptions> = {}): H1Connection {
  const connection = new H1Connection(origin, { keepAliveTimeoutMs: 10_000, ...options });
  connections.push(connection);
  return connection;
}

/** One request through HttpExchange, the way the MCP transport sends it. */
function exchange(connection: H1Connection, origin: string, req: Partial<ExchangeRequest> = {}): HttpExchange {
  return new HttpExchange(connection, origin, {
    method: 'POST',
    path: '/mcp',
    headers: ['content-type', 'application/json'],
    body: '{"jsonrpc":"2.0","id":1,"method":"ping"}',
    purpose: 'call',
    timeoutMs: 10_000,
    maxBytes: 1 << 20,
    ...req,
  });
}

function send(connection: H1Connection, origin: string, req: Partial<ExchangeRequest> = {}): Promise<ExchangeReply> {
  return exchange(connection, origin, req).reply;
}

async function assertTransportError(reply: Promise<unknown>, reason: string, message?: RegExp): Promise<void> {
  await assert.rejects(reply, (err: unknown) => {
    assert.ok(err instanceof TransportError, `not a TransportError: ${String(err)}`);
    assert.equal(err.reason, reason, err.message);
    if (message) assert.match(err.message, message);
    return true;
  });
}

/** undici's dispatch handler, recording what it is told. */
class RecordingHandler implements Dispatcher.DispatchHandler {
  readonly events: string[] = [];
  status = 0;
  headers: string[] = [];
  body = '';
  error: (Error & { code?: string }) | null = null;
  controller: Dispatcher.DispatchController | null = null;
  readonly settled: Promise<void>;
  private settle!: () => void;

  constructor() {
    this.settled = new Promise((resolve) => (this.settle = resolve));
  }

  abort(err?: Error): void {
    this.controller!.abort(err ?? new Error('aborted by the test'));
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    this.events.push('connect');
  }

  onResponseStart(_controller: Dispatcher.DispatchController, status: number, headers: Record<string, string | string[] | undefined>): void {
    this.status = status;
    this.headers = Object.entries(headers).flatMap(([name, value]) => (Array.isArray(value) ? value : [value ?? '']).flatMap((v) => [name, v]));
    this.events.push(`headers ${status}`);
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.body += chunk.toString('utf8');
    if (this.events.at(-1) !== 'data') this.events.push('data');
  }

  onResponseEnd(): void {
    this.events.push('complete');
    this.settle();
  }

  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    this.error = err;
    this.events.push('error');
    this.settle();
  }
}

function post(body: string, path = '/mcp'): Dispatcher.DispatchOptions {
  return { path, method: 'POST', headers: ['content-type', 'text/plain'], body };
}

// --- tests --------------------------------------------------------------------------------------------

describe('H1Connection: keep-alive and request bytes', SUITE, () => {
  it('sequential requests reuse one socket, and node:http sees well-formed requests (host, UTF-8 content-length)', async () => {
    const server = await startHttpServer((req, res) => res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(`echo:${req.body}`));
    const connection = connect(server.origin);
    const bodies = ['{"n":1}', 'héllo ✓', ''];
    for (const body of bodies) {
      const reply = await send(connection, server.origin, { body });
      assert.equal(reply.status, 200);
      assert.equal(reply.body, `echo:${body}`);
    }
    const deleted = await send(connection, server.origin, { method: 'DELETE', body: undefined, path: '/mcp?session=1' });
    assert.equal(deleted.body, 'echo:');

    assert.equal(server.sockets.length, 1, 'one connection for all four requests');
    assert.deepEqual(
      server.requests.map((r) => [r.method, r.url, r.headers.host, r.headers['content-length'], r.body, r.socket]),
      [
        ['POST', '/mcp', `127.0.0.1:${server.port}`, '7', '{"n":1}', 0],
        ['POST', '/mcp', `127.0.0.1:${server.port}`, '10', 'héllo ✓', 0],
        ['POST', '/mcp', `127.0.0.1:${server.port}`, '0', '', 0],
        ['DELETE', '/mcp?session=1', `127.0.0.1:${server.port}`, undefined, '', 0],
      ],
    );
    for (const req of server.requests) {
      assert.equal(req.rawHeaders.filter((h, i) => i % 2 === 0 && h.toLowerCase() === 'host').length, 1, 'exactly one host header');
      assert.equal(req.headers['content-type'], 'application/json');
      assert.equal(req.headers['transfer-encoding'], undefined);
    }
  });

  it('writes exactly the request line, host, the given headers, the UTF-8 byte length and the body', async () => {
    const server = await startRawServer((req) => req.socket.write(rawResponse('ok')));
    const connection = connect(server.origin);
    const reply = await send(connection, server.origin, {
      path: '/mcp?x=1',
      headers: ['content-type', 'application/json', 'mcp-session-id', 'abc-123'],
      body: 'héllo ✓',
    });
    assert.equal(reply.body, 'ok');
    assert.equal(
      server.requests[0].bytes.toString('utf8'),
      `POST /mcp?x=1 HTTP/1.1\r\nhost: 127.0.0.1:${server.port}\r\ncontent-type: application/json\r\nmcp-session-id: abc-123\r\ncontent-length: 10\r\n\r\nhéllo ✓`,
    );
    assert.equal(Buffer.concat(server.received).length, server.requests[0].bytes.length, 'nothing else was sent');
  });

  it('a configured Host header replaces the origin’s, never a second one', async () => {
    const server = await startHttpServer((_req, res) => res.end('ok'));
    const connection = connect(server.origin);
    await send(connection, server.origin, { headers: ['Host', 'mcp.example.test', 'accept', '*/*'] });
    const [req] = server.requests;
    assert.deepEqual(
      req.rawHeaders.filter((_h, i) => i % 2 === 0),
      ['host', 'accept', 'content-length'],
    );
    assert.equal(req.headers.host, 'mcp.example.test');
  });

  it('requests dispatched at once are queued and answered in order, one at a time, over one socket', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const server = await startRawServer((req) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // Answer a turn later: a client that pipelined would have sent the next request by now.
      setImmediate(() => {
        inFlight--;
        req.socket.write(rawResponse(`reply to ${req.body}`));
      });
    });
    const connection = connect(server.origin);
    const finished: number[] = [];
    const replies = await Promise.all(
      [0, 1, 2, 3, 4].map((n) =>
        send(connection, server.origin, { body: `#${n}` }).then((reply) => {
          finished.push(n);
          return reply.body;
        }),
      ),
    );
    assert.deepEqual(replies, ['reply to #0', 'reply to #1', 'reply to #2', 'reply to #3', 'reply to #4']);
    assert.deepEqual(finished, [0, 1, 2, 3, 4]);
    assert.deepEqual(
      server.requests.map((r) => r.body),
      ['#0', '#1', '#2', '#3', '#4'],
    );
    assert.equal(maxInFlight, 1);
    assert.equal(server.sockets.length, 1);
  });

  it('a reply with Connection: close makes the next request open a new connection', async () => {
    const server = await startHttpServer((req, res) => {
      if (req.body === 'first') res.setHeader('connection', 'close');
      res.end(`got ${req.body}`);
    });
    const connection = connect(server.origin);
    assert.equal((await send(connection, server.origin, { body: 'first' })).body, 'got first');
    assert.equal((await send(connection, server.origin, { body: 'second' })).body, 'got second');
    assert.equal((await send(connection, server.origin, { body: 'third' })).body, 'got third');
    assert.deepEqual(
      server.requests.map((r) => r.socket),
      [0, 1, 1],
    );
  });

  for (const hintS of [0, 1, 2]) {
    it(`a Keep-Alive: timeout=${hintS} hint (≤ 2 s) drops the socket after each response`, async () => {
      const server = await startRawServer((req) => req.socket.write(rawResponse('ok', `keep-alive: timeout=${hintS}, max=100\r\n`)));
      const connection = connect(server.origin);
      for (let i = 0; i < 3; i++) assert.equal((await send(connection, server.origin)).body, 'ok');
      assert.deepEqual(
        server.requests.map((r) => server.sockets.indexOf(r.socket)),
        [0, 1, 2],
      );
      // Each socket was closed by the client as soon as its response was complete.
      await Promise.all(server.sockets.map(closed));
    });
  }

  it('a Keep-Alive: timeout=3 hint (above the 2 s margin) keeps the socket', async () => {
    const server = await startRawServer((req) => req.socket.write(rawResponse('ok', 'keep-alive: timeout=3\r\n')));
    const connection = connect(server.origin);
    for (let i = 0; i < 3; i++) await send(connection, server.origin);
    assert.equal(server.sockets.length, 1);
  });

  it('a socket idle past its limit is not reused even when a starved event loop kept its idle timer from firing', async () => {
    const server = await startRawServer((req) => req.socket.write(rawResponse('ok', 'keep-alive: timeout=30\r\n')));
    const connection = connect(server.origin, { keepAliveTimeoutMs: 100 });
    await send(connection, server.origin);
    // The event loop held for longer than the idle limit, as on a starved machine: no timer can run meanwhile.
    const until = performance.now() + 150;
    while (performance.now() < until);
    await send(connection, server.origin);
    assert.equal(server.sockets.length, 2, 'the second request opened a new connection');
    await closed(server.sockets[0]!);
  });

  it('node:http with keepAliveTimeout 2000 (it sends Keep-Alive: timeout=2): a new connection per request', async () => {
    const server = await startHttpServer(
      (_req, res) => res.end('ok'),
      (s) => (s.keepAliveTimeout = 2000),
    );
    const connection = connect(server.origin);
    for (let i = 0; i < 3; i++) await send(connection, server.origin);
    assert.deepEqual(
      server.requests.map((r) => r.socket),
      [0, 1, 2],
    );
  });
});

describe('H1Connection: replies', SUITE, () => {
  it('an SSE reply (chunked, events split across writes) reaches HttpExchange.onEvent', async () => {
    const server = await startHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write('event: message\ndata: {"n":1}\n\n');
      res.write('data: {"n":');
      res.write('2}\n\nid: 3\ndata: line one\ndata: line two\n');
      res.end('\n');
    });
    const connection = connect(server.origin);
    const events: Array<{ event?: string; id?: string; data: string }> = [];
    const reply = await send(connection, server.origin, { onEvent: ({ event, id, data }) => events.push({ event, id, data }) });
    assert.equal(reply.status, 200);
    assert.equal(reply.isEventStream, true);
    assert.equal(reply.body, '');
    assert.deepEqual(events, [
      { event: 'message', id: undefined, data: '{"n":1}' },
      { event: undefined, id: undefined, data: '{"n":2}' },
      { event: undefined, id: '3', data: 'line one\nline two' },
    ]);
    // The chunked body ended cleanly: the socket carries the next request.
    assert.equal((await send(connection, server.origin)).status, 200);
    assert.equal(server.sockets.length, 1);
  });

  it('1xx, status, headers and body reach a raw handler in order', async () => {
    const server = await startRawServer((req) =>
      req.socket.write('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nX-One: 1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n'),
    );
    const connection = connect(server.origin);
    const handler = new RecordingHandler();
    assert.equal(connection.dispatch(post('x'), handler), true);
    await handler.settled;
    assert.deepEqual(handler.events, ['connect', 'headers 201', 'data', 'complete']);
    assert.deepEqual(handler.headers, ['x-one', '1', 'transfer-encoding', 'chunked']);
    assert.equal(handler.body, 'abcde');
  });

  it('a HEAD reply with a Content-Length has no body, and the socket is reused', async () => {
    const server = await startRawServer((req) =>
      req.socket.write(req.head.startsWith('HEAD') ? 'HTTP/1.1 200 OK\r\ncontent-length: 500\r\n\r\n' : rawResponse('after')),
    );
    const connection = connect(server.origin);
    const head = new RecordingHandler();
    connection.dispatch({ path: '/', method: 'HEAD' }, head);
    await head.settled;
    assert.deepEqual(head.events, ['connect', 'headers 200', 'complete']);
    assert.equal((await send(connection, server.origin)).body, 'after');
    assert.equal(server.sockets.length, 1);
  });

  it('a body that runs until the server closes completes at the close', async () => {
    const server = await startRawServer((req) => req.socket.end('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n\r\nall of it'));
    const connection = connect(server.origin);
    assert.equal((await send(connection, server.origin)).body, 'all of it');
    assert.equal((await send(connection, server.origin)).body, 'all of it');
    assert.equal(server.sockets.length, 2);
  });

  it('bytes after a complete response (nobody asked for them) drop the socket', async () => {
    const server = await startRawServer((req) => req.socket.write(rawResponse('one') + 'HTTP/1.1 200 OK\r\n'));
    const connection = connect(server.origin);
    assert.equal((await send(connection, server.origin)).body, 'one');
    assert.equal((await send(connection, server.origin)).body, 'one');
    assert.equal(server.sockets.length, 2);
  });
});

describe('H1Connection: failures', SUITE, () => {
  it('the server destroying the socket mid-body: reason reset, and the next request succeeds on a new socket', async () => {
    const server = await startRawServer((req, index) => {
      if (index === 0) req.socket.write('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nonly ten..', () => req.socket.destroy());
      else req.socket.write(rawResponse('whole'));
    });
    const connection = connect(server.origin);
    await assertTransportError(send(connection, server.origin), 'reset', /POST request failed: connection closed by the server/);
    assert.equal((await send(connection, server.origin)).body, 'whole');
    assert.equal(server.sockets.length, 2);
  });

  it('a raw handler sees the head and the partial body, then the error', async () => {
    const server = await startRawServer((req) => req.socket.write('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nonly ten..', () => req.socket.destroy()));
    const connection = connect(server.origin);
    const handler = new RecordingHandler();
    connection.dispatch(post('x'), handler);
    await handler.settled;
    assert.deepEqual(handler.events, ['connect', 'headers 200', 'data', 'error']);
    assert.equal(handler.body, 'only ten..');
    assert.ok(['UND_ERR_SOCKET', 'ECONNRESET'].includes(handler.error?.code ?? ''), String(handler.error));
  });

  it('a server that never answers: reason timeout after timeoutMs, and the next request works', async () => {
    const server = await startRawServer((req) => {
      if (req.body !== 'silence') req.socket.write(rawResponse('answered'));
    });
    const connection = connect(server.origin);
    const started = performance.now();
    await assertTransportError(
      send(connection, server.origin, { body: 'silence', timeoutMs: 200 }),
      'timeout',
      /^POST timed out after 200 ms \(no response\)$/,
    );
    assert.ok(performance.now() - started >= 190);
    // The unanswered request's socket is given up, not reused (its reply might still come).
    await closed(server.sockets[0]);
    assert.equal((await send(connection, server.origin)).body, 'answered');
    assert.equal(server.sockets.length, 2);
  });

  it('a refused connection: reason connect', async () => {
    const origin = `http://127.0.0.1:${await freePort()}`;
    const connection = connect(origin);
    await assertTransportError(send(connection, origin), 'connect', /cannot connect \(ECONNREFUSED\)/);
  });

  for (const [label, garbage, message] of [
    ['not HTTP at all', 'garbage\r\n\r\n', /invalid HTTP response: bad status line "garbage"/],
    ['a bad Content-Length', 'HTTP/1.1 200 OK\r\ncontent-length: 12x\r\n\r\n', /bad content-length/],
    ['a bad chunk size', 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n', /bad chunk size/],
  ] as const) {
    it(`a malformed response (${label}): reason bad_response, and the next request works`, async () => {
      const server = await startRawServer((req, index) => req.socket.write(index === 0 ? garbage : rawResponse('fine')));
      const connection = connect(server.origin);
      await assertTransportError(send(connection, server.origin), 'bad_response', message);
      assert.equal((await send(connection, server.origin)).body, 'fine');
      assert.equal(server.sockets.length, 2);
    });
  }

  for (const [label, headers] of [
    ['a value', ['x-evil', 'a\r\nx-injected: 1']],
    ['a name', ['x-evil\r\nx-injected', '1']],
    ['a value (bare LF)', ['x-evil', 'a\nx-injected: 1']],
  ] as Array<[string, string[]]>) {
    it(`a line break in ${label} fails the request before anything (not even a connection) reaches the server`, async () => {
      const server = await startRawServer((req) => req.socket.write(rawResponse('ok')));
      const connection = connect(server.origin);
      await assertTransportError(send(connection, server.origin, { headers }), 'reset', /invalid header "x-evil.*line breaks and NUL are not allowed/);
      // Another connection's request: the server answers it after accepting every earlier connection.
      assert.equal((await send(connect(server.origin), server.origin)).body, 'ok');
      assert.equal(server.sockets.length, 1, 'the failed request opened no connection');
      assert.equal(server.requests.length, 1);
      assert.ok(!Buffer.concat(server.received).includes('x-injected'));
      // The connection still works.
      assert.equal((await send(connection, server.origin)).body, 'ok');
    });
  }
});

describe('H1Connection: close, destroy and abort', SUITE, () => {
  it('destroy() fails the request in flight and the queued ones; later dispatches fail too', async () => {
    const server = await startRawServer(() => {}); // never answers
    const connection = connect(server.origin);
    const inFlight = send(connection, server.origin, { body: 'first' });
    const queued = send(connection, server.origin, { body: 'second' });
    await server.seen(1);
    await connection.destroy();
    await assertTransportError(inFlight, 'closed', /request cancelled \(the connection was destroyed\)/);
    await assertTransportError(queued, 'closed');
    await closed(server.sockets[0]);
    assert.deepEqual(
      server.requests.map((r) => r.body),
      ['first'],
      'the queued request was never sent',
    );

    const late = new RecordingHandler();
    assert.equal(connection.dispatch(post('late'), late), false);
    await late.settled;
    assert.equal(late.error?.code, 'UND_ERR_DESTROYED');
    assert.deepEqual(late.events, ['error']);
    await assertTransportError(send(connection, server.origin), 'closed');
  });

  it('close() waits for the request in flight (and the queued one); dispatches meanwhile and afterwards fail', async () => {
    const server = await startRawServer(() => {}); // answered by the test
    const connection = connect(server.origin);
    const order: string[] = [];
    const first = send(connection, server.origin, { body: 'first' }).then((r) => order.push(`reply ${r.body}`));
    const second = send(connection, server.origin, { body: 'second' }).then((r) => order.push(`reply ${r.body}`));
    await server.seen(1);
    const closing = connection.close().then(() => order.push('closed'));
    const closingAgain = connection.close().then(() => order.push('closed again'));

    const during = new RecordingHandler();
    assert.equal(connection.dispatch(post('during'), during), false);
    await during.settled;
    assert.equal(during.error?.code, 'UND_ERR_CLOSED');

    server.requests[0].socket.write(rawResponse('first'));
    await server.seen(2);
    assert.deepEqual(order, ['reply first']);
    server.requests[1].socket.write(rawResponse('second'));
    await Promise.all([first, second, closing, closingAgain]);
    assert.deepEqual(order, ['reply first', 'reply second', 'closed', 'closed again']);
    await closed(server.sockets[0]);

    const afterwards = new RecordingHandler();
    assert.equal(connection.dispatch(post('afterwards'), afterwards), false);
    await afterwards.settled;
    assert.ok(afterwards.error instanceof Error);
    await assert.rejects(send(connection, server.origin), TransportError);
    assert.deepEqual(
      server.requests.map((r) => r.body),
      ['first', 'second'],
    );
  });

  it('close() on an idle connection closes its socket at once', async () => {
    const server = await startRawServer((req) => req.socket.write(rawResponse('ok')));
    const connection = connect(server.origin);
    await send(connection, server.origin);
    await connection.close();
    await closed(server.sockets[0]);
    await assertTransportError(send(connection, server.origin), 'closed');
  });

  it('aborting a queued request takes it out of the queue: it is never sent', async () => {
    const server = await startRawServer(() => {}); // answered by the test
    const connection = connect(server.origin);
    const first = new RecordingHandler();
    const second = new RecordingHandler();
    connection.dispatch(post('first'), first);
    connection.dispatch(post('second'), second);
    await server.seen(1);
    second.abort!(Object.assign(new Error('not wanted any more'), { code: 'UND_ERR_ABORTED' }));
    await second.settled;
    assert.deepEqual(second.events, ['connect', 'error']);
    assert.equal(second.error?.message, 'not wanted any more');
    server.requests[0].socket.write(rawResponse('first'));
    await first.settled;
    assert.equal(first.body, 'first');
    const third = send(connection, server.origin, { body: 'third' });
    await server.seen(2);
    assert.deepEqual(
      server.requests.map((r) => r.body),
      ['first', 'third'],
    );
    server.requests[1].socket.write(rawResponse('third'));
    assert.equal((await third).body, 'third');
    assert.equal(server.sockets.length, 1);
  });

  it('an aborted request in flight gives way to the queued one, in order', async () => {
    const server = await startRawServer((req) => {
      if (req.body !== 'a') req.socket.write(rawResponse(`reply ${req.body}`));
    });
    const connection = connect(server.origin);
    const a = exchange(connection, server.origin, { body: 'a' });
    const b = send(connection, server.origin, { body: 'b' });
    await server.seen(1);
    a.abort(new TransportError('closed', 'given up'));
    const c = send(connection, server.origin, { body: 'c' });
    await assertTransportError(a.reply, 'closed', /^given up$/);
    assert.deepEqual([(await b).body, (await c).body], ['reply b', 'reply c']);
    assert.deepEqual(
      server.requests.map((r) => r.body),
      ['a', 'b', 'c'],
    );
    assert.equal(server.sockets.length, 2, 'the aborted request’s socket is not reused');
  });
});

describe('H1Connection: the server closing an idle keep-alive socket', SUITE, () => {
  it('a raw server that ends the socket after a keep-alive reply: the next request succeeds on a fresh socket', async () => {
    const server = await startRawServer((req) => req.socket.end(rawResponse(`reply ${req.body}`)));
    const connection = connect(server.origin);
    assert.equal((await send(connection, server.origin, { body: '1' })).body, 'reply 1');
    await closed(server.sockets[0]);
    assert.equal((await send(connection, server.origin, { body: '2' })).body, 'reply 2');
    await closed(server.sockets[1]);
    assert.equal((await send(connection, server.origin, { body: '3' })).body, 'reply 3');
    assert.equal(server.sockets.length, 3);
  });

  it('node:http closing the socket after its keepAliveTimeout: the next request succeeds on a fresh socket', async () => {
    const server = await startHttpServer(
      // An explicit Connection header keeps node from sending its Keep-Alive: timeout hint.
      (req, res) => res.writeHead(200, { connection: 'keep-alive' }).end(`reply ${req.body}`),
      (s) => (s.keepAliveTimeout = 50),
    );
    const connection = connect(server.origin);
    assert.equal((await send(connection, server.origin, { body: '1' })).body, 'reply 1');
    await closed(server.sockets[0]);
    assert.equal((await send(connection, server.origin, { body: '2' })).body, 'reply 2');
    assert.deepEqual(
      server.requests.map((r) => r.socket),
      [0, 1],
    );
  });
});

describe('H1Connection over https', SUITE, () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'h1-connection-tls-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  function selfSignedCert(): { key: Buffer; cert: Buffer } {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) };
  }

  it('requests succeed with the server’s certificate as CA, over one TLS connection; without it they fail', async () => {
    const { key, cert } = selfSignedCert();
    const requests: string[] = [];
    const server = await listen(
      https.createServer({ key, cert }, (req, res) => {
        requests.push(`${req.method} ${req.url} ${req.headers.host}`);
        req.resume();
        req.on('end', () => res.end('secure'));
      }),
      'https',
    );
    const connection = connect(server.origin, { tls: { ca: cert } });
    assert.equal((await send(connection, server.origin)).body, 'secure');
    assert.equal((await send(connection, server.origin)).body, 'secure');
    assert.deepEqual(requests, [`POST /mcp 127.0.0.1:${server.port}`, `POST /mcp 127.0.0.1:${server.port}`]);
    assert.equal(server.sockets.length, 1);

    const untrusting = connect(server.origin);
    await assertTransportError(send(untrusting, server.origin), 'connect', /TLS certificate refused .*self.signed certificate.*NODE_EXTRA_CA_CERTS/i);
    assert.equal(requests.length, 2);
  });
});

describe('H1Connection: request heads made once per header list', SUITE, () => {
  it('requests that share one header list still carry their own method, path and length; another list its own headers', async () => {
    const server = await startRawServer((req) => req.socket.write(rawResponse('ok')));
    const connection = connect(server.origin);
    const headers = ['content-type', 'application/json', 'mcp-session-id', 's-1'];
    await send(connection, server.origin, { path: '/a', headers, body: '{}' });
    await send(connection, server.origin, { path: '/b', headers, body: '[1]' });
    await send(connection, server.origin, { method: 'DELETE', path: '/b', headers, body: undefined });
    await send(connection, server.origin, { path: '/b', headers: ['content-type', 'application/json', 'mcp-session-id', 's-2'], body: '{}' });
    const host = `host: 127.0.0.1:${server.port}\r\n`;
    assert.deepEqual(
      server.requests.map((r) => r.bytes.toString('latin1')),
      [
        `POST /a HTTP/1.1\r\n${host}content-type: application/json\r\nmcp-session-id: s-1\r\ncontent-length: 2\r\n\r\n{}`,
        `POST /b HTTP/1.1\r\n${host}content-type: application/json\r\nmcp-session-id: s-1\r\ncontent-length: 3\r\n\r\n[1]`,
        `DELETE /b HTTP/1.1\r\n${host}content-type: application/json\r\nmcp-session-id: s-1\r\n\r\n`,
        `POST /b HTTP/1.1\r\n${host}content-type: application/json\r\nmcp-session-id: s-2\r\ncontent-length: 2\r\n\r\n{}`,
      ],
    );
  });

  it('headers given as an object are read again for every request: a value changed between two requests is sent', async () => {
    const server = await startRawServer((req) => req.socket.write(rawResponse('ok')));
    const connection = connect(server.origin);
    const headers: Record<string, string> = { 'x-step': 'one' };
    const dispatchWith = (): Promise<void> =>
      new Promise((resolve, reject) => {
        connection.dispatch(
          { origin: server.origin, path: '/mcp', method: 'GET', headers },
          {
            onResponseEnd: () => resolve(),
            onResponseError: (_c, err) => reject(err),
          },
        );
      });
    await dispatchWith();
    headers['x-step'] = 'two';
    await dispatchWith();
    assert.deepEqual(
      server.requests.map((r) => r.head.split('\r\n').find((line) => line.startsWith('x-step'))),
      ['x-step: one', 'x-step: two'],
    );
  });
});
