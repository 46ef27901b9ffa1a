import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { SeriesSnapshot } from '../../src/engine/metrics/index.ts';
import { formatMs, formatPercent, formatRate } from '../../src/report/format.ts';
import type { ChartSpec } from '../../src/report/html-charts.ts';
import { MAX_MESSAGE_LENGTH, MAX_TABLE_ROWS } from '../../src/report/html-view.ts';
import { renderHtmlReport, scriptJson } from '../../src/report/html.ts';
import type { Result } from '../../src/results/types.ts';

const CHROMIUM = '/usr/bin/chromium';
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
const ARTIFACTS = new URL('../artifacts/', import.meta.url);
const CHART_IDS = ['vus', 'throughput', 'latency', 'errors', 'data', 'distribution'];

const XSS_IMG = '<img src=x onerror=window.__xss=1>';
const XSS_SCRIPT = '</script><script>window.__xss=2</script>';

function total(result: Result, metric: string): SeriesSnapshot {
  const s = result.metrics.metrics.find((m) => m.metric === metric && Object.keys(m.tags).length === 0);
  assert.ok(s, `no ${metric} total in the result`);
  return s;
}

function embeddedCharts(html: string): ChartSpec[] {
  const json = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html)?.[1];
  assert.ok(json, 'no chart data block');
  return (JSON.parse(json) as { charts: ChartSpec[] }).charts;
}

/** A result whose server-provided strings are hostile markup. */
function hostile(result: Result): Result {
  const r = structuredClone(result);
  r.scenario.id = XSS_SCRIPT;
  r.byTool[0].tool = XSS_IMG;
  r.byMethod[0].method = XSS_SCRIPT;
  r.checks.push({ scenario: XSS_IMG, step: XSS_SCRIPT, check: XSS_IMG, passes: 1, fails: 1 });
  r.errors.unshift({ errorClass: 'tool', method: 'tools/call', tool: XSS_SCRIPT, count: 3, samples: [XSS_IMG, XSS_SCRIPT] });
  r.thresholds.push({ key: XSS_IMG, source: XSS_SCRIPT, ok: false, observed: null });
  r.warnings.push(XSS_SCRIPT);
  return r;
}

let current: Result;
let baseline: Result;

// Recorded runs (test/fixtures/record-html-runs.ts): a 3 s ramp to 4 VUs against the demo server with
// tool errors on purpose and a tool it does not have, and a calmer baseline. This file tests rendering.
const fixture = (name: string): Result => JSON.parse(readFileSync(new URL(`../fixtures/results/${name}.json`, import.meta.url), 'utf8')) as Result;

before(() => {
  current = fixture('html-current');
  baseline = fixture('html-baseline');
  mkdirSync(ARTIFACTS, { recursive: true });
});

