import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runTest } from '../../src/engine/run.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { renderTerminalSummary } from '../../src/report/terminal.ts';
import { buildResult, type Result } from '../../src/results/index.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { startHttpFixture, type RunningServer } from '../helpers/servers.ts';

const CUT_MS = 600;

/**
 * A Streamable HTTP server (one session, JSON replies) whose GET stream sends `retry: 100` and an
 * event id, then is cut 600 ms after it opened: mcp-load reopens it with Last-Event-ID each time.
 * The server counts the GET streams it opened: the ground truth.
 */
describe('a Streamable HTTP GET stream cut every 600 ms', () => {
  let server: RunningServer;
  let result: Result;
  let gets = 0;

  before(async () => {
    server = await startHttpFixture((req, res) => {
      if (req.method === 'GET') {
        gets++;
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.write(`retry: 100\nid: ${gets}\ndata:\n\n`);
        const timer = setTimeout(() => res.socket?.destroy(), CUT_MS);
        res.once('close', () => clearTimeout(timer));
        return;
      }
      if (req.method === 'DELETE') return void res.writeHead(200).end();
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        const m = JSON.parse(body) as { id?: number; method: string; params?: { protocolVersion?: string } };
        if (m.id === undefined) return void res.writeHead(202).end();
        if (m.method === 'server/discover')
          return void res
            .writeHead(400, { 'content-type': 'application/json' })
            .end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32000, message: 'Bad Request: Server not initialized' } }));
        const result =
          m.method === 'initialize'
            ? { protocolVersion: m.params?.protocolVersion ?? '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'cutting', version: '1' } }
            : { content: [{ type: 'text', text: 'ok' }] };
        res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 's1' }).end(JSON.stringify({ jsonrpc: '2.0', id: m.id, result }));
      });
    });
    const scenario = parseScenario(
      `
transport: streamable-http
stream: true
scenarios:
  agents:
    executor: constant-vus
    vus: 1
    duration: 3s
    flow:
      - call: work
      - think: 50ms
`,
      'get-cut.yml',
      { env: {} },
    );
    const outcome = await runTest(scenario, { url: server.url });
    try {
      result = buildResult(scenario, server.url, outcome, {});
    } finally {
      outcome.registry.dispose();
    }
  });

  after(() => server?.stop());

  it('counts each reopened stream as a break, with its lifetime (cut at 0.6 s) and the time to reopen (retry 100 ms)', () => {
    const breaks = result.metrics.metrics.find((s) => s.metric === 'sse_stream_breaks' && s.tags.stream === 'get');
    // Every GET after the first followed a cut; the last reopening may find no call left to report it.
    const n = breaks?.type === 'counter' ? breaks.summary.count : -1;
    assert.ok(n === gets - 1 || n === gets - 2, `${n} breaks for ${gets} GETs`);
    assert.ok(n >= 2, `${n} breaks`);
    const life = result.metrics.metrics.find((s) => s.metric === 'sse_stream_lifetime' && s.tags.stream === 'get');
    assert.ok(
      life?.type === 'trend' && life.summary.p50 >= CUT_MS * 0.9 && life.summary.p50 <= CUT_MS * 1.5,
      `lifetime ${life?.type === 'trend' ? life.summary.p50 : '?'}`,
    );
    const reconnect = result.metrics.metrics.find((s) => s.metric === 'sse_stream_reconnect_duration' && s.tags.stream === 'get');
    assert.ok(
      reconnect?.type === 'trend' && reconnect.summary.p50 >= 90 && reconnect.summary.p50 < 600,
      `reconnect ${reconnect?.type === 'trend' ? reconnect.summary.p50 : '?'}`,
    );
    assert.equal(result.errors.length, 0, 'the calls themselves never failed');
  });

  it('finds the GET streams broken and shows them in the terminal summary and the PR comment', () => {
    const finding = result.findings.find((f) => f.id === 'get-streams-broken');
    assert.ok(finding, JSON.stringify(result.findings));
    assert.match(finding.statement, /Streamable HTTP GET streams ended under their sessions/);
    assert.match(renderTerminalSummary(result), /GET streams \(Streamable HTTP\): \d+ broke under their sessions after living/);
    assert.match(renderMarkdown(result), /GET streams \(Streamable HTTP\): \d+ broke/);
  });
});
