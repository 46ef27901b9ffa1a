import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { McpSession, McpTarget } from '../../src/mcp/index.ts';
import type { RunningServer } from '../helpers/servers.ts';
import { startScriptedServer, textResult } from './scripted-server.ts';

/** Runs `work` with process.stderr captured. */
async function capturingStderr<T>(work: () => Promise<T>): Promise<{ value: T; stderr: string }> {
  const write = process.stderr.write;
  let stderr = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    return { value: await work(), stderr };
  } finally {
    process.stderr.write = write;
  }
}

describe("exceptions from mcp-load itself are the internal class, never the server's failure", () => {
  let server: RunningServer;
  let calls = 0;
  before(async () => {
    server = await startScriptedServer((request, res) => {
      calls++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(textResult(request.id, 'ok'));
    });
  });
  after(() => server.stop());

  it('arguments mcp-load cannot serialize (a BigInt): outcome internal, the stack printed once on stderr, nothing sent', async () => {
    const target = new McpTarget({ url: server.url });
    const session = new McpSession(target, { protocolVersion: '2025-11-25' });
    assert.equal((await session.initialize()).outcome, 'success');
    const before = calls;
    const { value: results, stderr } = await capturingStderr(async () => [
      await session.callTool('echo', { n: 1n }),
      await session.callTool('echo', { n: 2n }),
    ]);
    const ok = await session.callTool('echo', { n: 3 });
    await session.close();
    await target.close();
    for (const r of results) {
      assert.equal(r.outcome, 'internal');
      assert.match(r.error!.message, /^internal error in tools\/call: TypeError: Do not know how to serialize a BigInt/);
      assert.equal(r.error!.reason, undefined);
    }
    assert.equal(stderr.match(/internal error in tools\/call \(a bug in mcp-load, not the server/g)?.length, 1, stderr);
    assert.match(stderr, /at serializeMessage/);
    assert.equal(calls, before + 1, 'only the good call reached the server');
    assert.equal(ok.outcome, 'success');
  });
});
