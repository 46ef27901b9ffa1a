import assert from 'node:assert/strict';
import { once } from 'node:events';
import net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { Client, type Dispatcher } from 'undici';
import { TransportError } from '../../src/mcp/errors.ts';
import { H1Connection } from '../../src/mcp/h1-connection.ts';
import { HttpExchange, type ExchangeRequest } from '../../src/mcp/http-exchange.ts';

// Pause/resume and byte counts at the wire, against raw TCP servers on loopback whose own socket
// counts are the ground truth.

const SUITE = { timeout: 20_000 };

interface RawServer {
  origin: string;
  /** Every byte the server received, all sockets. */
  received(): number;
  /** Every byte the server wrote, as counted by its sockets once flushed. */
  sent(): number;
  sockets: net.Socket[];
  stop(): Promise<void>;
}

const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A server that answers each request (head + Content-Length framed) with `answer(index)`'s bytes. */
async function rawServer(answer: (index: number, socket: net.Socket) => void): Promise<RawServer> {
  const sockets: net.Socket[] = [];
  let received = 0;
  let requests = 0;
  const server = net.createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => {});
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(pending.toString('latin1', 0, end))?.[1] ?? 0);
        if (pending.length < end + 4 + length) return;
        pending = pending.subarray(end + 4 + length);
        answer(requests++, socket);
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  cleanups.push(stop);
  return {
    origin: `http://127.0.0.1:${port}`,
    received: () => received,
    sent: () => sockets.reduce((n, s) => n + s.bytesWritten - s.writableLength, 0),
    sockets,
    stop,
  };
}

function lean(origin: string): H1Connection {
  const connection = new H1Connection(origin, { keepAliveTimeoutMs: 10_000 });
  cleanups.push(() => connection.destroy());
  return connection;
}

function exchange(dispatcher: Pick<Dispatcher, 'dispatch'>, origin: string, req: Partial<ExchangeRequest> = {}): HttpExchange {
  return new HttpExchange(dispatcher, origin, {
    method: 'POST',
    path: '/mcp',
    headers: ['content-type', 'application/json', 'accept', 'application/json, text/event-stream'],
    body: '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"écho"}}',
    purpose: 'call',
    timeoutMs: 10_000,
    maxBytes: 64 << 20,
    ...req,
  });
}

/** A handler that pauses its request once it has `pauseAfter` body bytes, and resolves when the response ends. */
class PausingHandler implements Dispatcher.DispatchHandler {
  controller: Dispatcher.DispatchController | null = null;
  bodyBytes = 0;
  bytesAtPause = -1;
  readonly ended: Promise<void>;
  readonly pausedOnce: Promise<void>;
  private end!: () => void;
  private pausedNow!: () => void;
  private fail!: (err: Error) => void;

  constructor(private readonly pauseAfter: number) {
    this.pausedOnce = new Promise((resolve) => (this.pausedNow = resolve));
    this.ended = new Promise((resolve, reject) => {
      this.end = resolve;
      this.fail = reject;
    });
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.bodyBytes += chunk.length;
    if (this.bytesAtPause < 0 && this.bodyBytes >= this.pauseAfter) {
      this.bytesAtPause = this.bodyBytes;
      controller.pause();
      this.pausedNow();
    }
  }

  onResponseEnd(): void {
    this.end();
  }

  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    this.fail(err);
  }
}

describe('H1Connection honours the controller’s pause()', SUITE, () => {
  it('stops reading the socket while paused (the server is held by TCP backpressure) and delivers the rest after resume()', async () => {
    const bodyBytes = 16 << 20; // far more than the socket buffers of both ends hold
    let serverFlushed = false;
    const server = await rawServer((_i, socket) => {
      socket.write(`HTTP/1.1 200 OK\r\ncontent-length: ${bodyBytes}\r\n\r\n`);
      socket.write(Buffer.alloc(bodyBytes, 0x61), () => (serverFlushed = true));
    });
    const connection = lean(server.origin);
    const handler = new PausingHandler(1);
    connection.dispatch({ method: 'POST', path: '/', headers: [], body: '{}' }, handler);
    await handler.pausedOnce;

    // An observation window, not synchronisation: unpaused, loopback moves 16 MiB in a fraction of it.
    await delay(300);
    assert.ok(handler.controller!.paused);
    assert.equal(handler.bodyBytes, handler.bytesAtPause, 'no body delivered while paused');
    assert.equal(serverFlushed, false, 'the server could not write its body: nobody read the socket');
    assert.ok(server.sockets[0].writableLength > 0, 'the server holds unsent bytes (backpressure)');

    handler.controller!.resume();
    await handler.ended;
    assert.equal(handler.bodyBytes, bodyBytes, 'the whole body arrived after resume()');
  });

  it('a pause left on a finished response does not stall the next request on the same socket', async () => {
    const server = await rawServer((i, socket) => socket.write(`HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nr${i}`));
    const connection = lean(server.origin);
    const first = new PausingHandler(1); // pauses on its last (only) chunk and never resumes
    connection.dispatch({ method: 'POST', path: '/', headers: [], body: '{}' }, first);
    await first.ended;
    const reply = await exchange(connection, server.origin).reply;
    assert.equal(reply.body, 'r1');
    assert.equal(server.sockets.length, 1, 'the same keep-alive socket');
  });
});

