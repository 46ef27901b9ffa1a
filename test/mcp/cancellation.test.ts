import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { McpSession, McpTarget, type JsonRpcRequest } from '../../src/mcp/index.ts';
import type { RunningServer } from '../helpers/servers.ts';
import { startScriptedServer } from './scripted-server.ts';

describe('notifications/cancelled for a request mcp-load gives up on (a server that never answers tools/call)', () => {
  let server: RunningServer;
  /** Every message the server received, in order: its own log is the ground truth. */
  const received: Array<Partial<JsonRpcRequest>> = [];

  before(async () => {
    server = await startScriptedServer(
      () => undefined,
      (message) => received.push(message),
    );
  });
  after(() => server.stop());

  const cancellations = () => received.filter((m) => m.method === 'notifications/cancelled').map((m) => m.params);
  const lastCallId = () => received.filter((m) => m.method === 'tools/call').at(-1)!.id;

  it('a call that times out is followed by notifications/cancelled naming its id and why', async () => {
    const target = new McpTarget({ url: server.url, timeoutMs: 300 });
    const session = new McpSession(target, { protocolVersion: '2025-11-25' });
    assert.equal((await session.initialize()).outcome, 'success');
    const before = cancellations().length;
    const call = await session.callTool('slow');
    assert.equal(call.error?.reason, 'timeout');
    await until(() => cancellations().length === before + 1);
    assert.deepEqual(cancellations().at(-1), { requestId: lastCallId(), reason: 'POST timed out after 300 ms (no response)' });
    await target.close();
  });

  it('a call cut by abort() (an interrupted VU) is cancelled too', async () => {
    const target = new McpTarget({ url: server.url, timeoutMs: 60_000 });
    const session = new McpSession(target, { protocolVersion: '2025-11-25' });
    assert.equal((await session.initialize()).outcome, 'success');
    const before = cancellations().length;
    const calls = received.filter((m) => m.method === 'tools/call').length;
    const pending = session.callTool('slow');
    await until(() => received.filter((m) => m.method === 'tools/call').length === calls + 1);
    session.abort();
    assert.equal((await pending).error?.reason, 'closed');
    await until(() => cancellations().length === before + 1);
    assert.deepEqual(cancellations().at(-1), { requestId: lastCallId(), reason: 'session aborted' });
    await target.close();
  });
});

/**
 * Waits for the server's log to show what the test expects, bounded in time (a limit for a message
 * that never comes, generous for a loaded machine); returns as soon as it does.
 */
async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('the server never received it');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
