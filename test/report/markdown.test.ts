import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import type { ErrorKind } from '../../src/engine/error-samples.ts';
import type { OperationBreakdown } from '../../src/results/breakdown.ts';
import type { Result } from '../../src/results/types.ts';
import { renderMarkdown, type ComparisonVerdict } from '../../src/report/markdown.ts';

const FIXTURES = new URL('../fixtures/results/', import.meta.url);

function fixture(name: 'passing' | 'failing' | 'baseline'): Result {
  return JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')) as Result;
}

/** Compares with the committed `<name>.md`; UPDATE_SNAPSHOTS=1 rewrites it (review the diff before committing). */
function assertSnapshot(name: string, actual: string): void {
  const file = new URL(`${name}.md`, FIXTURES);
  if (process.env.UPDATE_SNAPSHOTS === '1') writeFileSync(file, actual);
  let expected: string;
  try {
    expected = readFileSync(file, 'utf8');
  } catch {
    assert.fail(`no snapshot ${name}.md: run with UPDATE_SNAPSHOTS=1 and review it`);
  }
  assert.equal(actual, expected);
}

/** What the compare layer would say about passing.json against baseline.json. */
const VERDICTS: ComparisonVerdict[] = [
  { metric: 'throughput', gated: false, verdict: 'unchanged', baseline: 75.74, current: 72.13, change: -0.048 },
  { metric: 'mcp_call_duration_p95', gated: true, verdict: 'regression', baseline: 45.21, current: 56.51, change: 0.25, note: 'bootstrap 95% CI +14% … +37%' },
  { metric: 'mcp_error_rate', gated: true, verdict: 'not comparable', baseline: 0.0058, current: 0.0108, note: 'too few errors to tell' },
  { metric: 'mcp_call_duration_p95', tool: 'send_sms', gated: false, verdict: 'regression', baseline: 36.02, current: 45.02, change: 0.25 },
  {
    metric: 'mcp_call_duration_p95',
    tool: 'lookup_number',
    gated: false,
    verdict: 'unchanged',
    baseline: 36.74,
    current: 45.92,
    change: 0.25,
    note: 'within noise',
  },
  { metric: 'mcp_call_duration_p95', tool: 'slow_report', gated: false, verdict: 'new', baseline: null, current: 141.95 },
  { metric: 'mcp_call_duration_p95', tool: 'legacy_ping', gated: false, verdict: 'gone', baseline: 2.4, current: null },
  { metric: 'http_per_call_calls', gated: true, verdict: 'improvement', baseline: 1.25, current: 1, change: -0.2 },
];

test('a passing run: verdict, key figures without baseline, thresholds, ratio, tools and folded details', () => {
  assertSnapshot('passing', renderMarkdown(fixture('passing')));
});

test('a run with failed thresholds says how many failed first, and links the HTML report', () => {
  assertSnapshot('failing', renderMarkdown(fixture('failing'), { reportUrl: 'https://example.github.io/mcp-load/runs/42/report.html' }));
});

test('a run against a baseline shows deltas and the comparison, regressions first', () => {
  const markdown = renderMarkdown(fixture('passing'), { baseline: fixture('baseline'), verdicts: VERDICTS, marker: 'quickstart-node20' });
  assertSnapshot('with-baseline', markdown);
});

test('the marker is the first line: the scenario id, or the marker option', () => {
  assert.equal(renderMarkdown(fixture('passing')).split('\n')[0], '<!-- mcp-load:quickstart -->');
  assert.equal(renderMarkdown(fixture('passing'), { marker: 'quickstart (node 22)' }).split('\n')[0], '<!-- mcp-load:quickstart-node-22- -->');
});

test('a report URL other than http(s) is not linked', () => {
  const markdown = renderMarkdown(fixture('passing'), { reportUrl: 'javascript:alert(1)' });
  assert.doesNotMatch(markdown, /javascript|HTML report\]/);
});

// ---------------------------------------------------------------------------------------------
// Untrusted strings.

const PROBES = ['| x |', '<img src=x onerror=alert(1)>', '@octocat', '<!-- ', '[link](javascript:alert(1))', '`code`', '# title', 'line\nbreak'];
const PROBE = PROBES.join(' ');

