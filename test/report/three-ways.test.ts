import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Comparison } from '../../src/compare/types.ts';
import { renderHtmlReport } from '../../src/report/html.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { renderTerminalSummary } from '../../src/report/terminal.ts';
import { buildReportView } from '../../src/report/view.ts';
import type { Result } from '../../src/results/types.ts';

const FIXTURES = new URL('../fixtures/results/', import.meta.url);
const fixture = (name: string): Result => JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')) as Result;

/** As Handlebars writes text into the page. */
function html(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;')
    .replace(/`/g, '&#x60;')
    .replace(/=/g, '&#x3D;');
}

test('one result rendered three ways: terminal, summary.md and report.html say the same figures in the same strings', () => {
  const result = fixture('html-report');
  // A rate and a count beside the fixture's latency threshold: each unit formatted once, by the view.
  result.thresholds.push(
    { key: 'mcp_errors', source: 'rate<0.1', ok: true, observed: 2 / 34 },
    { key: 'iterations', source: 'count>1000', ok: false, observed: 1234 },
  );
  const baseline = fixture('html-report');
  const comparison: Comparison = {
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
  const view = buildReportView(result, { baseline, comparison });
  const terminal = renderTerminalSummary(result, { baseline, comparison });
  const markdown = renderMarkdown(result, { baseline, comparison });
  const page = renderHtmlReport(result, { baseline, comparison });

  // The verdict and its one-line summary.
  for (const text of [view.verdict.title, view.verdict.summary]) {
    assert.ok(terminal.includes(text), `terminal: ${text}`);
    assert.ok(markdown.includes(text), `summary.md: ${text}`);
    assert.ok(page.includes(html(text)), `report.html: ${text}`);
  }
  // Every key figure with its baseline and change, in the Markdown table and the page's figure cards.
  for (const f of view.figures) {
    assert.ok(markdown.includes(`| ${f.label} | ${f.value} | ${f.baseline} | ${f.change} |`), `summary.md: ${f.label} ${f.value}`);
    const card = new RegExp(`data-figure="${f.id}">[^]*?<div class="figure-value">([^<]*)</div>[^]*?baseline ([^<]*) <span class="delta">([^<]*)</span>`).exec(
      page,
    );
    assert.deepEqual(card?.slice(1), [html(f.value), html(f.baseline!), html(f.change!)], `report.html: ${f.label}`);
  }
  // p95 and p99 are the terminal's p(95) and p(99) of mcp_call_duration.
  const p95 = view.figures.find((f) => f.id === 'p95')!.value;
  const p99 = view.figures.find((f) => f.id === 'p99')!.value;
  assert.match(terminal, new RegExp(`mcp_call_duration\\.+: .* p\\(95\\)=${p95} p\\(99\\)=${p99}\\n`));
  // Each threshold's observed value.
  assert.ok(view.thresholds.length >= 3);
  for (const t of view.thresholds) {
    assert.ok(terminal.includes(`'${t.source}' `) && terminal.includes(`=${t.observed}`), `terminal: ${t.key} ${t.observed}`);
    assert.match(markdown, new RegExp(`\\| ${t.observed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\|`), `summary.md: ${t.key}`);
    assert.ok(page.includes(`<td class="num">${html(t.observed)}</td>`), `report.html: ${t.key}`);
  }
  // The load, described once for Markdown and HTML.
  for (const load of view.load) {
    assert.ok(markdown.includes(`${load.executor}, ${load.summary}`), `summary.md: ${load.summary}`);
    assert.ok(page.includes(`<p>${html(load.summary)}</p>`), `report.html: ${load.summary}`);
  }
});
