// Tool output size and tokens, end to end against real servers: server-everything's tools return
// known text, a scripted server returns structuredContent and an embedded resource. Ground truth:
// the server's known output, counted here with the tokenizer itself.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { initMetrics } from '../../src/engine/metrics/index.ts';
import { sharedTokenizer } from '../../src/engine/tool-output-tokens.ts';
import { runTest } from '../../src/engine/run.ts';
import { TOOL_OUTPUT_LIMITS } from '../../src/engine/tool-output-sampler.ts';
import { buildResult, type Result, type ToolOutputRow } from '../../src/results/index.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { startEverything, type RunningServer } from '../helpers/servers.ts';
import { startScriptedServer } from '../mcp/scripted-server.ts';

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');
const row = (result: Result, tool: string): ToolOutputRow => {
  const found = result.toolOutput?.tools.find((t) => t.tool === tool);
  assert.ok(found, `no tool output row for ${tool}: ${JSON.stringify(result.toolOutput)}`);
  return found;
};

async function run(url: string, yaml: string): Promise<Result> {
  const scenario = parseScenario(`target: ${url}\n${yaml}`, 'tool-output.yml', { env: {} });
  return buildResult(scenario, url, await runTest(scenario, { url }));
}

describe('tool output against server-everything', () => {
  let server: RunningServer;
  let result: Result;
  const message = 'The quick brown fox – ünïcode 🦊 jumps';
  // What server-everything's tools return (its dist/tools/echo.js and get-sum.js).
  const echoText = `Echo: ${message}`;
  const sumText = 'The sum of 2 and 3 is 5.';

  before(async () => {
    await initMetrics();
    // Loaded once per process; these runs are shorter than its load on a busy machine (see tokenizerGraceMs).
    await sharedTokenizer().ready;
    server = await startEverything('streamableHttp');
    result = await run(
      server.url,
      `scenarios:
  agents:
    executor: per-vu-iterations
    vus: 2
    iterations: 2
    flow:
      - call: echo
        args: { message: ${JSON.stringify(message)} }
      - call: get-sum
        args: { a: 2, b: 3 }
thresholds:
  "tool_output_tokens{tool:echo}": ["max<1000", "count==4"]
  "tool_output_bytes{tool:get-sum}": ["avg<5"]
`,
    );
  });
  after(() => server.stop());

  it('counts every reply of a short run: bytes and tokens of the text the server returned, exactly', () => {
    const echo = row(result, 'echo');
    assert.equal(echo.replies, 4);
    assert.equal(echo.sampled, 4);
    assert.deepEqual(echo.bytes, { p50: bytes(echoText), p95: bytes(echoText), max: bytes(echoText), mean: bytes(echoText) });
    const tokens = countTokens(echoText);
    assert.deepEqual(echo.tokens, { p50: tokens, p95: tokens, max: tokens, mean: tokens });
    assert.equal(echo.tokensPerCall, tokens);
    assert.equal(echo.totalTokens, 4 * tokens);
    const sum = row(result, 'get-sum');
    assert.equal(sum.tokensPerCall, countTokens(sumText));
    assert.equal(sum.bytes?.mean, bytes(sumText));
  });

  it('gives the run its tokens per call over all tools and names the encoding', () => {
    const output = result.toolOutput!;
    assert.equal(output.encoding, 'o200k_base');
    assert.equal(output.totalTokens, 4 * countTokens(echoText) + 4 * countTokens(sumText));
    assert.equal(output.tokensPerCall, (countTokens(echoText) + countTokens(sumText)) / 2);
  });

  it('the metrics are thresholds like any other, and the result validates against its schema', () => {
    const echoTokens = result.thresholds.filter((t) => t.key === 'tool_output_tokens{tool:echo}');
    assert.deepEqual(
      echoTokens.map((t) => [t.source, t.ok, t.observed]),
      [
        ['max<1000', true, countTokens(echoText)],
        ['count==4', true, 4],
      ],
    );
    const sumBytes = result.thresholds.find((t) => t.key === 'tool_output_bytes{tool:get-sum}');
    assert.deepEqual([sumBytes?.ok, sumBytes?.observed], [false, bytes(sumText)]);
    const tokens = result.metrics.metrics.find((s) => s.metric === 'tool_output_tokens' && Object.keys(s.tags).length === 0);
    assert.equal(tokens?.type === 'trend' ? tokens.summary.count : -1, 8);
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const validate = ajv.compile(JSON.parse(readFileSync('schema/result.schema.json', 'utf8')));
    assert.ok(validate(result), JSON.stringify(validate.errors));
  });
});

