import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { main } from '../../src/cli/main.ts';
import { renderHtmlReport } from '../../src/report/html.ts';
import type { ChartSpec } from '../../src/report/html-charts.ts';
import { appendToHistory, type History } from '../../src/compare/index.ts';
import type { Result } from '../../src/results/index.ts';
import { syntheticRun } from '../compare/synthetic.ts';

const DAY_MS = 86_400_000;
const CHROMIUM = '/usr/bin/chromium';

/** Nightly run n: from run `slowFrom` on 35 % slower. */
function nightly(n: number, slowFrom: number): Result {
  const result = syntheticRun({
    seed: n,
    steadySeconds: 8,
    callsPerSecond: 40,
    slowdown: n >= slowFrom ? 1.35 : 1,
    sha: `${String(n).padStart(2, '0')}${'b'.repeat(38)}`,
  });
  result.startedAt = new Date(Date.UTC(2026, 10, 1) + n * DAY_MS).toISOString();
  return result;
}

function charts(html: string): ChartSpec[] {
  return JSON.parse(/<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html)![1]).charts;
}

describe('the history in summary.md and report.html', () => {
  let dir: string;
  let history: History;
  let current: Result;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mcp-load-history-view-'));
    history = { schemaVersion: 1, runs: [] } as History;
    for (let n = 1; n <= 14; n++) {
      const run = nightly(n, 11);
      history = appendToHistory(history, run);
      mkdirSync(join(dir, 'nightly', `run-${n}`), { recursive: true });
      writeFileSync(join(dir, 'nightly', `run-${n}`, 'result.json'), JSON.stringify(run));
    }
    current = nightly(15, 11);
    writeFileSync(join(dir, 'current.json'), JSON.stringify(current));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('mcp-load report --history: the section lists each figure over the 15 runs, the band, this run, and the change point', async () => {
    const out = join(dir, 'out');
    assert.equal(await main(['report', join(dir, 'current.json'), '--history', join(dir, 'nightly'), '--out', out], () => {}), 0);
    const summary = readFileSync(join(out, 'summary.md'), 'utf8');
    assert.match(summary, /### History \(last 15 runs, this one last\)/);
    const p95 = summary.split('\n').find((l) => l.startsWith('| p95 latency'))!;
    const spark = /`([▁▂▃▄▅▆▇█]{15})`/.exec(p95)![1];
    // Ten quick runs then five slow ones: the sparkline's last five bars stand above its first ten.
    assert.ok(
      Math.min(...[...spark.slice(10)].map((c) => '▁▂▃▄▅▆▇█'.indexOf(c))) > Math.max(...[...spark.slice(0, 10)].map((c) => '▁▂▃▄▅▆▇█'.indexOf(c))),
      spark,
    );
    // Runs 11–14 are slow too, so the earlier runs' band spans both levels: this run is within it.
    assert.ok(!p95.includes('outside'), p95);
    const change = /⚠️ The p95 latency rose from \S+ ms to \S+ ms \(\+(\d+\.\d) %\) from run 11 of 15 \(2026-11-12, 11bbbbb\) on\./.exec(summary);
    assert.ok(change, summary);
    // Latencies 1.35× slower; the medians of 10 and 5 noisy runs' p95 either side measure it roughly.
    assert.ok(Number(change[1]) > 15 && Number(change[1]) < 50, change[1]);
  });

  it('report.html: one chart per figure over the runs, the band edges, this run as the last point (outside a quiet band)', () => {
    let quiet = { schemaVersion: 1, runs: [] } as History;
    for (let n = 1; n <= 14; n++) quiet = appendToHistory(quiet, nightly(n, 99));
    const html = renderHtmlReport(nightly(15, 15), { history: quiet });
    const p95 = charts(html).find((c) => c.id === 'history-p95')!;
    assert.equal(p95.xKind, 'run');
    const [x, values, low, high, here] = p95.tables[0];
    assert.deepEqual(
      x,
      Array.from({ length: 15 }, (_, i) => i + 1),
    );
    assert.equal(values.length, 15);
    assert.deepEqual(here.slice(0, 14), Array(14).fill(null));
    assert.equal(here[14], values[14]);
    assert.ok(low[0]! < high[0]! && values[14]! > high[0]!, `band ${low[0]}–${high[0]}, this run ${values[14]}`);
  });

  const skip = !existsSync(CHROMIUM) && process.env.CI !== 'true' ? `${CHROMIUM} is missing; skipped outside CI` : false;
  it('report.html with history and capacity charts opens in Chromium with no page error and draws them', { skip }, async () => {
    const withCapacity = structuredClone(current);
    withCapacity.capacity = {
      slo: 'p95<100ms',
      highestHeld: 40,
      lowestBroken: 80,
      limit: 'latency',
      verdict: 'server-bound',
      steps: [10, 20, 40, 80].map((rate) => ({
        rate,
        durationMs: 2000,
        callsPerSecond: rate,
        latencyMs: rate * 2,
        latencyPercentile: 'p95' as const,
        flowCalls: rate,
        errorRate: 0,
        dropped: 0,
        generatorLagP99Ms: 1,
        held: rate <= 40,
        ...(rate > 40 ? { limit: 'latency' as const } : {}),
      })),
    };
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtmlReport(withCapacity, { history }));
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => (m.type() === 'error' ? problems.push(m.text()) : undefined));
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector('[data-chart="history-p95"] canvas');
      const drawn = await page.$$eval('[data-chart^="history-"] canvas, [data-chart="capacity"] canvas', (c) => c.map((e) => (e as HTMLCanvasElement).width));
      assert.deepEqual(problems, []);
      assert.ok(drawn.length >= 5 && drawn.every((w) => w > 0), JSON.stringify(drawn));
    } finally {
      await browser.close();
    }
  });
});
