// Tokens per call against a baseline: informational, never gated, in the comparison table. Two real
// runs of one scenario against a scripted server whose reply grows between them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { compare, type Comparison, type ComparisonVerdict } from '../../src/compare/index.ts';
import { digestRun } from '../../src/compare/digest.ts';
import { RegressionSettingsError, regressionSettings } from '../../src/compare/settings.ts';
import { initMetrics } from '../../src/engine/metrics/index.ts';
import { sharedTokenizer } from '../../src/engine/tool-output-tokens.ts';
import { runTest } from '../../src/engine/run.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { buildResult, type Result } from '../../src/results/index.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import type { RunningServer } from '../helpers/servers.ts';
import { startScriptedServer } from '../mcp/scripted-server.ts';

const SHORT = 'three results: a, b, c';
const LONG = `three results: ${'a long paragraph about each result, '.repeat(20)}`;

describe('tokens per call compared with the baseline', () => {
  let server: RunningServer;
  let reply = SHORT;
  let baseline: Result;
  let current: Result;
  let comparison: Comparison;
  const tokensOf = (c: Comparison, tool?: string): ComparisonVerdict | undefined => c.verdicts.find((v) => v.metric === 'tokens_per_call' && v.tool === tool);

  before(async () => {
    await initMetrics();
    // Loaded once per process; these runs are shorter than its load on a busy machine (see tokenizerGraceMs).
    await sharedTokenizer().ready;
    server = await startScriptedServer((request, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: { content: [{ type: 'text', text: reply }] } }));
    });
    const scenario = parseScenario(
      `target: ${server.url}\nscenarios:\n  agents:\n    executor: per-vu-iterations\n    vus: 1\n    iterations: 4\n    flow:\n      - call: search\n`,
      'tokens.yml',
      { env: {} },
    );
    const run = async (): Promise<Result> => buildResult(scenario, server.url, await runTest(scenario, { url: server.url }));
    baseline = await run();
    reply = LONG;
    current = await run();
    comparison = compare(current, baseline);
  });
  after(() => server.stop());

  it('a tool whose output grew is "more tokens", informational: the comparison does not fail', () => {
    const v = tokensOf(comparison, 'search');
    assert.ok(v, JSON.stringify(comparison.verdicts.map((x) => [x.metric, x.tool])));
    assert.equal(v.verdict, 'regression');
    assert.equal(v.gated, false);
    assert.equal(v.baseline, countTokens(SHORT));
    assert.equal(v.current, countTokens(LONG));
    assert.match(v.note ?? '', /all 4 replies → all 4 replies/);
    assert.equal(tokensOf(comparison)?.current, countTokens(LONG));
    assert.equal(
      comparison.verdicts.filter((x) => x.metric === 'tokens_per_call').every((x) => !x.gated),
      true,
    );
  });

  it('the PR comment shows it as more tokens (informational), never as a regression of the run', () => {
    const md = renderMarkdown(current, { baseline, comparison });
    assert.match(md, /🟠 more tokens \(informational\)/);
    assert.doesNotMatch(md, /regression against the baseline/);
  });

  it('the same output is unchanged', () => {
    const again = compare(current, current);
    assert.equal(tokensOf(again, 'search')?.verdict, 'unchanged');
  });

  it('a run digest (what a history keeps) carries tokens per call and its sample', () => {
    const entry = digestRun(current, 5000);
    assert.equal(entry.summary.tokensPerCall, countTokens(LONG));
    assert.deepEqual(entry.summary.tools.find((t) => t.key === 'search')?.tokenSample, { sampled: 4, replies: 4 });
  });

  it('tokens cannot be gated: regression.gate refuses them with the reason', () => {
    assert.throws(
      () => regressionSettings({ gate: ['tool:search:tokens_per_call'] }),
      (err: Error) => err instanceof RegressionSettingsError && /informational/.test(err.message),
    );
  });
});
