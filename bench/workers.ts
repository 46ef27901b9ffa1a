// `node --import tsx bench/workers.ts`: the evidence for --workers (not part of the test suite).
// 1. Worker threads against child processes as the carrier of a worker: start-up to a loaded
//    engine, memory each, and the round trip of a progress message.
// 2. Scaling: the CLI bundle (built into a temporary folder) with --workers 1..N against the
//    multi-worker nginx stub: calls/s should grow with workers while generator CPU per call stays
//    flat. On a 2-core machine shared with the stub that is a check of the per-call cost, not a
//    throughput figure: calls/s can only grow while a core is free.
// Prints a JSON summary and writes it to bench/workers-results.json.
import { fork, spawn } from 'node:child_process';
import { build } from 'esbuild';
import { buildShippedCli } from './shipped-cli.ts';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { startStub } from './stub.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '8' },
    vus: { type: 'string', default: '64' },
    workers: { type: 'string', default: '1,2' },
    'stub-workers': { type: 'string', default: '2' },
    rounds: { type: 'string', default: '2' },
    modes: { type: 'string', default: 'thread,process' },
    'skip-carriers': { type: 'boolean', default: false },
  },
});
const root = new URL('..', import.meta.url).pathname;
const loadavgAtStart = loadavg();
const dir = mkdtempSync(join(tmpdir(), 'mcp-load-bench-workers-'));

// --- 1. threads against processes -------------------------------------------------------------
/** A module that loads what a worker loads (scenario loader, engine, wire client), then says so. */
const probeSource = `
import { parentPort } from 'node:worker_threads';
import '${root}src/engine/run.ts';
import '${root}src/scenario/load.ts';
const ready = () => ({ type: 'ready', rss: process.memoryUsage().rss });
if (parentPort) { parentPort.postMessage(ready()); parentPort.on('message', (m) => m === 'exit' ? process.exit(0) : parentPort.postMessage(m)); }
else { process.send(ready()); process.on('message', (m) => m === 'exit' ? process.exit(0) : process.send(m)); }
`;
writeFileSync(join(dir, 'probe.ts'), probeSource);
/** The probe, bundled: self-contained ESM. */
const bundled = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  preserveSymlinks: true,
  banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
} as const;
await build({ ...bundled, entryPoints: [join(dir, 'probe.ts')], outfile: join(dir, 'probe.mjs') });
const probe = join(dir, 'probe.mjs');
const progress = {
  type: 'progress',
  progress: { elapsedMs: 1000, totalMs: 60000, vus: 100, callsPerSecond: 5000, errorsPerSecond: 0, totalCalls: 5000, totalErrors: 0, warmingUp: false },
};

interface Carrier {
  startMs: number;
  /** Resident memory one more worker costs: a thread's added to this process, a process's own. */
  rssMb: number;
  /** Mean round trip of a progress message, microseconds. */
  roundTripUs: number;
}

async function measureThread(): Promise<Carrier> {
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const w = new Worker(probe);
  await new Promise((resolve) => w.once('message', resolve));
  const startMs = performance.now() - t0;
  const rssMb = (process.memoryUsage().rss - rssBefore) / 1e6;
  const roundTripUs = await roundTrips(
    (m) => w.postMessage(m),
    (f) => w.once('message', f),
  );
  w.postMessage('exit');
  await new Promise((resolve) => w.once('exit', resolve));
  return { startMs, rssMb, roundTripUs };
}

async function measureProcess(): Promise<Carrier> {
  const t0 = performance.now();
  const child = fork(probe, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const ready = (await new Promise((resolve) => child.once('message', resolve))) as { rss: number };
  const startMs = performance.now() - t0;
  const roundTripUs = await roundTrips(
    (m) => child.send(m as string),
    (f) => child.once('message', f),
  );
  child.send('exit');
  await new Promise((resolve) => child.once('exit', resolve));
  return { startMs, rssMb: ready.rss / 1e6, roundTripUs };
}

async function roundTrips(send: (m: unknown) => void, once: (f: () => void) => void, n = 2000): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const back = new Promise<void>((resolve) => once(resolve));
    send(progress);
    await back;
  }
  return ((performance.now() - t0) * 1000) / n;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const carriers: Record<string, Carrier[]> = { thread: [], process: [] };
for (let i = 0; i < (values['skip-carriers'] ? 0 : 5); i++) {
  carriers.thread.push(await measureThread());
  carriers.process.push(await measureProcess());
}
const previous = (): Record<string, unknown> => {
  try {
    return JSON.parse(readFileSync(new URL('workers-results.json', import.meta.url), 'utf8')).carriers;
  } catch {
    return {};
  }
};
// --skip-carriers keeps the carriers' figures of the last run.
const carrierSummary = values['skip-carriers']
  ? previous()
  : Object.fromEntries(
      Object.entries(carriers).map(([k, runs]) => [
        k,
        { startMs: median(runs.map((r) => r.startMs)), rssMb: median(runs.map((r) => r.rssMb)), roundTripUs: median(runs.map((r) => r.roundTripUs)) },
      ]),
    );

// --- 2. scaling --------------------------------------------------------------------------------
const cli = buildShippedCli(dir);

