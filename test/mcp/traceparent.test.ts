import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { McpSession, McpTarget, TRACEPARENT } from '../../src/mcp/index.ts';
import type { RunningServer } from '../helpers/servers.ts';
import { startScriptedServer, textResult } from './scripted-server.ts';

/** What the server received with each tools/call: the header and the `_meta` value (the ground truth). */
interface Seen {
  header: string | undefined;
  meta: unknown;
}

async function tracingServer(): Promise<{ server: RunningServer; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = await startScriptedServer(
    (request, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(textResult(request.id, 'ok'));
    },
    (message, headers) => {
      if (message.method !== 'tools/call') return;
      const meta = (message.params as { _meta?: { traceparent?: unknown } } | undefined)?._meta;
      seen.push({ header: headers.traceparent as string | undefined, meta: meta?.traceparent });
    },
  );
  return { server, seen };
}

describe('W3C traceparent on tool calls', () => {
  const servers: RunningServer[] = [];
  after(() => Promise.all(servers.map((s) => s.stop())));

  async function calls(options: ConstructorParameters<typeof McpSession>[1], count: number) {
    const { server, seen } = await tracingServer();
    servers.push(server);
    const target = new McpTarget({ url: server.url, timeoutMs: 5_000 });
    const session = new McpSession(target, { transport: 'streamable-http', ...options });
    assert.equal((await session.initialize()).outcome, 'success');
    const results = [];
    for (let i = 0; i < count; i++) results.push(await session.callTool('echo', { i }));
    await session.close();
    await target.close();
    return { results, seen };
  }

  it('each call carries a fresh, valid traceparent in _meta and the same one as an HTTP header; the result names it', async () => {
    const { results, seen } = await calls({ traceparent: { sample: 1 } }, 5);
    assert.equal(seen.length, 5);
    for (const [i, s] of seen.entries()) {
      assert.match(String(s.header), TRACEPARENT);
      assert.equal(s.meta, s.header, 'header and _meta agree');
      assert.ok(String(s.header).endsWith('-01'), 'sample 1: every call sampled');
      assert.equal(results[i].outcome, 'success');
      assert.equal(results[i].traceparent, s.header, 'the result names the traceparent the server saw');
    }
    assert.equal(new Set(seen.map((s) => String(s.header).slice(3, 35))).size, 5, 'a new trace id per call');
  });

  it('sample 0 still propagates, unsampled (flag 00)', async () => {
    const { seen } = await calls({ traceparent: { sample: 0 } }, 3);
    assert.ok(seen.every((s) => TRACEPARENT.test(String(s.header)) && String(s.header).endsWith('-00') && s.meta === s.header));
  });

  it('off by default: no header, no _meta.traceparent, nothing on the result', async () => {
    const { results, seen } = await calls({}, 2);
    assert.deepEqual(seen, [
      { header: undefined, meta: undefined },
      { header: undefined, meta: undefined },
    ]);
    assert.ok(results.every((r) => !('traceparent' in r)));
  });
});
