import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import { request } from 'undici';
import { freePort, startEverything, startHttpFixture, startSdkExample, type RunningServer } from './servers.ts';

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
});
const TOOLS_LIST = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' });

async function post(url: string, body: string, sessionId?: string) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
  };
  if (sessionId) Object.assign(headers, { 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-06-18' });
  const res = await request(url, { method: 'POST', headers, body, headersTimeout: 5_000, bodyTimeout: 5_000 });
  const sessionHeader = res.headers['mcp-session-id'];
  return {
    status: res.statusCode,
    body: await res.body.text(),
    sessionId: typeof sessionHeader === 'string' ? sessionHeader : undefined,
  };
}

/** Opens an SSE stream; next() yields one raw event (the text between blank lines). */
async function openSse(url: string) {
  const res = await request(url, { headers: { accept: 'text/event-stream' }, headersTimeout: 5_000 });
  const chunks = res.body[Symbol.asyncIterator]();
  let buffered = '';
  return {
    status: res.statusCode,
    async next(): Promise<string> {
      while (!buffered.includes('\n\n')) {
        const chunk = await chunks.next();
        if (chunk.done) throw new Error(`SSE stream ended; buffered: ${buffered}`);
        buffered += Buffer.from(chunk.value).toString('utf8');
      }
      const end = buffered.indexOf('\n\n');
      const event = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      return event;
    },
    close: () => res.body.destroy(),
  };
}

function isPortOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function stopAndAssertClosed(server: RunningServer): Promise<void> {
  await server.stop();
  assert.equal(await isPortOpen(server.port), false, 'port still open after stop()');
  await server.stop(); // a second stop() is a no-op
}

/** `unknownSession`: status for a POST carrying an Mcp-Session-Id the server does not know. */
const STREAMABLE: { name: string; start: () => Promise<RunningServer>; unknownSession: number }[] = [
  { name: 'server-everything streamableHttp', start: () => startEverything('streamableHttp'), unknownSession: 400 },
  { name: 'sdk stateless', start: () => startSdkExample('stateless'), unknownSession: 200 },
  { name: 'sdk json-response', start: () => startSdkExample('json-response'), unknownSession: 404 },
  { name: 'sdk stateful', start: () => startSdkExample('stateful'), unknownSession: 404 },
];

const LEGACY_SSE: { name: string; start: () => Promise<RunningServer>; postPath: string }[] = [
  { name: 'server-everything sse', start: () => startEverything('sse'), postPath: '/message' },
  { name: 'sdk legacy-sse', start: () => startSdkExample('legacy-sse'), postPath: '/messages' },
];

describe('Streamable HTTP servers', () => {
  for (const kind of STREAMABLE) {
    // One server per kind for all three (a spawn costs a second of CPU): the checks are those of a fresh server, then of a restarted one.
    it(`${kind.name}: answers initialize; restart() keeps the port and forgets sessions; stop() closes the port`, async () => {
      const server = await kind.start();
      try {
        assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
        const { port, url } = server;
        const init = await post(url, INITIALIZE);
        assert.equal(init.status, 200, init.body);
        assert.match(init.body, /"result"/);
        assert.equal(init.sessionId === undefined, kind.name === 'sdk stateless', 'Mcp-Session-Id issued iff stateful');
        const unknown = await post(url, TOOLS_LIST, 'no-such-session');
        assert.equal(unknown.status, kind.unknownSession, unknown.body);
        await server.restart();
        assert.equal(server.port, port);
        assert.equal(server.url, url);
        const stale = await post(url, TOOLS_LIST, init.sessionId ?? 'stateless');
        assert.equal(stale.status, kind.unknownSession, stale.body);
        assert.equal((await post(url, INITIALIZE)).status, 200);
      } finally {
        await stopAndAssertClosed(server);
      }
    });
  }
});

describe('legacy HTTP+SSE servers', () => {
  for (const kind of LEGACY_SSE) {
    it(`${kind.name}: first event is endpoint, initialize answers on the stream; stop() closes the port`, async () => {
      const server = await kind.start();
      try {
        const sse = await openSse(server.url);
        try {
          assert.equal(sse.status, 200);
          const endpoint = await sse.next();
          const match = /^event: endpoint\ndata: (\S+)$/.exec(endpoint);
          assert.ok(match, `unexpected first event: ${endpoint}`);
          const postUrl = new URL(match[1], server.url);
          assert.equal(postUrl.pathname, kind.postPath);
          const accepted = await post(postUrl.href, INITIALIZE);
          assert.equal(accepted.status, 202, accepted.body);
          const reply = await sse.next();
          assert.match(reply, /^event: message\ndata: .*"result"/);
        } finally {
          sse.close();
        }
      } finally {
        await stopAndAssertClosed(server);
      }
    });
  }
});

describe('child process failures', () => {
  it('restart() rejects with the child output when the port is taken', async () => {
    const server = await startEverything('streamableHttp');
    const squatter = net.createServer();
    try {
      await server.stop();
      await new Promise<void>((resolve) => squatter.listen(server.port, '127.0.0.1', resolve));
      await assert.rejects(server.restart(), (error: Error) => {
        assert.match(error.message, /exited \(code 1.*before listening/);
        assert.match(error.message, /already in use/);
        return true;
      });
    } finally {
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
      await server.stop();
    }
  });
});

describe('startHttpFixture', () => {
  it('serves the handler on loopback; restart() keeps the port; stop() ends hanging requests', async () => {
    let hangArrived = () => {};
    const hangSeen = new Promise<void>((resolve) => (hangArrived = resolve));
    const fixture = await startHttpFixture((req, res) => {
      if (req.url === '/hang') return hangArrived(); // never answers
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html>nope</html>');
    });
    try {
      assert.equal(fixture.url, `http://127.0.0.1:${fixture.port}/mcp`);
      const res = await request(fixture.url);
      assert.equal(res.statusCode, 404);
      assert.equal(await res.body.text(), '<html>nope</html>');

      const { port } = fixture;
      await fixture.restart();
      assert.equal(fixture.port, port);
      const again = await request(fixture.url);
      await again.body.dump();
      assert.equal(again.statusCode, 404);

      const hanging = request(`http://127.0.0.1:${port}/hang`);
      await hangSeen;
      await fixture.stop();
      await assert.rejects(hanging);
    } finally {
      await stopAndAssertClosed(fixture);
    }
  });
});

describe('freePort', () => {
  it('returns a port nobody listens on', async () => {
    const port = await freePort();
    assert.ok(port > 0 && port < 65536);
    assert.equal(await isPortOpen(port), false);
  });
});
