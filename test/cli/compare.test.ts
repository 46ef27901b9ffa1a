import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendToHistory, compare } from '../../src/compare/index.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { main } from '../../src/cli/main.ts';
import { syntheticRun } from '../compare/synthetic.ts';

/** What `fn` writes to stderr (the CLI's messages go there), kept off the test output. */
async function captureStderr(fn: () => Promise<void>): Promise<string> {
  const write = process.stderr.write;
  let text = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    await fn();
  } finally {
    process.stderr.write = write;
  }
  return text;
}

const run = (seed: number, slowdown = 1) => syntheticRun({ seed, steadySeconds: 30, callsPerSecond: 200, slowdown });

describe('mcp-load compare', () => {
  let dir: string;
  const write = (name: string, value: unknown): string => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(value));
    return file;
  };
  const cli = async (args: string[]): Promise<{ code: number; text: string }> => {
    const lines: string[] = [];
    const code = await main(['compare', ...args], (line) => lines.push(line));
    return { code, text: lines.join('\n') };
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mcp-load-compare-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 1 and names the metric when p95 is 50 % slower than the baseline', async () => {
    const { code, text } = await cli([write('slow.json', run(2, 1.5)), write('base.json', run(1))]);
    assert.equal(code, 1);
    assert.match(text, /^✗ regression against the baseline \(rank interval\): .*mcp_call_duration_p95/);
    assert.match(text, /regression\s+mcp_call_duration_p95\s+\S+ms\s+\S+ms\s+\+\d+\.\d%/);
  });

  it('exits 0 for a run like its baseline', async () => {
    const { code, text } = await cli([write('same.json', run(3)), write('base2.json', run(4))]);
    assert.equal(code, 0, text);
    assert.match(text, /^✓ no regression detected against the baseline/);
  });

  it('uses the history (a folder with history.json) once it holds 5 runs', async () => {
    let history = undefined;
    for (let seed = 10; seed < 16; seed++) history = appendToHistory(history, run(seed));
    const folder = join(dir, 'history');
    mkdirSync(folder);
    writeFileSync(join(folder, 'history.json'), JSON.stringify(history));
    const { code, text } = await cli([write('slow2.json', run(20, 1.5)), '--history', folder]);
    assert.equal(code, 1);
    assert.match(text, /against the history \(robust band\)/);
  });

  it('without a baseline or history it is a usage error (exit 2)', async () => {
    assert.equal((await cli([write('alone.json', run(5))])).code, 2);
  });

  it('a missing, unreadable or foreign input exits 2 and names the file; an unknown option exits 2', async () => {
    const base = write('base3.json', run(6));
    const missing = join(dir, 'nope.json');
    const garbled = join(dir, 'garbled.json');
    writeFileSync(garbled, '{"schemaVersion": 1, "trunc');
    const stderr = await captureStderr(async () => {
      assert.equal((await cli([missing, base])).code, 2);
      assert.equal((await cli([base, garbled])).code, 2);
      assert.equal((await cli([base, '--history', write('history-v9.json', { schemaVersion: 9, runs: [] })])).code, 2);
      assert.equal((await cli([base, base, '--no-such-flag'])).code, 2);
    });
    assert.match(stderr, new RegExp(`${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not a readable mcp-load result \\(ENOENT`));
    assert.match(stderr, /garbled\.json: not a readable mcp-load result/);
    assert.match(stderr, /history-v9\.json: history schema version 9 is newer/);
    assert.match(stderr, /Unknown option '--no-such-flag'/);
  });

  it('an untestable gated metric is ⚠ inconclusive: exit 0, or 1 with --fail-on-inconclusive', async () => {
    // Two steady seconds a side: too few windows for a 90 % interval.
    const short = (seed: number) => syntheticRun({ seed, steadySeconds: 2, callsPerSecond: 200 });
    const files = [write('short-current.json', short(31)), write('short-base.json', short(30))];
    const { code, text } = await cli(files);
    assert.equal(code, 0, text);
    assert.match(text, /^⚠ inconclusive against the baseline \(rank interval\): could not test mcp_call_duration_p95\n/);
    assert.match(text, /inconclusive\s+mcp_call_duration_p95 .*not tested: 2 baseline and 2 current steady windows/);
    assert.doesNotMatch(text, /no regression/);
    let failed: { code: number } | undefined;
    const stderr = await captureStderr(async () => {
      failed = await cli([...files, '--fail-on-inconclusive']);
    });
    assert.equal(failed?.code, 1);
    assert.match(stderr, /could not be tested; failing as --fail-on-inconclusive asks/);
  });
});

describe('mcp-load report --baseline', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mcp-load-report-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the summary the action would, with the comparison's verdicts, and prints its headline", async () => {
    const current = run(41, 1.5);
    const baseline = run(40);
    const files = { current: join(dir, 'result.json'), baseline: join(dir, 'baseline.json') };
    writeFileSync(files.current, JSON.stringify(current));
    writeFileSync(files.baseline, JSON.stringify(baseline));
    const lines: string[] = [];
    const code = await main(['report', files.current, '--baseline', files.baseline, '--out', dir], (line) => lines.push(line));
    assert.equal(code, 0);
    assert.match(lines[0], /^compared with .*baseline\.json: ✗ regression against the baseline \(rank interval\): mcp_call_duration_p95/);
    const comparison = compare(current, baseline);
    assert.equal(comparison.regression, true);
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    assert.equal(summary, renderMarkdown(current, { baseline, comparison }));
    assert.match(
      summary,
      /^❌ \*\*mcp-load: regression against the baseline\*\* — .* — regression against the baseline \(rank interval\): p95, median of \d s window p95 ▲ \+\d+%$/m,
    );
  });
});
