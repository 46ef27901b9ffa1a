import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { runTest } from '../../src/engine/run.ts';
import { renderHtmlReport } from '../../src/report/html.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { renderTerminalSummary } from '../../src/report/terminal.ts';
import { buildResult, type Result } from '../../src/results/index.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { startHttpFixture, type RunningServer } from '../helpers/servers.ts';

const CUT_MS = 1000;
const VUS = 2;
// The client sees a stream open when its headers arrive, which a loaded machine delays more than the
// cut's arrival: a lifetime measured beside other test files has come out at 948 ms.
const LIFETIME_LOW = 0.9;

/**
 * A legacy HTTP+SSE server (GET /mcp → `endpoint` event, POST → 202 with the reply on the stream)
 * that cuts every session stream 1 s after opening it, as a balancer with a 1 s stream timeout
 * would. It counts the streams it opened and cut: the ground truth.
 */
describe('a legacy HTTP+SSE stream cut every second', () => {
  let server: RunningServer;
  let result: Result;
  const streams = new Map<string, ServerResponse>();
  let opened = 0;
  let cut = 0;

  before(async () => {
    server = await startHttpFixture((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'GET') {
        const id = String(++opened);
        streams.set(id, res);
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.write(`event: endpoint\ndata: /mcp?sessionId=${id}\n\n`);
        const timer = setTimeout(() => {
          cut++;
          streams.delete(id);
          res.socket?.destroy();
        }, CUT_MS);
        res.once('close', () => clearTimeout(timer));
        return;
      }
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        const stream = streams.get(url.searchParams.get('sessionId') ?? '');
        if (!stream) return void res.writeHead(404).end('unknown session');
        res.writeHead(202).end();
        const m = JSON.parse(body) as { id?: number; method: string; params?: { protocolVersion?: string } };
        if (m.id === undefined) return;
        const result =
          m.method === 'initialize'
            ? { protocolVersion: m.params?.protocolVersion ?? '2024-11-05', capabilities: { tools: {} }, serverInfo: { name: 'cutting', version: '1' } }
            : { content: [{ type: 'text', text: 'ok' }] };
        stream.write(`event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', id: m.id, result })}\n\n`);
      });
    });
    const scenario = parseScenario(
      `
transport: sse
scenarios:
  agents:
    executor: constant-vus
    vus: ${VUS}
    duration: 3500ms
    flow:
      - call: work
      - think: 50ms
`,
      'legacy-cut.yml',
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

  it('counts a break for every stream the server cut and the session then replaced', () => {
    const breaks = result.metrics.metrics.find((s) => s.metric === 'sse_stream_breaks' && Object.keys(s.tags).length === 0);
    // Every stream after each VU's first followed a cut; a cut at the very end has no successor.
    assert.equal(breaks?.type === 'counter' ? breaks.summary.count : -1, opened - VUS);
    assert.ok(cut >= opened - VUS && cut <= opened, `opened ${opened}, cut ${cut}`);
    assert.ok(opened - VUS >= 4, `only ${opened} streams opened`);
  });

  it('records their lifetime (the server cuts at 1 s) and the time to the new stream', () => {
    const life = result.metrics.metrics.find((s) => s.metric === 'sse_stream_lifetime' && Object.keys(s.tags).length === 0);
    assert.ok(life?.type === 'trend');
    assert.ok(life.summary.p50 >= CUT_MS * LIFETIME_LOW && life.summary.p50 <= CUT_MS * 1.3, `lifetime p50 ${life.summary.p50} ms`);
    const reconnect = result.metrics.metrics.find((s) => s.metric === 'sse_stream_reconnect_duration' && Object.keys(s.tags).length === 0);
    assert.ok(reconnect?.type === 'trend' && reconnect.summary.count === life.summary.count);
  });

  it('finds the streams broken at ≈ 1 s of age, though the calls themselves may not fail', () => {
    const finding = result.findings.find((f) => f.id === 'sse-streams-broken');
    assert.ok(finding, JSON.stringify(result.findings));
    const m = /^SSE session streams broken at ≈ (\d\.\d\d) s of age: (\d+) legacy HTTP\+SSE streams ended under their sessions/.exec(finding.statement);
    assert.ok(m, finding.statement);
    assert.ok(Number(m[1]) >= LIFETIME_LOW && Number(m[1]) <= 1.3, m[1]);
    assert.equal(Number(m[2]), opened - VUS);
  });

  it('the terminal summary, the PR comment and report.html show the breaks', () => {
    const said = /SSE session streams broken at ≈ \d\.\d\d s of age/;
    const terminal = renderTerminalSummary(result);
    assert.match(terminal, said);
    assert.match(terminal, /SSE session streams \(legacy HTTP\+SSE\): \d+ broke under their sessions after living/);
    assert.match(renderMarkdown(result), said);
    assert.match(renderMarkdown(result), /SSE session streams \(legacy HTTP\+SSE\): \d+ broke/);
    const html = renderHtmlReport(result);
    assert.match(html, said);
    assert.match(html, /<p class="streams">SSE session streams \(legacy HTTP\+SSE\): \d+ broke/);
  });
});
