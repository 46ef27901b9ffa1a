// The token estimate's fixed cost, in paired rounds against a baseline build:
// - `thread`: the CPU a process spends to start a dist's tokenizer thread (tokenizer.cjs) and count
//   its first text, beside Node alone;
// - `run`: the CPU (every thread and worker process) and wall time of `mcp-load run --workers 2`
//   with six tool calls against a loopback server in this process: where each worker loaded its own
//   tokenizer, or the parent loads one for the run.
// - `interference` (--interference): the calls of a 3 s, 8-VU `--workers 2` run against the same
//   server, with the dist's tokenizer and with a copy of the dist whose tokenizer thread loads no
//   table (it answers zeros), paired: what loading the table costs the load itself.
// Run: node --import tsx bench/tokenizer-load.ts --dist DIR [--baseline-dist DIR] [--runs N] [--worker-mode thread|process] [--interference]
// (under `flock -x /tmp/s5/machine.lock` on the shared machine). Prints medians and spreads in ms.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startAnsweringServer } from './answering-server.ts';

const { values } = parseArgs({
  options: {
    dist: { type: 'string' },
    'baseline-dist': { type: 'string' },
    runs: { type: 'string', default: '11' },
    'worker-mode': { type: 'string', default: 'thread' },
    interference: { type: 'boolean', default: false },
  },
});
if (!values.dist) throw new Error('--dist DIR: a built dist/ (node scripts/build.mjs DIR --no-types, with a package.json saying "type": "module" beside it)');
const work = mkdtempSync(join(tmpdir(), 'mcp-load-tokenizer-bench-'));

/** A process that starts the thread, counts one text, and prints its CPU (every thread's) in ms. */
const threadScript = (tokenizer: string | undefined): string =>
  tokenizer === undefined
    ? 'const u = process.cpuUsage(); console.log((u.user + u.system) / 1000);'
    : `const { Worker } = require('node:worker_threads');
const w = new Worker(${JSON.stringify(tokenizer)});
w.on('message', (m) => {
  if (m === 'ready') return w.postMessage({ id: 1, texts: ['hello world'] });
  w.terminate().then(() => { const u = process.cpuUsage(); console.log((u.user + u.system) / 1000); });
});`;

