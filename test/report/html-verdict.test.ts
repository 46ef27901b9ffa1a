import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import type { Comparison } from '../../src/compare/types.ts';
import { renderHtmlReport } from '../../src/report/html.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { buildReportView } from '../../src/report/view.ts';
import type { Result } from '../../src/results/types.ts';

const FIXTURES = new URL('../fixtures/results/', import.meta.url);
const fixture = (name: string): Result => JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')) as Result;

/** A gated p95 regression: the step fails on it, so report.html must not say "passed". */
const REGRESSION: Comparison = {
  comparable: true,
  regression: true,
  inconclusive: false,
  method: 'rank-interval',
  verdicts: [
    {
      metric: 'mcp_call_duration_p95',
      gated: true,
      verdict: 'regression',
      baseline: 45.21,
      current: 56.51,
      change: 0.25,
      basis: 'median of 5 s window p95',
      note: 'rank interval +14 % … +37 %',
    },
    { metric: 'mcp_error_rate', gated: true, verdict: 'unchanged', baseline: 0.0058, current: 0.0108, basis: 'whole run' },
  ],
};

/** Too few windows to test p95: inconclusive, never "no regression". */
const INCONCLUSIVE: Comparison = {
  comparable: true,
  regression: false,
  inconclusive: true,
  method: 'rank-interval',
  verdicts: [
    {
      metric: 'mcp_call_duration_p95',
      gated: true,
      verdict: 'inconclusive',
      baseline: 6.6,
      current: 10.01,
      change: 0.516,
      basis: 'median of 1 s window p95',
      note: '2 and 2 windows (needs 3 a side)',
    },
  ],
};

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const skip =
  !existsSync('/usr/bin/chromium') && process.env.CI !== 'true' ? '/usr/bin/chromium is missing (apt-get install -y chromium); skipped outside CI' : false;

describe('report.html carries the comparison: the same verdict, headline and intervals as summary.md (Chromium)', { skip }, () => {
  let browser: Browser;
  let dir: string;
  before(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    dir = mkdtempSync(join(tmpdir(), 'mcp-load-verdict-'));
  });
  after(async () => {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function shown(comparison: Comparison): Promise<{ headline: string; comparison: string; rows: string[]; p95Verdict: string; findings: string[] }> {
    const file = join(dir, `${comparison.inconclusive ? 'inconclusive' : 'regression'}.html`);
    writeFileSync(file, renderHtmlReport(fixture('html-report'), { baseline: fixture('html-report'), comparison }));
    const page = await browser.newPage();
    try {
      await page.goto(pathToFileURL(file).href);
      return {
        headline: (await page.textContent('#verdict h2'))?.trim() ?? '',
        comparison: (await page.textContent('#comparison .comparison-headline'))?.trim() ?? '',
        rows: (await page.$$eval('#comparison tbody tr', (trs) => trs.map((tr) => (tr.textContent ?? '').replace(/\s+/g, ' ').trim()))) as string[],
        p95Verdict: (await page.textContent('[data-figure="p95"] .figure-verdict'))?.trim() ?? '',
        findings: (await page.$$eval('#findings .finding-statement', (ps) => ps.map((p) => p.textContent ?? ''))) as string[],
      };
    } finally {
      await page.close();
    }
  }

  it('a gated regression: the banner fails, and says what summary.md says', async () => {
    const page = await shown(REGRESSION);
    const view = buildReportView(fixture('passing'), { baseline: fixture('baseline'), comparison: REGRESSION });
    assert.equal(page.headline, '❌ regression against the baseline');
    assert.equal(page.comparison, 'regression against the baseline (rank interval): p95, median of 5 s window p95 ▲ +25%');
    assert.equal(page.comparison, view.comparison?.headline);
    assert.match(
      renderMarkdown(fixture('passing'), { baseline: fixture('baseline'), comparison: REGRESSION }).split('\n')[1],
      /^❌ \*\*mcp-load: regression against the baseline\*\*/,
    );
    assert.equal(page.p95Verdict, '🔴 regression ▲ +25% (p95, median of 5 s window p95): rank interval +14 % … +37 %');
    assert.match(page.rows[0], /^🔴 regression mcp_call_duration_p95 p95, median of 5 s window p95 45\.21ms 56\.51ms ▲ \+25% rank interval/);
  });

  it('an untested gated metric: ⚠ inconclusive with the reason, never "no regression" or "unchanged"', async () => {
    const page = await shown(INCONCLUSIVE);
    assert.equal(page.headline, '⚠️ passed; the comparison is inconclusive');
    assert.equal(page.comparison, 'inconclusive against the baseline (rank interval): p95, median of 1 s window p95 could not be tested');
    assert.match(page.p95Verdict, /^⚠️ inconclusive ▲ \+52% \(p95, median of 1 s window p95\): 2 and 2 windows \(needs 3 a side\)$/);
    assert.ok(page.findings.some((f) => f.startsWith('the comparison with the baseline is inconclusive')));
    const markdown = renderMarkdown(fixture('passing'), { baseline: fixture('baseline'), comparison: INCONCLUSIVE });
    assert.doesNotMatch(markdown, /no regression|unchanged — not tested/);
    assert.match(markdown.split('\n')[1], /^⚠️ \*\*mcp-load: passed; the comparison is inconclusive\*\*/);
  });
});