describe('byte counts are what crossed the socket', SUITE, () => {
  const utf8Body = '{"jsonrpc":"2.0","id":1,"result":{"t":"ü✓"}}';
  const chunks = ['{"jsonrpc":"2.0"', ',"id":1,"result":{"ok":1}}'];
  const replies: Record<string, string> = {
    'content-length, UTF-8 body': `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(utf8Body)}\r\n\r\n${utf8Body}`,
    'chunked, with extensions and a trailer':
      'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n' +
      `${chunks[0].length.toString(16)};ext=1\r\n${chunks[0]}\r\n${chunks[1].length.toString(16)}\r\n${chunks[1]}\r\n0\r\nx-trailer: yes\r\n\r\n`,
    'headers with odd spacing': 'HTTP/1.1 200 Fine Thanks\r\ncontent-type:   application/json  \r\nx-a:b\r\ncontent-length: 2\r\n\r\n{}',
  };

  for (const [label, reply] of Object.entries(replies)) {
    it(`lean connection, ${label}: bytesSent and bytesReceived equal the server's own counts, per request`, async () => {
      const server = await rawServer((_i, socket) => socket.write(reply, 'utf8'));
      const connection = lean(server.origin);
      let receivedBefore = 0;
      let sentBefore = 0;
      for (const body of ['{"a":1}', '{"jsonrpc":"2.0","id":2,"method":"ping","params":{"x":"ß"}}']) {
        const { record } = await exchange(connection, server.origin, { body }).reply;
        assert.equal(record.bytesSent, server.received() - receivedBefore, 'bytes the server received');
        assert.equal(record.bytesReceived, server.sent() - sentBefore, 'bytes the server sent');
        receivedBefore = server.received();
        sentBefore = server.sent();
      }
      assert.equal(server.sockets.length, 1);
    });
  }

  it('lean connection, a body that runs until the server closes: every byte read is counted', async () => {
    const reply = 'HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\nuntil the end';
    const server = await rawServer((_i, socket) => socket.end(reply));
    const { record, body } = await exchange(lean(server.origin), server.origin).reply;
    assert.equal(body, 'until the end');
    assert.equal(record.bytesReceived, Buffer.byteLength(reply));
    assert.equal(record.bytesSent, server.received());
  });

  it('a request queued behind another and aborted before it was written sent nothing', async () => {
    const server = await rawServer((_i, socket) => socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}'));
    const connection = lean(server.origin);
    const first = exchange(connection, server.origin);
    const queued = exchange(connection, server.origin);
    queued.abort(new TransportError('closed', 'not wanted'));
    await assert.rejects(queued.reply);
    const { record } = await first.reply;
    assert.equal(queued.record.bytesSent, 0);
    assert.equal(queued.record.bytesReceived, 0);
    assert.equal(record.bytesSent, server.received());
  });

  it('undici, content-length replies: bytesSent is what the server received, bytesReceived what it sent', async () => {
    const reply = replies['content-length, UTF-8 body'];
    const server = await rawServer((_i, socket) => socket.write(reply, 'utf8'));
    const client = new Client(server.origin, { pipelining: 2 });
    cleanups.push(() => client.destroy());
    let receivedBefore = 0;
    for (const req of [{}, { method: 'DELETE', body: undefined }, { headers: ['host', 'example.test', 'content-type', 'application/json'] }] as const) {
      const { record } = await exchange(client, server.origin, req as Partial<ExchangeRequest>).reply;
      assert.equal(record.bytesSent, server.received() - receivedBefore, `request ${JSON.stringify(req)}`);
      assert.equal(record.bytesReceived, Buffer.byteLength(reply));
      receivedBefore = server.received();
    }
  });
});
