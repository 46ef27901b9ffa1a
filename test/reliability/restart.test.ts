import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startHttpFixture, type RunningServer } from '../helpers/servers.ts';
import { runProbe } from './probe.ts';

describe('reliability matrix: a server killed and restarted mid-run', () => {
  it('the call in flight fails as a transport error, the lost session is re-initialized once, the rest succeed, within the bound', async () => {
    let generation = 1;
    let calls = 0;
    let initializes = 0;
    let server: RunningServer | undefined;
    server = await startHttpFixture((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        if (req.method !== 'POST') return void res.writeHead(req.method === 'DELETE' ? 200 : 405).end();
        const message = JSON.parse(body) as { id?: number; method?: string };
        if (message.id === undefined) return void res.writeHead(202).end();
        const json = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
          res.writeHead(200, { 'content-type': 'application/json', ...headers }).end(JSON.stringify({ jsonrpc: '2.0', id: message.id, ...payload }));
        if (message.method === 'initialize') {
          initializes++;
          return json(
            { result: { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo: { name: 'restarting', version: String(generation) } } },
            { 'mcp-session-id': `gen-${generation}` },
          );
        }
        if (message.method !== 'tools/call') return json({ error: { code: -32601, message: 'Method not found' } });
        // A restarted process has forgotten every session.
        if (req.headers['mcp-session-id'] !== `gen-${generation}`) {
          return void res
            .writeHead(404, { 'content-type': 'application/json' })
            .end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32001, message: 'Session not found' } }));
        }
        calls++;
        // The third call kills the process (its connections die with it) and it starts again.
        if (calls === 3) {
          generation++;
          return void server!.restart();
        }
        json({ result: { content: [{ type: 'text', text: 'ok' }] } });
      });
    });
    try {
      const run = await runProbe(server.url, 8_000, { calls: 6 });
      assert.equal(run.errors.length, 1, JSON.stringify(run.errors));
      const [kind] = run.errors;
      assert.deepEqual([kind.errorClass, kind.reason], ['transport', 'reset'], kind.samples[0]);
      assert.equal(kind.count, 1);
      assert.equal(run.successes, 5);
      assert.equal(initializes, 2, 'one initialize per process');
      const reinits = run.result.metrics.metrics.find((m) => m.metric === 'session_reinits' && Object.keys(m.tags).length === 0);
      assert.equal(reinits?.type === 'counter' ? reinits.summary.count : 0, 1);
    } finally {
      await server.stop();
    }
  });
});
