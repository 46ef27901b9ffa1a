// Tokens per call over a history: `mcp-load history DIR`, the nightly summary and report.html's
// history chart, from real runs against a scripted server whose reply grows from run to run.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { main } from '../../src/cli/main.ts';
import { collectHistory } from '../../src/cli/history-command.ts';
import { initMetrics } from '../../src/engine/metrics/index.ts';
import { sharedTokenizer } from '../../src/engine/tool-output-tokens.ts';
import { runTest } from '../../src/engine/run.ts';
import { historyCharts, historyMarkdown, historyView } from '../../src/report/history-view.ts';
import { buildResult, type Result } from '../../src/results/index.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import type { RunningServer } from '../helpers/servers.ts';
import { startScriptedServer } from '../mcp/scripted-server.ts';

const replyOf = (run: number): string => `result list: ${'one more line of output, '.repeat(run * 5)}`;
const RUNS = 3;

describe('tokens per call in the history', () => {
  let server: RunningServer;
  let dir: string;
  let run = 0;
  const results: Result[] = [];

  before(async () => {
    await initMetrics();
    // Loaded once per process; these runs are shorter than its load on a busy machine (see tokenizerGraceMs).
    await sharedTokenizer().ready;
    dir = mkdtempSync(join(tmpdir(), 'mcp-load-tokens-history-'));
    server = await startScriptedServer((request, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: { content: [{ type: 'text', text: replyOf(run) }] } }));
    });
    const scenario = parseScenario(
      `target: ${server.url}\nscenarios:\n  agents:\n    executor: per-vu-iterations\n    vus: 1\n    iterations: 2\n    flow:\n      - call: search\n`,
      'nightly.yml',
      { env: {} },
    );
    for (run = 1; run <= RUNS; run++) {
      const result = buildResult(scenario, server.url, await runTest(scenario, { url: server.url }));
      // Nightly runs a day apart, as their artifacts would be.
      result.startedAt = new Date(Date.UTC(2026, 10, run)).toISOString();
      results.push(result);
      mkdirSync(join(dir, `run-${run}`));
      writeFileSync(join(dir, `run-${run}`, 'result.json'), JSON.stringify(result));
    }
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("mcp-load history prints each run's tokens per call", async () => {
    const lines: string[] = [];
    assert.equal(await main(['history', dir], (l) => lines.push(l)), 0);
    const table = lines.join('').split('\n');
    const header = table[0].split(/\s+/);
    const column = header.indexOf('tokens-per-call');
    assert.ok(column > 0, table[0]);
    for (let n = 1; n <= RUNS; n++) {
      const cells = table[n].split(/\s+/);
      assert.equal(cells[column + 1], countTokens(replyOf(n)).toFixed(1), table[n]); // the date takes two cells
    }
  });

  it('the nightly summary has a tokens per call row, and report.html a tokens per call history chart', async () => {
    const { history } = await collectHistory(dir, results[RUNS - 1]);
    const view = historyView(history, results[RUNS - 1]);
    const figure = view.figures.find((f) => f.id === 'tokens-per-call');
    assert.deepEqual(
      figure?.values,
      [1, 2, 3].map((n) => countTokens(replyOf(n))),
    );
    const row = historyMarkdown(view).find((l) => l.startsWith('| tokens per call'));
    assert.ok(row, historyMarkdown(view).join('\n'));
    assert.ok(row.includes(`${countTokens(replyOf(RUNS)).toFixed(1)} tokens`), row);
    const chart = historyCharts(view).find((c) => c.id === 'history-tokens-per-call');
    assert.ok(chart);
    assert.deepEqual(chart.tables[0][1], figure?.values);
  });
});