/** A result whose every server- or scenario-provided string carries the probes. */
function hostileResult(): Result {
  const result = fixture('failing');
  result.scenario.id = PROBE;
  result.target = `https://evil.example/${PROBE}`;
  result.scenario.echo.scenarios[0].name = PROBE;
  result.scenario.echo.scenarios[0].flow[0].name = PROBE;
  result.byTool[0].tool = PROBE;
  result.byMethod[0].method = PROBE;
  result.thresholds[0].key = PROBE;
  result.thresholds[1].error = PROBE;
  result.checks[0].check = PROBE;
  result.checks[0].step = PROBE;
  result.errors[0].tool = PROBE;
  result.errors[0].reason = PROBE;
  result.errors[0].samples = PROBES;
  result.warnings = [PROBE];
  result.environment.git = { sha: PROBE, ref: PROBE };
  return result;
}

/** Only the tags the renderer writes itself; everything else must have been escaped. */
function assertInert(markdown: string): void {
  const lines = markdown.split('\n');
  assert.match(lines[0], /^<!-- mcp-load:[A-Za-z0-9._:/+=-]+ -->$/);
  assert.equal(markdown.indexOf('<!--', 1), -1, 'no second comment can open');
  const tags = [...markdown.matchAll(/<\/?([A-Za-z!][^\s>]*)/g)].map((m) => m[0]);
  assert.deepEqual(
    [...new Set(tags)].filter((t) => !['<!--', '<details', '</details', '<summary', '</summary', '<br'].includes(t)),
    [],
  );
  assert.doesNotMatch(markdown, /@octocat/, '@ mentions do not ping');
  assert.doesNotMatch(markdown, /\]\(javascript:/);
  assert.doesNotMatch(markdown, /`/);
  assertTablesWhole(lines);
}

/** Every table row has its header's number of cells, and every <details> is closed. */
function assertTablesWhole(lines: string[]): void {
  let columns = 0;
  for (const line of lines) {
    if (!line.startsWith('|')) {
      columns = 0;
      continue;
    }
    assert.ok(line.endsWith(' |'), `row cut: ${line.slice(-80)}`);
    const cells = line.split('|').length - 2;
    if (columns === 0) columns = cells;
    assert.equal(cells, columns, `row with ${cells} cells under a ${columns}-column header: ${line.slice(0, 120)}`);
  }
  assert.equal(lines.filter((l) => l.startsWith('<details>')).length, lines.filter((l) => l === '</details>').length);
}

test('server and scenario strings cannot inject Markdown, HTML, mentions or comments', () => {
  const markdown = renderMarkdown(hostileResult(), { baseline: fixture('baseline'), verdicts: [{ ...VERDICTS[1], tool: PROBE, note: PROBE }] });
  assertInert(markdown);
  assert.match(
    markdown,
    /&#124; x &#124; &lt;img src=x onerror=alert\(1\)&gt; @\u200boctocat &lt;!--  &#91;link&#93;\(javascript:alert\(1\)\) &#96;code&#96; &#35; title line break/,
  );
});

// ---------------------------------------------------------------------------------------------
// Size.

// 1 MB of text with syntax that grows when escaped; flattened once, as JSON.parse would give it.
const MB = 'Ω|<b>@x '.repeat(131_072).split('').join('');

function tool(i: number): OperationBreakdown {
  return {
    method: 'tools/call',
    tool: `tool_${String(i).padStart(5, '0')}_${'<|>'.repeat(100)}`,
    calls: 10_000 - i,
    errors: i % 7,
    errorRate: (i % 7) / (10_000 - i),
    p50: 1 + i / 1000,
    p95: 5 + i / 100,
    p99: 9 + i / 10,
    max: 20 + i,
    failedP95: null,
    httpReqs: 10_000 - i,
    httpPerCall: 1,
    bytesSent: 1000,
    bytesReceived: 2000,
  };
}

/** 10 000 tools, thresholds, checks and comparisons; 200 error kinds of five 1 MB messages; 1 MB warnings. */
function hugeResult(): { result: Result; verdicts: ComparisonVerdict[] } {
  const result = fixture('failing');
  const ids = Array.from({ length: 10_000 }, (_, i) => i);
  result.byTool = ids.map(tool);
  result.byMethod = ids.slice(0, 500).map((i) => ({ ...tool(i), method: MB, tool: undefined }));
  result.thresholds = ids.map((i) => ({
    key: `mcp_call_duration{tool:${tool(i).tool}}`,
    source: 'p(95)<10',
    ok: i % 2 === 0,
    observed: i,
    error: i % 3 === 0 ? MB : undefined,
  }));
  result.checks = ids.map((i) => ({ scenario: MB, step: MB, check: MB, passes: i, fails: i % 5 }));
  result.errors = ids
    .slice(0, 200)
    .map((i): ErrorKind => ({ errorClass: 'tool', method: 'tools/call', tool: MB, reason: MB, count: i, samples: [MB, MB, MB, MB, MB] }));
  result.warnings = ids.slice(0, 1000).map(() => MB);
  result.scenario.id = MB;
  result.target = MB;
  const verdicts = ids.map(
    (i): ComparisonVerdict => ({
      metric: MB,
      tool: MB,
      gated: false,
      verdict: i % 3 === 0 ? 'regression' : 'unchanged',
      baseline: i,
      current: i + 1,
      note: MB,
    }),
  );
  return { result, verdicts };
}

test('10 000 tools and 1 MB messages stay under GitHub’s limit, whole rows and tags, ending with a note', () => {
  const { result, verdicts } = hugeResult();
  const started = performance.now();
  const markdown = renderMarkdown(result, { baseline: fixture('baseline'), verdicts, reportUrl: 'https://example.com/report.html' });
  // A guard against a blow-up (quadratic work on 10 000 rows), not a speed measurement: the bound
  // leaves room for a machine shared with other test files.
  assert.ok(performance.now() - started < 15_000, 'renders in well under the time a CI step takes to notice');
  assert.ok(markdown.length <= 65_000, `length ${markdown.length}`);
  assertInert(markdown);
  assert.match(
    markdown.split('\n').at(-2) ?? '',
    /^✂️ \*Shortened to fit GitHub's comment size limit: left out .*\. Everything is in the \[HTML report\]\(https:\/\/example\.com\/report\.html\) and result\.json\.\*$/,
  );
  assert.match(markdown, /^❌ \*\*mcp-load: 5,000 thresholds failed\*\* — /m);
  assert.match(markdown, /…and 9,99\d more in the HTML report and result\.json\./);
});

test('a smaller limit drops folded details before shrinking the tables', () => {
  const { result } = hugeResult();
  const full = renderMarkdown(fixture('failing'));
  const limit = full.indexOf('<details>') + 400;
  const markdown = renderMarkdown(fixture('failing'), { maxLength: limit });
  assert.ok(markdown.length <= limit);
  assert.doesNotMatch(markdown, /<details>/);
  assert.match(markdown, /\| lookup&#95;number \| 697 \| 8 \(1\.15%\) \|/, 'the tools table is whole');
  assert.match(markdown, /left out error classes, checks, per-tool table, per-method table, warnings, environment, scenario shape/);

  for (const maxLength of [20_000, 5_000, 1_500]) {
    const shrunk = renderMarkdown(result, { maxLength });
    assert.ok(shrunk.length <= maxLength, `${shrunk.length} > ${maxLength}`);
    assertInert(shrunk);
    assert.match(shrunk, /✂️ \*Shortened/);
  }
});

test('a run that fits is rendered whole, without a truncation note', () => {
  const markdown = renderMarkdown(fixture('passing'));
  assert.ok(markdown.length < 10_000);
  assert.doesNotMatch(markdown, /Shortened/);
});

test('says when the result is the merged load of shards, or one shard’s slice of it', () => {
  const line = (result: Result): string =>
    renderMarkdown(result)
      .split('\n')
      .find((l) => l.startsWith('Scenario **')) ?? '';
  assert.match(line({ ...fixture('passing'), mergedShards: 4 }), /^Scenario \*\*quickstart\*\* · 20\.4s · 22 VUs max · merged from 4 shards · target /);
  assert.match(line({ ...fixture('passing'), shard: { index: 2, count: 4 } }), / · 22 VUs max · shard 2\/4 \(a slice of the load\) · target /);
  assert.doesNotMatch(line(fixture('passing')), /shard/);
});
