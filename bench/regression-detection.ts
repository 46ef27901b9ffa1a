// `node --import tsx bench/regression-detection.ts [--trials N] [--seconds 12,5]`: how often
// `mcp-load compare` is right on REAL runs, not synthetic ones. Each run is the CLI (`mcp-load run`,
// a fresh process, as in CI) at a constant arrival rate against the shared nginx MCP stub, whose
// tools/call answers after `?delay_ms=N` (the only thing that differs between conditions):
//   same server (20 ms) against same server: false alarms;
//   24 ms (+20 %) and 32 ms (+60 %) against 20 ms: detections.
// Per trial: a baseline run, then the three others in a seeded random order. Prints a table and
// writes bench/regression-detection.json; the figures go into docs/regression-detection.md.
// The stub: shared/bench/mcp-stub/start.sh beside the checkout, or MCP_STUB_START=/path/to/start.sh.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compare, type Comparison } from '../src/compare/index.ts';
import type { Result } from '../src/results/types.ts';
import { seededRandom } from '../src/seeded-random.ts';
import { startStub } from './stub.ts';

const BASE_DELAY_MS = 20;
const CONDITIONS = [
  { name: 'same server', delayMs: BASE_DELAY_MS },
  { name: '+20 %', delayMs: 24 },
  { name: '+60 %', delayMs: 32 },
] as const;
const RATE = 200;

const { values } = parseArgs({ options: { trials: { type: 'string', default: '10' }, seconds: { type: 'string', default: '12,5' } } });
const trials = Number(values.trials);
const durations = values.seconds.split(',').map(Number);

interface Tally {
  /** The comparison's outcome, as a pull request would get it. */
  regression: number;
  inconclusive: number;
  unchanged: number;
  other: number;
  /** The p95 verdicts alone, and which gated metrics made a comparison regress or stay untested. */
  p95: Record<string, number>;
  gatedBy: Record<string, number>;
  /** Measured p95 change of each trial (window medians), for the table. */
  changes: number[];
}

const dir = mkdtempSync(join(tmpdir(), 'mcp-load-regression-bench-'));
const stub = await startStub({ workers: 1 });
const tallies: Record<string, Record<string, Tally>> = {};
try {
  for (const seconds of durations) {
    const scenario = join(dir, `scenario-${seconds}s.yml`);
    writeFileSync(scenario, scenarioYaml(seconds));
    const bySeconds: Record<string, Tally> = (tallies[`${seconds}s`] = {});
    for (const c of CONDITIONS) bySeconds[c.name] = { regression: 0, inconclusive: 0, unchanged: 0, other: 0, p95: {}, gatedBy: {}, changes: [] };
    const random = seededRandom(seconds);
    for (let trial = 0; trial < trials; trial++) {
      const baseline = runOnce(scenario, BASE_DELAY_MS);
      const order = [...CONDITIONS].sort(() => random() - 0.5);
      for (const condition of order) {
        const comparison = compare(runOnce(scenario, condition.delayMs), baseline);
        tally(bySeconds[condition.name], comparison);
      }
      process.stderr.write(`${seconds}s trial ${trial + 1}/${trials} done\n`);
    }
  }
} finally {
  stub.stop();
  rmSync(dir, { recursive: true, force: true });
}

const machine = { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', loadavg: loadavg().map((l) => Number(l.toFixed(2))) };
writeFileSync(
  new URL('regression-detection.json', import.meta.url),
  `${JSON.stringify({ date: new Date().toISOString(), machine, rate: RATE, trials, tallies }, null, 2)}\n`,
);
console.log(`| run | server | regression | inconclusive | unchanged | other | p95 verdicts | median p95 change | gated metrics behind it |`);
console.log(`| --- | --- | --- | --- | --- | --- | --- | --- | --- |`);
for (const [seconds, bySeconds] of Object.entries(tallies)) {
  for (const [name, t] of Object.entries(bySeconds)) {
    const median = [...t.changes].sort((a, b) => a - b)[Math.floor(t.changes.length / 2)];
    const p95 = Object.entries(t.p95)
      .map(([verdict, n]) => `${verdict} ${n}`)
      .join(', ');
    const gatedBy =
      Object.entries(t.gatedBy)
        .map(([key, n]) => `${key} ${n}`)
        .join(', ') || '—';
    const change = median === undefined ? '—' : `${(median * 100).toFixed(1)} %`;
    console.log(
      `| ${seconds} | ${name} | ${t.regression} / ${trials} | ${t.inconclusive} / ${trials} | ${t.unchanged} / ${trials} | ${t.other} | ${p95} | ${change} | ${gatedBy} |`,
    );
  }
}

function scenarioYaml(seconds: number): string {
  return `# mcp-load regression-detection bench: ${RATE} calls/s for ${seconds}s
warmup: 1s
scenarios:
  agents:
    executor: constant-arrival-rate
    rate: ${RATE}
    duration: ${seconds}s
    preAllocatedVUs: 10
    maxVUs: 50
    gracefulStop: 2s
    session: per-vu
    flow:
      - call: echo
        args: { message: "hi" }
`;
}

/** One `mcp-load run` in its own process against the stub slowed to `delayMs`; its result.json. */
function runOnce(scenario: string, delayMs: number): Result {
  const out = mkdtempSync(join(dir, 'run-'));
  const cli = new URL('../src/cli/index.ts', import.meta.url).pathname;
  try {
    execFileSync(process.execPath, ['--import', 'tsx', cli, 'run', scenario, '--target', `${stub.url}?delay_ms=${delayMs}`, '--out', out, '--quiet'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 120_000,
    });
  } catch (err) {
    // Exit 99 (a threshold) still leaves a result; anything else is a broken bench.
    if ((err as { status?: number }).status !== 99) throw err;
  }
  return JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as Result;
}

function tally(t: Tally, comparison: Comparison): void {
  const p95 = comparison.verdicts.find((v) => v.metric === 'mcp_call_duration_p95' && v.tool === undefined);
  if (p95?.change !== undefined) t.changes.push(p95.change);
  if (p95 !== undefined) t.p95[p95.verdict] = (t.p95[p95.verdict] ?? 0) + 1;
  for (const v of comparison.verdicts) {
    if (!v.gated || (v.verdict !== 'regression' && v.verdict !== 'inconclusive')) continue;
    const key = `${v.metric} ${v.verdict}`;
    t.gatedBy[key] = (t.gatedBy[key] ?? 0) + 1;
  }
  // The verdict a pull request would get: any gated regression fails it, an untested gate warns.
  if (comparison.regression) t.regression++;
  else if (comparison.inconclusive) t.inconclusive++;
  else if (comparison.comparable) t.unchanged++;
  else t.other++;
}