const stub = await startStub({ workers: Number(values['stub-workers']) });
/** The same load for `seconds`: a run of D and one of 2D differ by D seconds of load and nothing else. */
function scenarioFor(seconds: number): string {
  const file = join(dir, `bench-${seconds}s.yml`);
  writeFileSync(
    file,
    `target: ${stub.url}\ntransport: streamable-http\nscenarios:\n  bench:\n    executor: constant-vus\n    vus: ${values.vus}\n    duration: ${seconds}s\n    flow:\n      - call: echo\n        args: { message: hi }\n`,
  );
  return file;
}
const D = Number(values.duration);

interface Scaling {
  workers: number;
  mode: string;
  callsPerSecond: number;
  /**
   * Generator CPU (the whole process, every thread) per successful call, microseconds, marginal:
   * (CPU of a 2D run − CPU of a D run) / (their calls' difference), so that start-up (each worker
   * thread loads its own engine) and teardown, the same in both, cancel out.
   */
  cpuUsPerCall: number;
  stubCpuPct: number;
}

interface CliRun {
  calls: number;
  durationMs: number;
  cpuMs: number;
  stubMs: number;
}

/**
 * CPU, ms, of the processes a shell waited for (its `cutime` + `cstime` in /proc/self/stat): the run
 * and every worker process it reaped, read once all have exited (a poll of the run's own stat
 * misses its children's last moments, and all of their CPU when it exits before the next poll).
 */
function waitedCpuMs(stat: string): number {
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[13]) + Number(f[14])) * 1000) / 100;
}

async function measured(workers: number, mode: string, round: number): Promise<Scaling> {
  const short = await runCli(workers, mode, round, D);
  const long = await runCli(workers, mode, round, 2 * D);
  return {
    workers,
    mode,
    callsPerSecond: long.calls / (long.durationMs / 1000),
    cpuUsPerCall: ((long.cpuMs - short.cpuMs) * 1000) / (long.calls - short.calls),
    stubCpuPct: (long.stubMs / long.durationMs) * 100,
  };
}

async function runCli(workers: number, mode: string, round: number, seconds: number): Promise<CliRun> {
  const out = join(dir, `out-${workers}-${mode}-${round}-${seconds}`);
  const args = [cli, 'run', scenarioFor(seconds), '--workers', String(workers), '--worker-mode', mode, '--quiet', '--out', out];
  // The shell runs the CLI, then writes its own stat to fd 3: its children's CPU is the run's.
  const child = spawn('/bin/sh', ['-c', '"$@"; code=$?; cat /proc/$$/stat >&3; exit $code', 'sh', process.execPath, ...args], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stat = '';
  (child.stdio[3] as NodeJS.ReadableStream).setEncoding('utf8').on('data', (chunk: string) => (stat += chunk));
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
  const stubBefore = stub.cpuMs();
  const exitCode = await new Promise<number | null>((resolve) => child.once('close', resolve));
  const cpuMs = waitedCpuMs(stat);
  const stubMs = stub.cpuMs() - stubBefore;
  // Thresholds failing (99) still write a result; anything else is the bench's failure, said with the run's own words.
  if (exitCode !== 0 && exitCode !== 99) throw new Error(`${args.join(' ')} exited ${exitCode}:\n${stderr}`);
  const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
  const total = (metric: string) =>
    result.metrics.metrics.find((m: { metric: string; tags: object }) => m.metric === metric && Object.keys(m.tags).length === 0).summary;
  const calls = total('mcp_calls').count - Math.round(total('mcp_errors').rate * total('mcp_calls').count);
  return { calls, durationMs: result.durationMs, cpuMs, stubMs };
}

const scaling: Scaling[] = [];
try {
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const mode of values.modes.split(','))
      for (const w of values.workers.split(',').map(Number)) {
        // One worker runs in the main thread whatever the mode: measured once.
        if (w === 1 && mode !== values.modes.split(',')[0]) continue;
        scaling.push(await measured(w, mode, round));
      }
  }
} finally {
  stub.stop();
}
const byWorkers = [...new Set(scaling.map((s) => `${s.workers} ${s.workers === 1 ? 'main' : s.mode}`))].map((k) => {
  const runs = scaling.filter((s) => `${s.workers} ${s.workers === 1 ? 'main' : s.mode}` === k);
  return {
    workers: runs[0].workers,
    mode: runs[0].workers === 1 ? 'main thread' : runs[0].mode,
    callsPerSecond: median(runs.map((r) => r.callsPerSecond)),
    cpuUsPerCall: median(runs.map((r) => r.cpuUsPerCall)),
    stubCpuPct: median(runs.map((r) => r.stubCpuPct)),
    runs,
  };
});
const summary = {
  date: new Date().toISOString(),
  cores: availableParallelism(),
  loadavgAtStart,
  loadavg: loadavg(),
  settings: values,
  carriers: carrierSummary,
  scaling: byWorkers,
};
writeFileSync(new URL('workers-results.json', import.meta.url), `${JSON.stringify(summary, null, 2)}\n`);
console.log(JSON.stringify(summary, null, 2));
