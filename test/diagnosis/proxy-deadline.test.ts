import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runTest } from '../../src/engine/run.ts';
import { isIntermediaryReply } from '../../src/mcp/intermediary.ts';
import { renderHtmlReport } from '../../src/report/html.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { renderTerminalSummary } from '../../src/report/terminal.ts';
import { buildResult, type Result } from '../../src/results/index.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { startNginx, type RunningNginx } from '../helpers/nginx.ts';
import type { RunningServer } from '../helpers/servers.ts';
import { startScriptedServer, textResult } from '../mcp/scripted-server.ts';

/**
 * Each of 6 VUs calls the slow tool once under nginx's 2 s read timeout (1.9 s: answered) and once
 * over it (2.4 s: 504; the server finishes it 0.4 s after nginx gave up, which the test waits for).
 */
const SCENARIO = `
scenarios:
  agents:
    executor: per-vu-iterations
    vus: 6
    iterations: 1
    maxDuration: 10s
    flow:
      - call: slow
        args: { ms: 1900 }
      - call: slow
        args: { ms: 2400 }
`;
const VUS = 6;

/** What the server saw of one call: whether the balancer had given up on it before the tool finished. */
interface Completion {
  ms: number;
  abandonedBeforeDone: boolean;
}

describe('behind nginx with proxy_read_timeout 2s, a tool slower than 2 s', () => {
  let server: RunningServer;
  let nginx: RunningNginx;
  let result: Result;
  const completions: Completion[] = [];
  let allCompleted: () => void;
  const everyCallCompleted = new Promise<void>((resolve) => (allCompleted = resolve));

  before(async () => {
    server = await startScriptedServer((request, res) => {
      const ms = Number((request.params?.arguments as { ms?: unknown } | undefined)?.ms ?? 0);
      let abandoned = false;
      res.once('close', () => {
        if (!res.writableFinished) abandoned = true;
      });
      setTimeout(() => {
        completions.push({ ms, abandonedBeforeDone: abandoned });
        if (completions.length === 2 * VUS) allCompleted();
        if (abandoned) return;
        res.writeHead(200, { 'content-type': 'application/json' }).end(textResult(request.id, `slept ${ms} ms`));
      }, ms);
    });
    nginx = await startNginx(`127.0.0.1:${server.port}`, 'proxy_read_timeout 2s;');
    const scenario = parseScenario(SCENARIO, 'proxy-deadline.yml', { env: {} });
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

  it("counts nginx's 504 as the gateway's failure, not a transport one, and every call under the timeout as a success", () => {
    const kinds = result.errors.map((k) => [k.errorClass, k.method, k.tool, k.status, k.count]);
    assert.deepEqual(kinds, [['gateway', 'tools/call', 'slow', 504, VUS]]);
    const ok = result.metrics.metrics.find((s) => s.metric === 'mcp_calls' && s.tags.tool === 'slow' && s.tags.expected_response === 'true');
    assert.equal(ok?.type === 'counter' ? ok.summary.count : -1, VUS);
  });

  it("the server's own log shows every 504'd call finished after the balancer had answered", async () => {
    await everyCallCompleted; // the 2.4 s calls finish after nginx's 504s ended the run
    const late = completions.filter((c) => c.abandonedBeforeDone);
    assert.equal(late.length, VUS);
    assert.ok(late.every((c) => c.ms === 2400));
    assert.equal(completions.filter((c) => !c.abandonedBeforeDone && c.ms === 1900).length, VUS);
  });

  it('finds a proxy deadline at ≈ 2 s on the tool, with the successful calls near it and the timeout cascade as advice', () => {
    const finding = result.findings.find((f) => f.id === 'proxy-deadline');
    assert.ok(finding, `findings: ${JSON.stringify(result.findings)}`);
    const m =
      /^a proxy timed out at ≈ (\d+\.\d\d) s on tool slow: 6 calls answered HTTP 504 at \1 s while successful calls of slow took up to (\d+\.\d\d) s; the server may have finished the work$/.exec(
        finding.statement,
      );
    assert.ok(m, finding.statement);
    const deadline = Number(m[1]);
    const longest = Number(m[2]);
    assert.ok(deadline >= 1.95 && deadline <= 2.2, `deadline ${deadline}`);
    assert.ok(longest >= 1.9 && longest < deadline, `longest success ${longest}`);
    assert.match(finding.advice ?? '', /balancer's timeout .* above the server's processing timeout, and that above tool slow's longest duration/);
  });

  it('the terminal summary, the PR comment and report.html carry the finding', () => {
    const said = /a proxy timed out at ≈ \d\.\d\d s on tool slow/;
    assert.match(renderTerminalSummary(result), said);
    assert.match(renderMarkdown(result).replaceAll('&#58;', ':'), said);
    assert.match(renderHtmlReport(result), said);
  });
});

describe('whose reply a 502/503/504 is', () => {
  it("nginx's HTML page, a text body or no body at all is a proxy's", () => {
    assert.equal(isIntermediaryReply(504, 'text/html', '<html><head><title>504 Gateway Time-out</title></head></html>'), true);
    assert.equal(isIntermediaryReply(502, 'text/plain', 'Bad Gateway'), true);
    assert.equal(isIntermediaryReply(503, '', ''), true);
    assert.equal(isIntermediaryReply(503, 'application/json', '<html>maintenance</html>'), true);
  });

  it("a JSON body is the server's own, and other statuses are never a proxy's", () => {
    assert.equal(isIntermediaryReply(503, 'application/json', '{"jsonrpc":"2.0","id":1,"error":{"code":-32000,"message":"overloaded"}}'), false);
    assert.equal(isIntermediaryReply(500, 'text/html', '<html>500</html>'), false);
    assert.equal(isIntermediaryReply(404, 'text/plain', 'Not Found'), false);
  });
});
