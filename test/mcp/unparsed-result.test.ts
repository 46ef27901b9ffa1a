// A tool call whose result nothing reads (`callTool(name, args, false)`) is classified by a scan of
// its reply, not a parse. Against a server scripted with hostile reply shapes, over JSON and SSE,
// its outcome must be exactly the one the full parse gives; only a plain success skips the parse.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { McpSession, McpTarget, type JsonRpcRequest, type OperationResult } from '../../src/mcp/index.ts';
import type { RunningServer } from '../helpers/servers.ts';
import { startScriptedServer } from './scripted-server.ts';

const json = (res: ServerResponse, body: string) => res.writeHead(200, { 'content-type': 'application/json' }).end(body);
const sse = (res: ServerResponse, ...events: string[]) =>
  res.writeHead(200, { 'content-type': 'text/event-stream' }).end(events.map((data) => `event: message\ndata: ${data}\n\n`).join(''));
const response = (id: JsonRpcRequest['id'], result: unknown) => JSON.stringify({ jsonrpc: '2.0', id, result });
const progress = JSON.stringify({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 1, progress: 1 } });
const HOSTILE_TEXT = 'the tool printed "isError":true, {"error":{"code":1}} and \\"isError\\":true, é 日本 😀';

/** tools/call NAME → the server's reply; `plain` says whether it is a plain success the scan may confirm. */
const SHAPES: Record<string, { plain: boolean; reply: (id: JsonRpcRequest['id'], res: ServerResponse) => void }> = {
  'json-plain': { plain: true, reply: (id, res) => json(res, response(id, { content: [{ type: 'text', text: 'ok' }], isError: false })) },
  'json-hostile-text': { plain: true, reply: (id, res) => json(res, response(id, { content: [{ type: 'text', text: HOSTILE_TEXT }] })) },
  'json-nested-iserror': {
    plain: true,
    reply: (id, res) => json(res, response(id, { content: [], structuredContent: { isError: true, error: { code: 1 } }, _meta: { isError: true } })),
  },
  'json-tool-error': { plain: false, reply: (id, res) => json(res, response(id, { content: [{ type: 'text', text: 'out of stock' }], isError: true })) },
  'json-tool-error-last': {
    plain: false,
    reply: (id, res) => json(res, `{"jsonrpc":"2.0","id":${id},"result":{"content":[{"type":"text","text":"\\"isError\\":false"}],"isError":true}}`),
  },
  'json-escaped-iserror': { plain: false, reply: (id, res) => json(res, `{"jsonrpc":"2.0","id":${id},"result":{"\\u0069sError":true,"content":[]}}`) },
  'json-duplicate-iserror': { plain: false, reply: (id, res) => json(res, `{"jsonrpc":"2.0","id":${id},"result":{"isError":false,"isError":true}}`) },
  'json-rpc-error': { plain: false, reply: (id, res) => json(res, JSON.stringify({ jsonrpc: '2.0', id, error: { code: -32602, message: 'Unknown tool' } })) },
  'json-error-after-result': {
    plain: false,
    reply: (id, res) => json(res, `{"jsonrpc":"2.0","id":${id},"result":{"content":[]},"error":{"code":-32000,"message":"late"}}`),
  },
  'json-wrong-id': { plain: false, reply: (id, res) => json(res, response(Number(id) + 1000, { content: [] })) },
  'json-string-id': { plain: false, reply: (id, res) => json(res, response(String(id), { content: [] })) },
  'json-batch': { plain: false, reply: (id, res) => json(res, `[${progress},${response(id, { content: [{ type: 'text', text: 'batched' }] })}]`) },
  'json-malformed': { plain: false, reply: (id, res) => json(res, `{"jsonrpc":"2.0","id":${id},"result":{"content":[]}`) },
  'sse-plain': { plain: true, reply: (id, res) => sse(res, response(id, { content: [{ type: 'text', text: HOSTILE_TEXT }] })) },
  'sse-notified': { plain: true, reply: (id, res) => sse(res, progress, progress, response(id, { content: [{ type: 'text', text: 'after progress' }] })) },
  'sse-batch': { plain: false, reply: (id, res) => sse(res, `[${progress},${response(id, { content: [] })}]`) },
  'sse-wrong-id-first': { plain: true, reply: (id, res) => sse(res, response(Number(id) + 1000, { isError: true }), response(id, { content: [] })) },
  'sse-tool-error': { plain: false, reply: (id, res) => sse(res, progress, response(id, { content: [{ type: 'text', text: 'no' }], isError: true })) },
  'sse-malformed': { plain: false, reply: (id, res) => sse(res, `{"jsonrpc":"2.0","id":${id},"result":{"isError":fals}}`) },
};

/** What a reader of the outcome sees, the result aside. */
function outcomeOf(r: OperationResult) {
  return {
    outcome: r.outcome,
    error: r.error?.message.replace(/\d+/g, 'N'), // the two calls' ids differ
    code: r.error?.code,
    reason: r.error?.reason,
    notifications: r.notifications,
    progress: r.progressNotifications,
    requests: r.http.length,
  };
}

describe('a tool call nothing reads the result of: scanned, not parsed, with the full parse outcome', () => {
  let server: RunningServer;
  let target: McpTarget;
  let session: McpSession;
  before(async () => {
    server = await startScriptedServer((request, res) => SHAPES[(request.params as { name: string }).name].reply(request.id, res));
    target = new McpTarget({ url: server.url, timeoutMs: 5_000 });
    session = new McpSession(target, { protocolVersion: '2025-11-25' });
    assert.equal((await session.initialize()).outcome, 'success');
  });
  after(async () => {
    await session.close();
    await target.close();
    await server.stop();
  });

  for (const [name, shape] of Object.entries(SHAPES)) {
    it(`${name}: the same outcome as the parsed call${shape.plain ? ', the result left as text' : ', parsed whole'}`, async () => {
      const parsed = await session.callTool(name, {});
      const scanned = await session.callTool(name, {}, false);
      assert.deepEqual(outcomeOf(scanned), outcomeOf(parsed));
      if (shape.plain) {
        assert.equal(scanned.outcome, 'success');
        assert.equal(scanned.result, undefined);
        assert.ok(scanned.replyText !== undefined, 'the reply text is kept for the tool-output sample');
        assert.deepEqual((JSON.parse(scanned.replyText) as { result: unknown }).result, parsed.result);
      } else {
        assert.equal(scanned.replyText, undefined);
        assert.deepEqual(scanned.result, parsed.result);
      }
    });
  }

  it('the classes the shapes cover: success, tool, protocol and transport, so a wrong shortcut could not hide', async () => {
    const classes = new Set<string>();
    for (const name of Object.keys(SHAPES)) classes.add((await session.callTool(name, {}, false)).outcome);
    assert.deepEqual([...classes].sort(), ['protocol', 'success', 'tool', 'transport']);
  });
});