describe('tool output of structured content, embedded resources and media', () => {
  let server: RunningServer;
  let result: Result;
  let served = 0;
  const structured = { city: 'Zürich', temperature: 21.5, conditions: ['sunny', 'light wind'] };
  const resource = { uri: 'file:///notes/readme.md', mimeType: 'text/markdown', text: '# Notes\n\nSecond line with “quotes”.' };
  const text = 'Weather report follows.';
  const failure = 'city not found: Atlantis';

  before(async () => {
    await initMetrics();
    // Loaded once per process; these runs are shorter than its load on a busy machine (see tokenizerGraceMs).
    await sharedTokenizer().ready;
    server = await startScriptedServer((request, res) => {
      served++;
      const tool = (request.params as { name: string }).name;
      const reply =
        tool === 'weather'
          ? {
              content: [
                { type: 'text', text },
                { type: 'resource', resource },
                { type: 'image', data: 'iVBORw0KGgo='.repeat(100), mimeType: 'image/png' },
              ],
              structuredContent: structured,
            }
          : { content: [{ type: 'text', text: failure }], isError: true };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: reply }));
    });
    result = await run(
      server.url,
      `scenarios:
  agents:
    executor: per-vu-iterations
    vus: 1
    iterations: 3
    flow:
      - call: weather
      - call: lookup
`,
    );
  });
  after(() => server.stop());

  it('counts text, the embedded resource and structuredContent as their JSON, each part on its own; images are left out', () => {
    assert.equal(served, 6);
    const weather = row(result, 'weather');
    const parts = [text, JSON.stringify(resource), JSON.stringify(structured)];
    assert.equal(weather.sampled, 3);
    assert.equal(
      weather.bytes?.mean,
      parts.reduce((n, p) => n + bytes(p), 0),
    );
    assert.equal(
      weather.tokensPerCall,
      parts.reduce((n, p) => n + countTokens(p), 0),
    );
  });

  it('a tool error is output the model reads: counted as a reply', () => {
    const lookup = row(result, 'lookup');
    assert.equal(lookup.replies, 3);
    assert.equal(lookup.tokensPerCall, countTokens(failure));
  });
});

describe('sampling under load is bounded', () => {
  let server: RunningServer;
  let served = 0;

  before(async () => {
    await initMetrics();
    // Loaded once per process; these runs are shorter than its load on a busy machine (see tokenizerGraceMs).
    await sharedTokenizer().ready;
    server = await startScriptedServer((request, res) => {
      served++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: { content: [{ type: 'text', text: 'x'.repeat(200) }] } }));
    });
  });
  after(() => server.stop());

  it('keeps at most perToolPerSecond replies per tick, and states the sample against all replies', async () => {
    const result = await run(
      server.url,
      `scenarios:
  agents:
    executor: constant-vus
    vus: 4
    duration: 1500ms
    flow:
      - call: flood
`,
    );
    const flood = row(result, 'flood');
    assert.equal(flood.replies, served);
    assert.ok(served > 4 * TOOL_OUTPUT_LIMITS.perToolPerSecond, `only ${served} calls served: too few to test the bound`);
    // 1.5 s: the ticks at 1 s (and the end) open at most 3 per-second budgets.
    assert.ok(flood.sampled >= 1 && flood.sampled <= 3 * TOOL_OUTPUT_LIMITS.perToolPerSecond, `sampled ${flood.sampled} of ${served}`);
    assert.equal(flood.tokensPerCall, countTokens('x'.repeat(200)));
    assert.equal(flood.totalTokens, flood.replies * countTokens('x'.repeat(200)));
  });
});
