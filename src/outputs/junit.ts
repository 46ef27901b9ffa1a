import { writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { Comparison, ComparisonVerdict } from '../compare/index.ts';
import type { Result } from '../results/index.ts';
import type { Output } from './output.ts';

interface TestCase {
  name: string;
  classname: string;
  /** The failure's one-line message with the observed value; undefined when it passed. */
  failure?: string;
  /** Not judged (an inconclusive comparison): a skipped test case with the reason. */
  skipped?: string;
}

const SUITE = 'mcp-load';
/** The schema requires a hostname; 'localhost' where the system has none, as the schema asks. */
const HOSTNAME = hostname() || 'localhost';

/**
 * JUnit XML of a run, as GitHub test reporters read it: one suite each for the thresholds, the checks
 * and the comparison's gated verdicts; a failing case carries the observed value.
 */
export function renderJunit(result: Result, comparison?: Comparison): string {
  const suites: { name: string; cases: TestCase[] }[] = [
    { name: 'thresholds', cases: result.thresholds.map(thresholdCase) },
    { name: 'checks', cases: result.checks.map(checkCase) },
  ];
  if (comparison) suites.push({ name: 'comparison', cases: comparisonCases(comparison) });
  const seconds = (result.durationMs / 1000).toFixed(3);
  // The common JUnit schema (Ant's, as Jenkins reads it) allows no attributes on <testsuites>; each
  // suite carries its own counts, and requires package, id, hostname, <properties>, <system-out> and
  // <system-err>. Its timestamp is local-style: no fraction, no zone (ours is UTC).
  const timestamp = result.startedAt.slice(0, 19);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<testsuites>'];
  suites.forEach((suite, id) => {
    const failures = suite.cases.filter((c) => c.failure !== undefined).length;
    const skipped = suite.cases.filter((c) => c.skipped !== undefined).length;
    lines.push(
      `  <testsuite name="${attr(`${SUITE}.${suite.name}`)}" package="${SUITE}" id="${id}" hostname="${attr(HOSTNAME)}" tests="${suite.cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds}" timestamp="${attr(timestamp)}">`,
      '    <properties>',
      `      <property name="scenario" value="${attr(result.scenario.id)}"/>`,
      '    </properties>',
    );
    for (const c of suite.cases) {
      const open = `    <testcase name="${attr(c.name)}" classname="${attr(c.classname)}" time="0">`;
      if (c.failure !== undefined)
        lines.push(open, `      <failure message="${attr(c.failure)}" type="${attr(suite.name)}">${text(c.failure)}</failure>`, '    </testcase>');
      else if (c.skipped !== undefined) lines.push(open, `      <skipped>${attr(c.skipped)}</skipped>`, '    </testcase>');
      else lines.push(`${open.slice(0, -1)}/>`);
    }
    lines.push('    <system-out/>', '    <system-err/>', '  </testsuite>');
  });
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

function thresholdCase(t: Result['thresholds'][number]): TestCase {
  const name = `${t.key} ${t.source}${t.default ? ' (default)' : ''}`;
  const classname = `${SUITE}.thresholds`;
  if (t.ok) return { name, classname };
  const observed = t.error ?? (t.observed === null ? 'no samples' : `observed ${formatNumber(t.observed)}`);
  return { name, classname, failure: `${t.source} failed: ${observed}` };
}

function checkCase(c: Result['checks'][number]): TestCase {
  const classname = `${SUITE}.checks.${c.scenario}`;
  const total = c.passes + c.fails;
  if (c.fails === 0) return { name: c.check, classname };
  return { name: c.check, classname, failure: `${c.fails} of ${total} failed` };
}

function comparisonCases(comparison: Comparison): TestCase[] {
  const classname = `${SUITE}.comparison`;
  if (!comparison.comparable) return [{ name: 'baseline comparable', classname, skipped: comparison.reason ?? 'not comparable' }];
  return comparison.verdicts.filter((v) => v.gated).map((v) => verdictCase(v, classname));
}

function verdictCase(v: ComparisonVerdict, classname: string): TestCase {
  const name = v.tool ? `${v.metric} {tool:${v.tool}}` : v.metric;
  const figures = `${formatNumber(v.baseline)} → ${formatNumber(v.current)}${v.change === undefined ? '' : ` (${v.change >= 0 ? '+' : ''}${(v.change * 100).toFixed(1)} %)`}`;
  const why = v.note ? `; ${v.note}` : '';
  if (v.verdict === 'regression') return { name, classname, failure: `regression: ${figures}${why}` };
  if (v.verdict === 'inconclusive' || v.verdict === 'not comparable') return { name, classname, skipped: `${v.verdict}: ${figures}${why}` };
  return { name, classname };
}

function formatNumber(value: number | null): string {
  if (value === null) return 'n/a';
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}

/** XML 1.0 cannot carry most control characters at all, escaped or not: they are dropped. */
const NOT_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;
const MAX_TEXT = 2000;

function text(value: string): string {
  const bounded = value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT - 1)}…` : value;
  return bounded.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

export class JunitOutput implements Output {
  readonly description: string;
  constructor(private readonly file: string) {
    this.description = `junit=${file}`;
  }

  async finish(result: Result, comparison?: Comparison): Promise<string[]> {
    try {
      await writeFile(this.file, renderJunit(result, comparison));
      return [`junit: ${this.file}`];
    } catch (error) {
      return [`junit: writing ${this.file} failed: ${(error as Error).message}`];
    }
  }
}
