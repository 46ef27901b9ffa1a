// The "Tool output" section in all three reports, from one real run against a scripted server
// whose reply text is known: the same figures in each, the tool name escaped for each medium.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { initMetrics } from '../../src/engine/metrics/index.ts';
import { runTest } from '../../src/engine/run.ts';
import { renderHtmlReport } from '../../src/report/html.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { renderTerminalSummary } from '../../src/report/terminal.ts';
import { buildResult, type Result } from '../../src/results/index.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import type { RunningServer } from '../helpers/servers.ts';
import { startScriptedServer } from '../mcp/scripted-server.ts';

const TOOL = '<b>search</b>|**docs**';
const REPLY = 'Found 3 documents: alpha, beta and gamma. '.repeat(30);

describe('the tool output section of the reports', () => {
  let server: RunningServer;
  let result: Result;
  const tokens = countTokens(REPLY);

  before(async () => {
    await initMetrics();
    server = await startScriptedServer((request, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: { content: [{ type: 'text', text: REPLY }] } }));
    });
    const yaml = `target: ${server.url}
scenarios:
  agents:
    executor: per-vu-iterations
    vus: 1
    iterations: 3
    flow:
      - call: ${JSON.stringify(TOOL)}
`;
    const scenario = parseScenario(yaml, 'reports.yml', { env: {} });
    result = buildResult(scenario, server.url, await runTest(scenario, { url: server.url }));
  });
  after(() => server.stop());

  it('the terminal summary has a TOOL OUTPUT block with the measured figures', () => {
    const text = renderTerminalSummary(result);
    const block = text.slice(text.indexOf('TOOL OUTPUT'));
    assert.match(block, /Tokens per call/);
    const line = block.split('\n').find((l) => l.includes('<b>search</b>'));
    assert.ok(line, block);
    assert.match(line, new RegExp(`3 of 3 .* ${tokens}\\s+${(3 * tokens).toLocaleString('en-US')}\\s*$`));
    assert.match(block, /every reply measured/);
  });

  it('the PR comment has a Tool output table, the tool name escaped for Markdown', () => {
    const md = renderMarkdown(result);
    const section = md.slice(md.indexOf('#### Tool output'));
    assert.ok(md.includes('#### Tool output'), md);
    assert.ok(!section.includes('<b>'), 'raw HTML from a tool name');
    assert.ok(!section.includes('|**docs**'), 'a pipe would split the table row');
    assert.match(section, new RegExp(`\\| 3 of 3 \\|.*\\| ${tokens} \\| ${(3 * tokens).toLocaleString('en-US')} \\|`));
  });

  it('report.html has the section, the tool name HTML-escaped', () => {
    const html = renderHtmlReport(result);
    const start = html.indexOf('<section id="tool-output">');
    assert.ok(start > 0);
    const section = html.slice(start, html.indexOf('</section>', start));
    assert.ok(section.includes('&lt;b&gt;search&lt;/b&gt;'), section);
    assert.ok(!section.includes('<b>search'));
    assert.ok(section.includes(`<td class="num">${tokens}</td>`));
  });

  it('a sampled run says so: "of" the replies, and ≈ on the estimated total', () => {
    const sampled: Result = structuredClone(result);
    const row = sampled.toolOutput!.tools[0];
    row.replies = 3000;
    row.totalTokens = row.tokensPerCall! * 3000;
    const md = renderMarkdown(sampled);
    assert.match(md, /\| 3 of 3,000 \|/);
    assert.match(md, /≈ [\d,]+ \|/);
    assert.match(md, /estimated from a bounded sample/);
  });
});
