// Shards' tool output merged: the merged result's figures are those of the shards' sum, from
// histograms that travelled encoded in result.json (a JSON round trip here, as between runners).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { initMetrics } from '../../src/engine/metrics/index.ts';
import { sharedTokenizer } from '../../src/engine/tool-output-tokens.ts';
import { runTest } from '../../src/engine/run.ts';
import { buildResult, mergeShardResults, type Result, type ToolOutputRow } from '../../src/results/index.ts';
import { parseScenario, type Scenario } from '../../src/scenario/index.ts';
import type { RunningServer } from '../helpers/servers.ts';
import { startScriptedServer } from '../mcp/scripted-server.ts';

// The reply's text grows with the argument n, so the shards' samples differ.
const textFor = (n: number): string => `item ${n}: ${'lorem ipsum '.repeat(n)}`;

const SCENARIO = (url: string): string => `target: ${url}
scenarios:
  agents:
    executor: per-vu-iterations
    vus: 2
    iterations: 3
    flow:
      - call: list
        args: { n: "{{vu}}" }
`;

describe('merging the tool output of shards', () => {
  let server: RunningServer;
  const served: number[] = [];
  let shards: Result[];
  let merged: Result;

  before(async () => {
    await initMetrics();
    // Loaded once per process; these runs are shorter than its load on a busy machine (see tokenizerGraceMs).
    await sharedTokenizer().ready;
    server = await startScriptedServer((request, res) => {
      const n = Number((request.params as { arguments: { n: string } }).arguments.n);
      served.push(n);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: { content: [{ type: 'text', text: textFor(n) }] } }));
    });
    const scenario: Scenario = parseScenario(SCENARIO(server.url), 'shards.yml', { env: {} });
    const run = async (index: number): Promise<Result> =>
      JSON.parse(JSON.stringify(buildResult(scenario, server.url, await runTest(scenario, { url: server.url, shard: { index, count: 2 } })))) as Result;
    shards = [await run(1), await run(2)];
    merged = mergeShardResults(shards.map((result, i) => ({ file: `shard${i + 1}.json`, result })));
  });
  after(() => server.stop());

  const list = (r: Result): ToolOutputRow => r.toolOutput!.tools.find((t) => t.tool === 'list')!;

  it('replies, sample sizes and total tokens add up to the shards and to what the server sent', () => {
    const truth = served.reduce((n, v) => n + countTokens(textFor(v)), 0);
    assert.equal(served.length, 6);
    assert.equal(list(merged).replies, list(shards[0]).replies + list(shards[1]).replies);
    assert.equal(list(merged).sampled, 6);
    assert.equal(list(merged).totalTokens, list(shards[0]).totalTokens! + list(shards[1]).totalTokens!);
    assert.equal(list(merged).totalTokens, truth);
    assert.equal(merged.toolOutput!.totalTokens, truth);
  });

  it("the merged percentiles come from the added histograms: the extremes are the shards' extremes", () => {
    const sizes = served.map((n) => Buffer.byteLength(textFor(n)));
    assert.equal(list(merged).bytes!.max, Math.max(...sizes));
    assert.equal(list(merged).bytes!.mean, sizes.reduce((a, b) => a + b, 0) / sizes.length);
    assert.equal(list(merged).tokens!.max, Math.max(list(shards[0]).tokens!.max, list(shards[1]).tokens!.max));
  });
});
