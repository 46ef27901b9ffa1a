import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { renderMarkdown, type ComparisonVerdict } from '../../src/report/markdown.ts';
import type { Result } from '../../src/results/types.ts';

// summary.md as GitHub shows it: rendered by cmark-gfm (GitHub's own GFM renderer, Debian's package)
// and laid out in Chromium with the table rules of GitHub's Markdown stylesheet (as published in
// sindresorhus/github-markdown-css: a table is a block of max-content width, capped at the column and
// scrolled beyond it; cells padded 6px 13px; the body breaks long words, which is what squeezes a header
// letter by letter once a table outgrows the column). Comment text is 14 px.
//
// The column: 780 px, the content width of a comment on a pull request's conversation page at GitHub's
// default 1280 px layout (the figure issue #14 gives; github.com is not reachable from here to measure it).
const COLUMN_PX = 780;
const MAX_FIRST_SCREEN_COLUMNS = 5;

const CSS = `
  body { margin: 0; }
  .markdown-body { width: ${COLUMN_PX}px; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; font-size: 14px; line-height: 1.5; word-wrap: break-word; }
  .markdown-body table { border-spacing: 0; border-collapse: collapse; display: block; width: max-content; max-width: 100%; overflow: auto; margin-bottom: 16px; }
  .markdown-body table th { font-weight: 600; }
  .markdown-body table th, .markdown-body table td { padding: 6px 13px; border: 1px solid #d0d7de; }
`;

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
const missing = ['/usr/bin/chromium', '/usr/bin/cmark-gfm'].filter((tool) => !existsSync(tool));
const skip =
  missing.length > 0 && process.env.CI !== 'true' ? `${missing.join(' and ')} missing (apt-get install -y chromium cmark-gfm); skipped outside CI` : false;

const FIXTURES = new URL('../fixtures/results/', import.meta.url);
const fixture = (name: string): Result => JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')) as Result;

const LONG_TOOLS = [
  'search_customer_orders_by_account_and_date_range_v2',
  'lookup_international_phone_number_with_carrier_details',
  'generate_quarterly_financial_report_pdf_for_region',
];

/** passing.json against baseline.json as a real PR would see them: long tool names, a dozen thresholds, a comparison. */
function realistic(): { result: Result; baseline: Result; verdicts: ComparisonVerdict[] } {
  const result = fixture('passing');
  const baseline = fixture('baseline');
  for (const r of [result, baseline]) r.byTool.forEach((row, i) => (row.tool = LONG_TOOLS[i % LONG_TOOLS.length]));
  const observed = result.thresholds[0];
  result.thresholds = LONG_TOOLS.flatMap((tool) =>
    ['p(95)<250', 'p(99)<500', 'avg<120', 'max<2000'].map((source) => ({ ...observed, key: `mcp_call_duration{tool:${tool}}`, source })),
  );
  const verdicts: ComparisonVerdict[] = [
    { metric: 'throughput', gated: false, verdict: 'unchanged', baseline: 75.74, current: 72.13, change: -0.048 },
    {
      metric: 'mcp_call_duration_p95',
      gated: true,
      verdict: 'regression',
      baseline: 45.21,
      current: 56.51,
      change: 0.25,
      note: 'rank interval +14% … +37% (12 and 12 windows)',
    },
    { metric: 'mcp_error_rate', gated: true, verdict: 'not comparable', baseline: 0.0058, current: 0.0108, note: 'too few errors to tell' },
    ...LONG_TOOLS.map(
      (tool, i): ComparisonVerdict => ({
        metric: 'mcp_call_duration_p95',
        tool,
        gated: false,
        verdict: i === 0 ? 'regression' : 'unchanged',
        baseline: 36.02,
        current: 45.02,
        change: 0.25,
      }),
    ),
    { metric: 'http_per_call_calls', gated: true, verdict: 'improvement', baseline: 1.25, current: 1, change: -0.2 },
  ];
  return { result, baseline, verdicts };
}

