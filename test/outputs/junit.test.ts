import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { renderJunit } from '../../src/outputs/index.ts';
import { syntheticRun } from '../compare/synthetic.ts';
import { assertValidJunit } from './junit-schema.ts';

const readJunit = new URL('./read-junit.py', import.meta.url).pathname;

describe('JUnit XML', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mcp-load-junit-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const xpath = (file: string, expr: string) => execFileSync('xmllint', ['--xpath', expr, file], { encoding: 'utf8' }).trim();

  it('mcp-load compare -o junit=FILE: a gated regression is a failing test case with baseline, current and change', async () => {
    const write = (name: string, value: unknown) => {
      const file = join(dir, name);
      writeFileSync(file, JSON.stringify(value));
      return file;
    };
    const slow = write('slow.json', syntheticRun({ seed: 2, steadySeconds: 30, callsPerSecond: 200, slowdown: 1.5 }));
    const base = write('base.json', syntheticRun({ seed: 1, steadySeconds: 30, callsPerSecond: 200 }));
    const file = join(dir, 'compare.xml');
    const lines: string[] = [];
    assert.equal(await main(['compare', slow, base, '-o', `junit=${file}`], (l) => lines.push(l)), 1);
    assert.match(lines.join('\n'), /^junit: .*compare\.xml$/m);
    assertValidJunit(file);
    assert.equal(xpath(file, 'count(/testsuites/testsuite[@name="mcp-load.comparison"])'), '1');
    const message = xpath(file, 'string(//testsuite[@name="mcp-load.comparison"]/testcase[@name="mcp_call_duration_p95"]/failure/@message)');
    assert.match(message, /^regression: \d+(\.\d+)? → \d+(\.\d+)? \(\+\d+\.\d %\)/);
    const unchanged = xpath(file, 'count(//testsuite[@name="mcp-load.comparison"]/testcase[@name="mcp_error_rate"][not(failure)])');
    assert.equal(unchanged, '1');

    // A JUnit reader as CI test reporters use (junitparser) sees the same suite: the p95 regression
    // the synthetic run was built with (1.5× slower) as the one failure.
    const read = JSON.parse(execFileSync('/usr/bin/python3', [readJunit, file], { encoding: 'utf8' })) as {
      name: string;
      tests: number;
      failures: number;
      cases: { name: string; outcome: string; message: string | null }[];
    }[];
    const comparison = read.find((s) => s.name === 'mcp-load.comparison');
    assert.ok(comparison, JSON.stringify(read.map((s) => s.name)));
    assert.equal(comparison.tests, comparison.cases.length);
    assert.equal(comparison.failures, comparison.cases.filter((c) => c.outcome === 'failure').length);
    const p95 = comparison.cases.find((c) => c.name === 'mcp_call_duration_p95');
    assert.equal(p95?.outcome, 'failure');
    assert.equal(p95?.message, message);
    assert.equal(comparison.cases.find((c) => c.name === 'mcp_error_rate')?.outcome, 'passed');
  });

  it('compare refuses outputs that need a live run', async () => {
    assert.equal(await main(['compare', 'a.json', 'b.json', '-o', 'json=x.jsonl'], () => {}), 2);
  });

  it('names from a server cannot break the XML: markup escaped, characters XML cannot hold dropped, length bounded', () => {
    const result = syntheticRun({ seed: 3, steadySeconds: 10 });
    const hostile = `x"/><testcase name="injected"></testcase><![CDATA[ \u0000\u0007\u001b[31m & ]]>${'y'.repeat(5000)}`;
    result.checks = [{ scenario: 'agents', step: 'evil', check: hostile, passes: 1, fails: 2 }];
    const file = join(dir, 'hostile.xml');
    writeFileSync(file, renderJunit(result));
    assertValidJunit(file);
    assert.equal(xpath(file, 'count(//testcase[@name="injected"])'), '0');
    const name = xpath(file, 'string(//testsuite[@name="mcp-load.checks"]/testcase/@name)');
    assert.ok(name.startsWith('x"/><testcase name="injected"></testcase><![CDATA[ [31m & ]]>yyy'), name.slice(0, 80));
    assert.ok(name.length <= 2000);
    assert.equal(xpath(file, 'string(//testsuite[@name="mcp-load.checks"]/testcase/failure/@message)'), '2 of 3 failed');
  });

  it('a comparison that could not be judged is a skipped case with its reason, still valid JUnit', () => {
    const result = syntheticRun({ seed: 4, steadySeconds: 10 });
    const comparison = {
      comparable: false,
      reason: 'different scenario <b>',
      verdicts: [],
      regression: false,
      inconclusive: true,
      method: 'rank-interval' as const,
    };
    const file = join(dir, 'skipped.xml');
    writeFileSync(file, renderJunit(result, comparison));
    assertValidJunit(file);
    assert.equal(xpath(file, 'string(//testsuite[@name="mcp-load.comparison"]/@skipped)'), '1');
    assert.equal(xpath(file, 'string(//testcase[@name="baseline comparable"]/skipped)'), 'different scenario <b>');
  });
});
