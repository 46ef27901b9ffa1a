import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runTest } from '../../src/engine/run.ts';
import { renderHtmlReport } from '../../src/report/html.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { renderTerminalSummary } from '../../src/report/terminal.ts';
import { buildResult, type Result } from '../../src/results/index.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { startNginx, type RunningNginx } from '../helpers/nginx.ts';
import type { RunningServer } from '../helpers/servers.ts';
import { startScriptedServer, textResult } from '../mcp/scripted-server.ts';

const VUS = 3;
const ITERATIONS = 2;

/**
 * tools/call `stall` answers with SSE headers and one progress notification, then says nothing:
 * nginx's proxy_read_timeout (1 s) cuts the reply after its headers. tools/call `quick` answers at once.
 */
describe('behind nginx with proxy_read_timeout 1s, an SSE reply that stalls after its first event', () => {
  let server: RunningServer;
  let nginx: RunningNginx;
  let result: Result;
  let stalled = 0;

  before(async () => {
    server = await startScriptedServer((request, res) => {
      const tool = (request.params as { name?: string } | undefined)?.name;
      if (tool === 'quick') return void res.writeHead(200, { 'content-type': 'application/json' }).end(textResult(request.id, 'ok'));
      stalled++;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(`event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'working' } })}\n\n`);
      // Never finishes: the balancer gives up on the idle stream. Closed with the server.
    });
    nginx = await startNginx(`127.0.0.1:${server.port}`, 'proxy_read_timeout 1s;');
    const scenario = parseScenario(
      `
scenarios:
  agents:
    executor: per-vu-iterations
    vus: ${VUS}
    iterations: ${ITERATIONS}
    maxDuration: 15s
    flow:
      - call: quick
      - call: stall
`,
      'sse-reply-cut.yml',
      { env: {} },
    );
    const outcome = await runTest(scenario, { url: nginx.url });
    try {
      result = buildResult(scenario, nginx.url, outcome, {});
    } finally {
      outcome.registry.dispose();
    }
  });

  after(async () => {
    await nginx?.stop();
    await server?.stop();
  });

  it('counts each cut reply as a broken stream (its own reason, with the status the headers carried), never a plain reset', () => {
    assert.equal(stalled, VUS * ITERATIONS);
    const kinds = result.errors.map((k) => [k.errorClass, k.method, k.tool, k.reason, k.status, k.count]);
    assert.deepEqual(kinds, [['transport', 'tools/call', 'stall', 'stream_broken', 200, VUS * ITERATIONS]]);
    assert.match(result.errors[0].samples[0], /SSE reply .* broke after 1 event, \d\.\d s after its headers/);
  });

  it('records every break with its age and idle time in the stream metrics', () => {
    const breaks = result.metrics.metrics.find((s) => s.metric === 'sse_reply_breaks' && s.tags.tool === 'stall');
    assert.equal(breaks?.type === 'counter' ? breaks.summary.count : -1, VUS * ITERATIONS);
    const idle = result.metrics.metrics.find((s) => s.metric === 'sse_reply_break_idle' && s.tags.tool === 'stall');
    assert.ok(idle?.type === 'trend');
    assert.ok(idle.summary.p50 >= 950 && idle.summary.p50 <= 1300, `idle p50 ${idle.summary.p50} ms`);
  });

  it('finds replies broken at ≈ 1 s of silence, the read timeout of an intermediary, with the advice', () => {
    const finding = result.findings.find((f) => f.id === 'sse-replies-broken');
    assert.ok(finding, JSON.stringify(result.findings));
    const m =
      /^SSE replies broken at ≈ (\d\.\d\d) s of silence: (\d+) of (\d+) SSE replies of tool stall broke after their headers, before their response/.exec(
        finding.statement,
      );
    assert.ok(m, finding.statement);
    assert.ok(Number(m[1]) >= 0.95 && Number(m[1]) <= 1.3, m[1]);
    assert.equal(Number(m[2]), VUS * ITERATIONS);
    assert.match(finding.advice ?? '', /proxy_read_timeout.*timeout server.*keep-alive comments/);
  });

  it('the terminal summary, the PR comment and report.html carry the finding and the stream counts', () => {
    const said = /SSE replies broken at ≈ \d\.\d\d s of silence/;
    const terminal = renderTerminalSummary(result);
    assert.match(terminal, said);
    assert.match(terminal, /SSE replies: 6 of 6 broke after their headers, before their response \(silence before the break: median [\d.]+m?s\)/);
    assert.match(renderMarkdown(result).replaceAll('&#58;', ':'), said);
    assert.match(renderHtmlReport(result), said);
  });
});
