// An H1Connection hands each body chunk as a view of its one read buffer, which the next read
// overwrites (src/mcp/h1-connection.ts): HttpExchange must take what it needs during the call. The
// dispatcher here is that contract with the chunk boundaries fixed, which a socket cannot promise:
// one buffer, each chunk written into it, handed over, then overwritten.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Dispatcher } from 'undici';
import { HttpExchange } from '../../src/mcp/http-exchange.ts';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const TEXT = '{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"é a\uFEFFb ✓"}]}}';

/** Answers the exchange's request with `pieces` of a JSON body, each a view of one reused buffer. */
function readBufferDispatcher(pieces: Buffer[]): Pick<Dispatcher, 'dispatch'> {
  return {
    dispatch(_options, handler) {
      const controller = { paused: false, aborted: false, reason: null, pause() {}, resume() {}, abort() {}, bytesWritten: 0, bytesRead: 0, endedAt: 0 };
      handler.onRequestStart?.(controller, {});
      handler.onResponseStart?.(controller, 200, { 'content-type': 'application/json' }, 'OK');
      const shared = Buffer.alloc(256);
      for (const piece of pieces) {
        piece.copy(shared);
        handler.onResponseData?.(controller, shared.subarray(0, piece.length));
        shared.fill(0x7a); // the next read lands here
      }
      handler.onResponseEnd?.(controller, {});
      return true;
    },
  };
}

/** `bytes` cut at `cuts` (byte offsets). */
function cut(bytes: Buffer, cuts: number[]): Buffer[] {
  return [0, ...cuts].map((from, i) => bytes.subarray(from, cuts[i] ?? bytes.length));
}

async function bodyOf(pieces: Buffer[]): Promise<string> {
  const exchange = new HttpExchange(readBufferDispatcher(pieces), 'http://127.0.0.1:1', {
    method: 'POST',
    path: '/mcp',
    headers: [],
    body: '{}',
    purpose: 'call',
    timeoutMs: 0,
    maxBytes: 1 << 20,
  });
  return (await exchange.reply).body;
}

describe('a JSON reply read from a shared read buffer', () => {
  const body = Buffer.from(TEXT);
  const at = (s: string, after = 0) => body.indexOf(Buffer.from(s)) + after;

  it('pieces that each end on an ASCII byte, one starting with an inner U+FEFF: decoded as they come, the U+FEFF kept', async () => {
    assert.equal(await bodyOf(cut(body, [at('é'), at('\uFEFF'), at('b', 1)])), TEXT);
  });

  it('a piece ending inside a character: it and the rest are copied, and the character joined', async () => {
    assert.equal(await bodyOf(cut(body, [at('é'), at('é', 1), at('\uFEFF'), at('✓', 2)])), TEXT);
  });

  it("the reply's leading byte order mark is dropped, whether or not its first piece ends on ASCII", async () => {
    const withBom = Buffer.concat([BOM, body]);
    assert.equal(await bodyOf([withBom]), TEXT);
    assert.equal(await bodyOf(cut(withBom, [2])), TEXT);
    assert.equal(await bodyOf(cut(withBom, [3, 3 + at('\uFEFF')])), TEXT);
  });
});
