// The reliability matrix (docs/reliability.md): scripted hostile servers, each probe asserting the
// run ends within its bound, the error class and message, valid files, and no planted secret.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import type { JsonRpcRequest } from '../../src/mcp/index.ts';
import { PLANTED_TOKEN, runProbe, startHostileServer, type ProbeOptions, type ProbeRun } from './probe.ts';

async function probe(onCall: (request: JsonRpcRequest, res: ServerResponse) => void, boundMs: number, options?: ProbeOptions): Promise<ProbeRun> {
  const server = await startHostileServer(onCall);
  try {
    return await runProbe(server.url, boundMs, options);
  } finally {
    await server.stop();
  }
}

function onlyKind(run: ProbeRun) {
  assert.equal(run.errors.length, 1, JSON.stringify(run.errors));
  return run.errors[0];
}

const html = (status: number, res: ServerResponse, body: string, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'text/html', ...headers }).end(body);

describe('reliability matrix: hostile servers', () => {
  it('malformed SSE (data that is not JSON): bad_response naming the event', async () => {
    const run = await probe((_request, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' }).end('event: message\ndata: {not json\n\n');
    }, 4_000);
    const kind = onlyKind(run);
    assert.deepEqual([kind.errorClass, kind.reason, kind.count], ['transport', 'bad_response', 2]);
  });

  it('HTML with status 200: bad_response quoting the content type', async () => {
    const run = await probe((_request, res) => html(200, res, '<html><body>Welcome</body></html>'), 4_000);
    const kind = onlyKind(run);
    assert.deepEqual([kind.errorClass, kind.reason, kind.count], ['transport', 'bad_response', 2]);
    assert.match(kind.samples[0], /expected application\/json or text\/event-stream, got "text\/html"/);
  });

  it("a 502 HTML page from a proxy: status 502 recorded, as the gateway's failure", async () => {
    const run = await probe((_request, res) => html(502, res, '<html><h1>502 Bad Gateway</h1></html>'), 4_000);
    const kind = onlyKind(run);
    assert.equal(kind.errorClass, 'gateway');
    assert.equal(kind.status, 502);
    assert.equal(kind.count, 2);
  });

  it('301 and 307 redirects are not followed (the headers stay with the target): http_status with the status', async () => {
    for (const status of [301, 307]) {
      const run = await probe((_request, res) => res.writeHead(status, { location: 'http://127.0.0.1:9/elsewhere' }).end(), 4_000);
      const kind = onlyKind(run);
      assert.deepEqual([kind.errorClass, kind.reason, kind.status], ['transport', 'http_status', status]);
    }
  });

  it('429 with Retry-After: http_status 429, each call counted', async () => {
    const run = await probe((_request, res) => res.writeHead(429, { 'retry-after': '30', 'content-type': 'text/plain' }).end('slow down'), 4_000);
    const kind = onlyKind(run);
    assert.deepEqual([kind.errorClass, kind.reason, kind.status, kind.count], ['transport', 'http_status', 429, 2]);
  });

  it('401 with WWW-Authenticate echoing the token: http_status 401, the token redacted from every file', async () => {
    const run = await probe((_request, res) => {
      res.writeHead(401, { 'www-authenticate': `Bearer error="invalid_token", error_description="Bearer ${PLANTED_TOKEN}"`, 'content-type': 'text/plain' });
      res.end(`token Bearer ${PLANTED_TOKEN} is not valid`);
    }, 4_000);
    const kind = onlyKind(run);
    assert.deepEqual([kind.errorClass, kind.reason, kind.status], ['transport', 'http_status', 401]);
    assert.match(kind.samples[0], /\*\*\*/);
  });
  it('a 5 MB reply: aborted at the 4 MiB cap as too_large', async () => {
    const big = 'x'.repeat(5_000_000);
    const run = await probe((request, res) => {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: { content: [{ type: 'text', text: big }] } }));
    }, 4_000);
    const kind = onlyKind(run);
    assert.deepEqual([kind.errorClass, kind.reason, kind.count], ['transport', 'too_large', 2]);
    assert.match(kind.samples[0], /exceeds 4194304 bytes; aborted/);
  });

  it('a 200 MB reply, streamed: aborted at the cap long before its end', async () => {
    const chunk = Buffer.alloc(1 << 20, 'x');
    let written = 0;
    const run = await probe((_request, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"');
      const pump = (): void => {
        while (!res.destroyed && written < 200 * (1 << 20)) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
      };
      pump();
    }, 6_000);
    const kind = onlyKind(run);
    assert.deepEqual([kind.errorClass, kind.reason], ['transport', 'too_large']);
    assert.ok(written < 100 * (1 << 20), `the server wrote ${written} bytes before the client gave up`);
  });
});

// The probes that wait out their 1 s deadlines spend their time on timers, not the CPU, each with its
// own server: they run side by side, after the probes above have warmed the process up.
describe('reliability matrix: hostile servers that never finish a reply', { concurrency: true }, () => {
  it('never answers: each call is a transport timeout after the 1 s deadline; 2 calls end within 4 s', async () => {
    const run = await probe(() => {}, 4_000);
    const kind = onlyKind(run);
    assert.deepEqual([kind.errorClass, kind.reason, kind.count], ['transport', 'timeout', 2]);
  });

  it('headers only (200, then no body): a transport timeout, within the bound', async () => {
    const run = await probe((_request, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.flushHeaders();
    }, 4_000);
    const kind = onlyKind(run);
    assert.deepEqual([kind.errorClass, kind.reason, kind.count], ['transport', 'timeout', 2]);
  });

  it('one byte per 100 ms: the deadline covers the whole reply, a transport timeout', async () => {
    const run = await probe((request, res) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: { content: [{ type: 'text', text: 'x'.repeat(100) }] } }));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
      let sent = 0;
      const dribble = setInterval(() => {
        if (res.destroyed || sent >= body.length) return void clearInterval(dribble);
        res.write(body.subarray(sent, ++sent));
      }, 100);
      res.on('close', () => clearInterval(dribble));
    }, 4_000);
    const kind = onlyKind(run);
    assert.deepEqual([kind.errorClass, kind.reason, kind.count], ['transport', 'timeout', 2]);
  });

  it('an endless SSE reply of notifications, never the answer: a transport timeout', async () => {
    const run = await probe((_request, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const tick = setInterval(
        () => res.write(`event: message\ndata: {"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","data":"tick"}}\n\n`),
        20,
      );
      res.on('close', () => clearInterval(tick));
    }, 4_000);
    const kind = onlyKind(run);
    assert.deepEqual([kind.errorClass, kind.reason, kind.count], ['transport', 'timeout', 2]);
  });
});