/** Runs a command under /usr/bin/time: its CPU (user + system, children included) and wall ms. */
function timed(args: string[]): Promise<{ cpuMs: number; wallMs: number; stdout: string }> {
  return new Promise((done, fail) => {
    const child = spawn('/usr/bin/time', ['-f', 'TIME %e %U %S', process.execPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const found = /TIME (\S+) (\S+) (\S+)/.exec(stderr);
      if (code !== 0 || !found) return fail(new Error(stderr));
      done({ wallMs: Number(found[1]) * 1000, cpuMs: (Number(found[2]) + Number(found[3])) * 1000, stdout });
    });
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const figures = (xs: number[]) => ({ median: Math.round(median(xs)), min: Math.round(Math.min(...xs)), max: Math.round(Math.max(...xs)) });

/** A tokenizer thread that loads no table and counts zeros: the dist's run without the table's load. */
const NO_TABLE_TOKENIZER = `const { parentPort } = require('node:worker_threads');
parentPort.on('message', (r) => parentPort.postMessage({ id: r.id, counts: r.texts.map(() => 0) }));
parentPort.postMessage('ready');
`;

/** Calls in the run's first and second seconds and in all, from its result's time series. */
function callsOf(resultFile: string): { first: number; second: number; total: number } {
  const result = JSON.parse(readFileSync(resultFile, 'utf8')) as { timeSeries: { buckets: { values: { mcp_calls: number } }[] } };
  const calls = result.timeSeries.buckets.map((b) => b.values.mcp_calls);
  return { first: calls[0] ?? 0, second: calls[1] ?? 0, total: calls.reduce((a, b) => a + b, 0) };
}

async function interference(dists: [string, string][], url: string, runs: number): Promise<unknown> {
  const scenario = join(work, 'three-seconds.yml');
  writeFileSync(scenario, `target: ${url}\nscenarios:\n  a:\n    executor: constant-vus\n    vus: 8\n    duration: 3s\n    flow:\n      - call: say\n`);
  const report: Record<string, unknown> = {};
  for (const [name, dist] of dists) {
    const noTable = join(work, `${name}-no-table`, 'dist');
    cpSync(dist, noTable, { recursive: true });
    writeFileSync(join(noTable, 'tokenizer.cjs'), NO_TABLE_TOKENIZER);
    writeFileSync(join(noTable, '..', 'package.json'), '{ "type": "module" }\n');
    const rounds: { table: ReturnType<typeof callsOf>; none: ReturnType<typeof callsOf> }[] = [];
    for (let round = 0; round < runs; round++) {
      const pair: Record<string, ReturnType<typeof callsOf>> = {};
      for (const [variant, from] of [
        ['table', dist],
        ['none', noTable],
      ] as const) {
        const out = join(work, `interference-${name}-${variant}`);
        await timed([join(from, 'cli.cjs'), 'run', scenario, '--workers', '2', '--worker-mode', values['worker-mode']!, '--quiet', '--out', out]);
        pair[variant] = callsOf(join(out, 'result.json'));
      }
      rounds.push(pair as (typeof rounds)[number]);
    }
    const paired = (k: 'first' | 'second' | 'total') => figures(rounds.map((r) => r.table[k] - r.none[k]));
    report[name] = {
      withTable: { first: figures(rounds.map((r) => r.table.first)), total: figures(rounds.map((r) => r.table.total)) },
      withoutTable: { first: figures(rounds.map((r) => r.none.first)), total: figures(rounds.map((r) => r.none.total)) },
      pairedDifference: { first: paired('first'), second: paired('second'), total: paired('total') },
    };
  }
  return report;
}

async function main(): Promise<void> {
  const dists: [string, string][] = [['build', resolve(values.dist!)]];
  if (values['baseline-dist']) dists.push(['baseline', resolve(values['baseline-dist'])]);
  const runs = Number(values.runs);
  const { server, url } = await startAnsweringServer('bench', 'The quick brown fox jumps over the lazy dog.');
  server.unref();
  if (values.interference) return void console.log(JSON.stringify({ runs, interference: await interference(dists, url, runs) }, null, 1));
  const scenario = join(work, 'six-calls.yml');
  writeFileSync(scenario, `target: ${url}\nscenarios:\n  a:\n    executor: per-vu-iterations\n    vus: 2\n    iterations: 3\n    flow:\n      - call: say\n`);
  const thread: Record<string, number[]> = { 'node alone': [] };
  const run: Record<string, { cpuMs: number[]; wallMs: number[]; tokenized: number }> = {};
  for (const [name] of dists) {
    thread[name] = [];
    run[name] = { cpuMs: [], wallMs: [], tokenized: 0 };
  }
  for (let round = 0; round < runs; round++) {
    thread['node alone'].push((await timed(['-e', threadScript(undefined)])).cpuMs);
    for (const [name, dist] of dists) {
      thread[name].push(Number((await timed(['-e', threadScript(join(dist, 'tokenizer.cjs'))])).stdout));
      const out = join(work, `out-${name}`);
      const r = await timed([join(dist, 'cli.cjs'), 'run', scenario, '--workers', '2', '--worker-mode', values['worker-mode']!, '--quiet', '--out', out]);
      run[name].cpuMs.push(r.cpuMs);
      run[name].wallMs.push(r.wallMs);
      const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as { toolOutput?: { totalTokens: number | null } };
      if (typeof result.toolOutput?.totalTokens === 'number') run[name].tokenized++;
    }
  }
  const report = {
    runs,
    workerMode: values['worker-mode'],
    threadLoadCpuMs: Object.fromEntries(Object.entries(thread).map(([k, xs]) => [k, { ...figures(xs), all: xs.map(Math.round) }])),
    workersRun: Object.fromEntries(
      Object.entries(run).map(([k, v]) => [
        k,
        { cpuMs: figures(v.cpuMs), wallMs: figures(v.wallMs), runsWithTokens: v.tokenized, cpuAll: v.cpuMs.map(Math.round) },
      ]),
    ),
  };
  console.log(JSON.stringify(report, null, 1));
}

await main().finally(() => rmSync(work, { recursive: true, force: true }));