describe('renderHtmlReport (the HTML text)', () => {
  it('embeds chart data as JSON that cannot close its <script> element', () => {
    const text = scriptJson({ name: `${XSS_SCRIPT} & \u2028\u2029 <!--` });
    assert.doesNotMatch(text, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(text), { name: `${XSS_SCRIPT} & \u2028\u2029 <!--` });
  });

  it('escapes every hostile string: no markup from the result reaches the page', () => {
    const html = renderHtmlReport(hostile(current));
    assert.ok(!html.includes(XSS_IMG) && !html.includes(XSS_SCRIPT));
    assert.ok(html.includes('&lt;img src&#x3D;x onerror&#x3D;window.__xss&#x3D;1&gt;'));
    assert.equal(html.match(/<script/g)?.length, 3, 'only the data block, uPlot and the chart script');
  });

  it(`shows at most ${MAX_TABLE_ROWS} rows per table and says how many more there are`, () => {
    const r = structuredClone(current);
    r.byTool = Array.from({ length: MAX_TABLE_ROWS + 50 }, (_, i) => ({ ...current.byTool[0], tool: `tool_${i}` }));
    r.errors = [{ errorClass: 'transport', method: 'tools/call', count: 1, samples: ['x'.repeat(5000)] }];
    const html = renderHtmlReport(r);
    const start = html.indexOf('id="by-tool"');
    const byTool = html.slice(start, html.indexOf('</section>', start));
    assert.equal(byTool.match(/<tr/g)?.length, MAX_TABLE_ROWS + 1, 'header and 200 rows');
    assert.match(byTool, /50 more not shown\./);
    assert.ok(html.includes(`${'x'.repeat(MAX_MESSAGE_LENGTH)}…`) && !html.includes('x'.repeat(MAX_MESSAGE_LENGTH + 1)));
  });

  it('charts every per-second series of the run, and the baseline dashed beside it', () => {
    const charts = embeddedCharts(renderHtmlReport(current, { baseline }));
    assert.deepEqual(charts.map((c) => c.id), CHART_IDS);
    for (const chart of charts) {
      assert.equal(chart.tables.length, 2, chart.id);
      const columns = chart.tables.flatMap((t) => t.slice(1));
      assert.equal(columns.length, chart.series.length, chart.id);
      assert.deepEqual(chart.series.map((s) => s.dash), [...Array(columns.length / 2).fill(false), ...Array(columns.length / 2).fill(true)]);
    }
    const vus = charts[0].tables[0];
    assert.deepEqual(vus[1], current.timeSeries.buckets.map((b) => b.values.vus));
  });
});

const skip = !existsSync(CHROMIUM) && process.env.CI !== 'true' ? `${CHROMIUM} is missing (apt-get install -y chromium); skipped outside CI` : false;

