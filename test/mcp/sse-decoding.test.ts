// SSE replies are decoded whole when a chunk ends on an ASCII byte, and by a streaming decoder
// otherwise; JSON replies are decoded chunk by chunk while each ends on an ASCII byte, from the
// connection's shared read buffer, and copied from the first that does not. The text must be what
// one TextDecoder over the whole reply gives, however the bytes were split. A byte order mark is
// dropped only where the reply starts, never where a chunk does.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { McpSession, McpTarget } from '../../src/mcp/index.ts';
import type { RunningServer } from '../helpers/servers.ts';
import { startScriptedServer } from './scripted-server.ts';
import { resultText } from './result-views.ts';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('SSE reply decoding across chunk boundaries', () => {
  let server: RunningServer;
  before(async () => {
    server = await startScriptedServer((request, res) => {
      const { name } = request.params as { name: string };
      const json = name.startsWith('json-');
      const message = `{"jsonrpc":"2.0","id":${request.id},"result":{"content":[{"type":"text","text":"é a\uFEFFb ✓"}]}}`;
      const event = Buffer.from(json ? message : `event: message\ndata: ${message}\n\n`);
      // Pieces that end inside "é" and right before the inner U+FEFF (the piece after it ends on ASCII), each written on its own.
      const inner = event.indexOf(Buffer.from('\uFEFF'));
      const accent = event.indexOf(Buffer.from('é'));
      const bomFirst = name.endsWith('bom-first');
      const pieces = bomFirst ? [BOM, event] : [event];
      const bytes = Buffer.concat(pieces);
      const offset = bomFirst ? BOM.length : 0;
      // A JSON reply is cut before the "é" and before the inner U+FEFF (those pieces are decoded from
      // the read buffer as they come), then inside the "✓" (that piece and the rest are copied).
      const check = event.indexOf(Buffer.from('✓'));
      const cuts = json ? [offset + accent, offset + inner, offset + check + 1] : [offset + accent + 1, offset + inner];
      res.writeHead(200, { 'content-type': json ? 'application/json' : 'text/event-stream' });
      let from = 0;
      const writeNext = (i: number): void => {
        if (i === cuts.length) return void res.end(bytes.subarray(from));
        res.write(bytes.subarray(from, cuts[i]));
        from = cuts[i];
        setImmediate(() => writeNext(i + 1));
      };
      writeNext(0);
    });
  });
  after(() => server.stop());

  for (const [reply, prefix] of [
    ['An SSE', ''],
    ['A JSON', 'json-'],
  ] as const)
    for (const readResult of [true, false])
      it(`${reply} reply's leading BOM is dropped, one inside it kept, a split character joined (${readResult ? 'parsed' : 'scanned'})`, async () => {
        const target = new McpTarget({ url: server.url });
        const session = new McpSession(target, { protocolVersion: '2025-11-25' });
        try {
          assert.equal((await session.initialize()).outcome, 'success');
          for (const name of ['bom-first', 'no-bom', 'bom-first'].map((n) => prefix + n)) {
            const result = await session.callTool(name, {}, readResult);
            assert.equal(result.outcome, 'success', result.error?.message);
            const text = readResult
              ? resultText(result)
              : (JSON.parse(result.replyText!) as { result: { content: [{ text: string }] } }).result.content[0].text;
            assert.equal(text, 'é a\uFEFFb ✓', name);
          }
        } finally {
          await session.close();
          await target.close();
        }
      });
});