function gfm(markdown: string): string {
  // --unsafe keeps <details>, <summary> and <br>, which GitHub's sanitizer allows too.
  return execFileSync('/usr/bin/cmark-gfm', ['--unsafe', '-e', 'table', '-e', 'strikethrough', '-e', 'autolink', '-e', 'tagfilter'], {
    input: markdown,
    encoding: 'utf8',
  });
}

// Plain JavaScript for the page (tsx would wrap named functions in a helper the page lacks).
const MEASURE = `[...document.querySelectorAll('table')]
  .filter((table) => table.closest('details') === null)
  .map((table) => {
    const ths = [...table.querySelectorAll('thead th')];
    const shownWidth = table.getBoundingClientRect().width;
    const lines = (el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    };
    const wrappedHeaders = ths.filter((th) => th.textContent.trim() !== '' && lines(th) > 1).map((th) => th.textContent);
    table.style.maxWidth = 'none';
    const contentWidth = table.getBoundingClientRect().width;
    return { columns: ths.length, header: ths.map((th) => th.textContent).join(' | '), contentWidth, shownWidth, wrappedHeaders };
  })`;

interface TableLayout {
  columns: number;
  header: string;
  /** The table's own (max-content) width, and the width it gets in the column. */
  contentWidth: number;
  shownWidth: number;
  /** Header cells whose text takes more than one line. */
  wrappedHeaders: string[];
}

describe('summary.md in GitHub’s comment column (cmark-gfm + Chromium at 780 px)', { skip }, () => {
  let browser: Browser;
  before(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  after(() => browser.close());

  /** The layout of every table outside a folded <details>: what a reviewer sees without a click. */
  async function firstScreenTables(markdown: string): Promise<TableLayout[]> {
    const page = await browser.newPage();
    try {
      await page.setContent(`<!doctype html><meta charset="utf-8"><style>${CSS}</style><article class="markdown-body">${gfm(markdown)}</article>`);
      return (await page.evaluate(MEASURE)) as TableLayout[];
    } finally {
      await page.close();
    }
  }

  function assertFits(tables: TableLayout[]): void {
    assert.ok(tables.length >= 3, `the first screen has its tables (${tables.length})`);
    for (const t of tables) {
      assert.ok(t.columns <= MAX_FIRST_SCREEN_COLUMNS, `${t.header}: ${t.columns} columns`);
      assert.ok(t.contentWidth <= COLUMN_PX, `${t.header}: ${Math.round(t.contentWidth)} px wide, the column is ${COLUMN_PX} px`);
      assert.deepEqual(t.wrappedHeaders, [], `${t.header}: headers on more than one line`);
    }
  }

  it('with a baseline, long tool names and 12 thresholds: every first-screen table fits, at most five columns, no header wraps', async () => {
    const { result, baseline, verdicts } = realistic();
    const tables = await firstScreenTables(renderMarkdown(result, { baseline, verdicts }));
    assertFits(tables);
    assert.ok(
      tables.some((t) => t.header === ' | This run | Baseline | Change | Verdict'),
      'the key table has its baseline columns',
    );
  });

  it('without a baseline there are no Baseline or Change columns, and it fits too', async () => {
    const { result } = realistic();
    const markdown = renderMarkdown(result);
    const tables = await firstScreenTables(markdown);
    assertFits(tables);
    assert.ok(!tables.some((t) => /Baseline|Change/.test(t.header)), tables.map((t) => t.header).join('\n'));
  });

  it('the check can fail: the old layout (the per-tool table with nine columns) is caught', async () => {
    const { result, baseline, verdicts } = realistic();
    const wide = renderMarkdown(result, { baseline, verdicts })
      .replace(/<details><summary>Per tool, every figure[\s\S]*?<\/summary>/, '<div>')
      .replace(/(\| Name \| Method \|[\s\S]*?)\n\n<\/details>/, '$1\n\n</div>');
    const tables = await firstScreenTables(wide);
    assert.ok(
      tables.some((t) => t.columns > MAX_FIRST_SCREEN_COLUMNS && t.contentWidth > COLUMN_PX),
      tables.map((t) => `${t.header}: ${Math.round(t.contentWidth)}`).join('\n'),
    );
  });
});