describe('the HTML report in headless Chromium', { skip }, () => {
  let browser: Browser;
  // One page of the report with a baseline serves the tests in order (loading a page is slow on small CI machines).
  let page: Page;
  let problems: string[];
  let charts: ChartSpec[];

  before(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const html = renderHtmlReport(current, { baseline });
    charts = embeddedCharts(html);
    ({ page, problems } = await open('report.html', html));
  });
  after(() => browser?.close());

  /** Opens the report from disk and records whatever goes wrong on the page. */
  async function open(name: string, html: string): Promise<{ page: Page; problems: string[] }> {
    const file = new URL(name, ARTIFACTS);
    writeFileSync(file, html);
    const opened = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    const seen: string[] = [];
    opened.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') seen.push(`console ${m.type()}: ${m.text()}`);
    });
    opened.on('pageerror', (e) => seen.push(`page error: ${e.message}`));
    opened.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) seen.push(`network request: ${r.url()}`);
    });
    await opened.goto(pathToFileURL(file.pathname).href);
    return { page: opened, problems: seen };
  }

  /** Luminance (0 dark .. 1 light) of the page's background and text colours. */
  async function colors(): Promise<{ bg: number; fg: number }> {
    const css = await page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]);
    const luminance = (color: string): number => {
      const [r, g, b] = (color.match(/[\d.]+/g) ?? []).map(Number);
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    };
    return { bg: luminance(css[0]), fg: luminance(css[1]) };
  }

  /** Canvas size and legend entries of every chart on the page. */
  function drawn(): Promise<{ id: string; width: number; height: number; legend: number }[]> {
    return page.$$eval('[data-chart]', (figures) =>
      figures.map((f) => ({
        id: f.getAttribute('data-chart') ?? '',
        width: f.querySelector('canvas')?.width ?? 0,
        height: f.querySelector('canvas')?.height ?? 0,
        legend: f.querySelectorAll('.u-legend .u-series').length,
      })),
    );
  }

  it('opens from disk with no errors and no network, and draws every chart from data with points', async () => {
    for (const chart of charts) {
      assert.ok(chart.tables[0].slice(1).flat().some((v) => v !== null), `${chart.id} has no data points`);
    }
    const canvases = await drawn();
    assert.deepEqual(canvases.map((c) => c.id), CHART_IDS);
    for (const [i, c] of canvases.entries()) {
      assert.ok(c.width > 0 && c.height > 0, `${c.id} canvas is ${c.width}x${c.height}`);
      assert.equal(c.legend, charts[i].series.length + 1, `${c.id}: x and every series in the legend`);
    }
    await page.screenshot({ path: new URL('report.png', ARTIFACTS).pathname, fullPage: true });
    assert.deepEqual(problems, []);
  });

  it('shows the key figures of the result, with the baseline’s beside them', async () => {
    const figure = (id: string, part = 'value') => page.locator(`[data-figure="${id}"] .figure-${part}`).innerText();
    const calls = total(current, 'mcp_calls');
    const reqs = total(current, 'http_reqs');
    const latency = total(current, 'mcp_call_duration');
    const errors = total(current, 'mcp_errors');
    assert.ok(calls.type === 'counter' && reqs.type === 'counter' && latency.type === 'trend' && errors.type === 'rate');
    assert.equal(await figure('mcp-calls'), calls.summary.count.toLocaleString('en-US'));
    assert.equal(await figure('mcp-rate'), formatRate(calls.summary.rate));
    assert.equal(await figure('http-per-call'), current.httpPerCall.overall?.toFixed(2));
    assert.equal(await figure('p95'), formatMs(latency.summary.p95));
    assert.equal(await figure('error-rate'), formatPercent(errors.summary.rate));
    assert.ok(errors.summary.rate > 0.05, 'the run has errors to show');
    assert.match(await figure('p95', 'baseline'), /^baseline \S+ (?:[▲▼] [+−]\d+(?:\.\d)?%|±0%)$/);
    assert.match(await page.locator('#verdict').innerText(), /❌ 1 threshold failed\s+[\s\S]*2 of 3 thresholds passed\.[\s\S]*Compared with the baseline run of/);
    assert.match(await page.locator('#load').innerText(), /ramping-vus[\s\S]*1s\s+4 VUs/);
    assert.deepEqual(problems, []);
  });

  it('is readable in dark mode: dark background, light text, charts redrawn', async () => {
    const light = await colors();
    assert.ok(light.bg > 0.9 && light.fg < 0.3, `light: ${JSON.stringify(light)}`);
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await colors();
    assert.ok(dark.bg < 0.15 && dark.fg > 0.8, `dark: ${JSON.stringify(dark)}`);
    assert.ok((await drawn()).every((c) => c.width > 0), 'charts redrawn');
    await page.screenshot({ path: new URL('report-dark.png', ARTIFACTS).pathname, fullPage: true });
    assert.deepEqual(problems, []);
  });

  it('prints on white paper, also from dark mode', async () => {
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    const paper = await colors();
    assert.ok(paper.bg > 0.95 && paper.fg < 0.2, `print: ${JSON.stringify(paper)}`);
    const pdf = await page.pdf({ path: new URL('report.pdf', ARTIFACTS).pathname, format: 'A4' });
    assert.ok(pdf.length > 10_000);
    assert.deepEqual(problems, []);
  });

  it('renders hostile tool names, messages and check names as visible, inert text', async () => {
    const hostilePage = await open('report-xss.html', renderHtmlReport(hostile(current)));
    try {
      const p = hostilePage.page;
      assert.equal(await p.evaluate(() => (window as { __xss?: unknown }).__xss), undefined);
      assert.equal(await p.locator('img').count(), 0);
      assert.equal(await p.locator('script').count(), 3);
      assert.ok((await p.locator('#by-tool td.name').first().innerText()).includes(XSS_IMG));
      assert.ok((await p.locator('#errors').innerText()).includes(XSS_SCRIPT));
      assert.ok((await p.locator('h1').innerText()).includes(XSS_SCRIPT));
      assert.equal(await p.locator('[data-chart] canvas').count(), CHART_IDS.length);
      assert.deepEqual(hostilePage.problems, []);
    } finally {
      await hostilePage.page.close();
    }
  });
});
