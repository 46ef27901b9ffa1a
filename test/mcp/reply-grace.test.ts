// An SSE reply that has given its answer gets the target's reply grace to end (kept on its
// connection's one deadline timer, not a timer per call); a server that holds it open past the
// grace has it closed by mcp-load, marked heldOpen, and the call still counts as answered.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { McpSession, McpTarget, type JsonRpcRequest } from '../../src/mcp/index.ts';
import type { RunningServer } from '../helpers/servers.ts';
import { startScriptedServer } from './scripted-server.ts';

const GRACE_MS = 300;

describe('the reply grace of an answered SSE reply', () => {
  let server: RunningServer;
  /** The server's own record of each reply stream: whether it ended it, or saw the client close it. */
  const streams: { name: string; closedByClient: boolean }[] = [];

  before(async () => {
    server = await startScriptedServer((request: JsonRpcRequest, res: ServerResponse) => {
      const name = (request.params as { name: string }).name;
      const stream = { name, closedByClient: false };
      streams.push(stream);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', id: request.id, result: { content: [{ type: 'text', text: name }] } })}\n\n`);
      if (name === 'ends') res.end();
      else res.on('close', () => (stream.closedByClient = !res.writableEnded));
    });
  });
  after(() => server.stop());

  for (const readResult of [true, false]) {
    it(`a stream held open after its answer is closed after the grace, heldOpen, the call answered in its own time (result ${readResult ? 'parsed' : 'scanned'})`, async () => {
      const target = new McpTarget({ url: server.url, timeoutMs: 10_000, replyGraceMs: GRACE_MS });
      const session = new McpSession(target, { protocolVersion: '2025-11-25' });
      assert.equal((await session.initialize()).outcome, 'success');
      const started = performance.now();
      const call = await session.callTool('holds', {}, readResult);
      const settledAfter = performance.now() - started;
      assert.equal(call.outcome, 'success');
      assert.equal(call.http[0].heldOpen, true);
      assert.ok(settledAfter >= GRACE_MS - 2, `settled after ${settledAfter} ms: the grace is ${GRACE_MS} ms`);
      assert.ok(call.durationMs < settledAfter, `latency ${call.durationMs} ms stops at the answer, before the grace ran out`);
      await until(() => streams.at(-1)!.closedByClient);
      await session.close();
      await target.close();
    });
  }

  it('a stream that ends after its answer is not held open, and ends the call before any grace', async () => {
    const target = new McpTarget({ url: server.url, timeoutMs: 10_000, replyGraceMs: 60_000 });
    const session = new McpSession(target, { protocolVersion: '2025-11-25' });
    assert.equal((await session.initialize()).outcome, 'success');
    for (let i = 0; i < 20; i++) {
      const call = await session.callTool('ends', {}, false);
      assert.equal(call.outcome, 'success');
      assert.equal(call.http[0].heldOpen, false);
    }
    await session.close();
    await target.close();
  });
});

/** Waits for the server's record to show what the test expects, bounded in time. */
async function until(condition: () => boolean, ms = 3000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('the server never saw it');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
