// Start-up: from spawning `node <dist>/cli.cjs run` to the first request a loopback server sees.
// Run: node --import tsx bench/startup.ts [--dist DIR] [--baseline-dist DIR] [--runs N] [--workers N] [--out FILE]
// Without --dist it bundles src/ into a temporary folder first (scripts/build.mjs --no-types), so the
// figure is the current sources'. Without --workers it measures `--workers 1` and the default (the
// scenario has two VUs, so the default is two workers on a 2-core machine), runs interleaved, and
// beside them Node itself: a `node -e` that only opens a connection, the floor of any CLI.
// The CLI's code cache (src/code-cache.ts) lives in the bench's folder and is written by one run of
// each mode before the rounds, as any run after the first finds it; `--workers 1, first run` runs
// without it (MCP_LOAD_CODE_CACHE=off), as a first run after an install or an upgrade does. `default,
// target in the file` is the default run told its target by the scenario's `target:` rather than
// --target: its worker threads start from the file's top-level lines (src/cli/worker-prestart.ts).
// --baseline-dist measures another build's (an earlier commit's dist/) modes too, in the same rounds.
// Prints one JSON object (every run's wall and CPU milliseconds, their medians; with a baseline, each
// mode's paired differences: median and interquartile range) and writes it to --out
// (bench/startup-results.json is the committed run).
import { spawn, execFile, execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { startAnsweringServer } from './answering-server.ts';

const run = promisify(execFile);

const { values } = parseArgs({
  options: {
    dist: { type: 'string' },
    'baseline-dist': { type: 'string' },
    runs: { type: 'string', default: '9' },
    workers: { type: 'string' },
    out: { type: 'string' },
  },
});
const runs = Number(values.runs);
const work = mkdtempSync(join(tmpdir(), 'mcp-load-startup-'));

/** A server that notes when the first request after `nextRequest()` arrives and answers nothing: the run under test is killed then. */
function firstRequestServer(): Promise<{ server: Server; port: number; nextRequest: () => Promise<number> }> {
  let resolveNext: (at: number) => void = () => {};
  const server = createServer((req) => {
    resolveNext(performance.now());
    req.resume();
  });
  const nextRequest = (): Promise<number> => new Promise<number>((resolve) => (resolveNext = resolve));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port, nextRequest })));
}

/**
 * CPU time the child's threads have used so far (Linux's schedstat, in ns, summed over the threads
 * alive: the worker threads too): unlike the wall time, it does not grow while other processes
 * hold the cores, so it is the figure to compare on a loaded machine.
 */
function cpuMsOf(pid: number): number {
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended meanwhile
    }
  }
  return ns / 1e6;
}

/** A build's bin: dist/cli.cjs, or dist/cli.js in builds before it (a --baseline-dist of an earlier commit). */
function binOf(dist: string): string {
  return existsSync(join(dist, 'cli.cjs')) ? join(dist, 'cli.cjs') : join(dist, 'cli.js');
}

function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) * q + 0.5)];
}

/**
 * Each mode against the baseline's same mode, round by round (they ran in the same round, so a
 * busy moment slows both): the median of the differences and their interquartile range, wall and CPU.
 */
function pairedDifferences(modes: readonly Mode[]) {
  return modes.flatMap((m) => {
    const base = modes.find((b) => b.name === `baseline: ${m.name}`);
    if (!base) return [];
    const wall = m.wallMs.map((v, i) => v - base.wallMs[i]);
    const cpu = m.cpuMs.map((v, i) => v - base.cpuMs[i]);
    const summary = (d: number[]) => ({ median: median(d), q1: quantile(d, 0.25), q3: quantile(d, 0.75) });
    return [{ mode: m.name, wallMs: summary(wall), cpuMs: summary(cpu) }];
  });
}

interface Mode {
  name: string;
  args: (url: string, port: number) => string[];
  env?: NodeJS.ProcessEnv;
  wallMs: number[];
  cpuMs: number[];
}

async function main(): Promise<void> {
  const dist = values.dist ?? join(work, 'dist');
  if (!values.dist) execFileSync(process.execPath, ['scripts/build.mjs', dist, '--no-types'], { stdio: 'inherit' });
  // As in the package, whose package.json says "type": "module": without it, Node reads each chunk
  // twice to detect its format (about 12 ms of CPU in a profile).
  if (!values.dist) writeFileSync(join(work, 'package.json'), '{ "type": "module" }\n');
  const scenario = join(work, 'two-vus.yml');
  writeFileSync(scenario, 'scenarios:\n  once:\n    executor: per-vu-iterations\n    vus: 2\n    iterations: 1\n    flow:\n      - call: echo\n');
  const cli =
    (workers: string | undefined, from = dist) =>
    (url: string) => [binOf(from), 'run', scenario, '--target', url, '--quiet', '--out', join(work, 'out'), ...(workers ? ['--workers', workers] : [])];
  const withTarget = (url: string): string => {
    const file = join(work, 'two-vus-with-target.yml');
    writeFileSync(file, `target: ${url}\n${readFileSync(scenario, 'utf8')}`);
    return file;
  };
  // One cache folder per build: a build that writes its cache removes other builds' (src/code-cache.ts),
  // so a baseline sharing the folder would leave each build's first run of every round uncached.
  const cacheOf = (from: string): NodeJS.ProcessEnv => ({ ...process.env, XDG_CACHE_HOME: join(work, from === dist ? 'cache' : 'baseline-cache') });
  const mode = (name: string, args: Mode['args'], env: NodeJS.ProcessEnv): Mode => ({ name, args, env, wallMs: [], cpuMs: [] });
  const baseline = values['baseline-dist'];
  const cliModes = (from: string, label: string): Mode[] =>
    values.workers
      ? [mode(`${label}--workers ${values.workers}`, cli(values.workers, from), cacheOf(from))]
      : [
          mode(`${label}--workers 1`, cli('1', from), cacheOf(from)),
          mode(`${label}--workers 1, first run (no code cache)`, cli('1', from), { ...cacheOf(from), MCP_LOAD_CODE_CACHE: 'off' }),
          mode(`${label}default (2 workers here)`, cli(undefined, from), cacheOf(from)),
          // The same run with the target in the file rather than --target: the CLI tells from the file's
          // top-level lines how many worker threads the run uses (src/cli/worker-prestart.ts).
          mode(
            `${label}default, target in the file`,
            (url: string) => [binOf(from), 'run', withTarget(url), '--quiet', '--out', join(work, 'out')],
            cacheOf(from),
          ),
        ];
  const modes = [
    ...(values.workers
      ? []
      : [
          mode(
            'node -e (connect only)',
            (_url: string, port: number) => ['-e', `require('node:net').connect(${port}, '127.0.0.1').end('GET / HTTP/1.1\\r\\nhost: x\\r\\n\\r\\n')`],
            process.env,
          ),
        ]),
    ...cliModes(dist, ''),
    ...(baseline ? cliModes(baseline, 'baseline: ') : []),
  ];
  const { server, port, nextRequest } = await firstRequestServer();
  const url = `http://127.0.0.1:${port}/mcp`;
  const loadAverageAtStart = loadavg()[0];
  try {
    // One run of each CLI and mode writes its code cache (the CLI's, the workers'), as any earlier run would have.
    // The warm-up run completes against it, and writes its code cache at exit.
    const warmUp = await startAnsweringServer('warm-up', 'ok');
    try {
      for (const from of [dist, ...(baseline ? [baseline] : [])])
        for (const workers of values.workers ? [values.workers] : ['1', undefined])
          await run(process.execPath, cli(workers, from)(warmUp.url), { env: cacheOf(from), timeout: 60_000 });
    } finally {
      warmUp.server.closeAllConnections();
      warmUp.server.close();
    }
    for (let i = 0; i < runs; i++) {
      for (const m of modes) {
        const seen = nextRequest();
        const spawnedAt = performance.now();
        const child = spawn(process.execPath, m.args(url, port), { stdio: 'ignore', env: m.env });
        const exited = new Promise((resolve) => child.on('close', resolve));
        const at = await Promise.race([seen, exited.then(() => Number.NaN)]);
        const cpu = Number.isNaN(at) ? Number.NaN : cpuMsOf(child.pid!);
        child.kill('SIGKILL');
        await exited;
        if (Number.isNaN(at)) throw new Error(`${m.name}: exited before it sent a request`);
        m.wallMs.push(Math.round(at - spawnedAt));
        m.cpuMs.push(Math.round(cpu));
      }
    }
  } finally {
    server.closeAllConnections();
    server.close();
    rmSync(work, { recursive: true, force: true });
  }
  const report = {
    date: new Date().toISOString(),
    environment: {
      node: process.version,
      cpus: cpus().length,
      loadAverageAtStart: Math.round(loadAverageAtStart * 100) / 100,
      loadAverageAtEnd: Math.round(loadavg()[0] * 100) / 100,
      // Other work on the cores stretches wall times (CPU times less): such a run is not the quiet figure.
      machine: Math.max(loadAverageAtStart, loadavg()[0]) > 1.5 ? 'shared (load average above 1.5)' : 'quiet',
    },
    measure: 'spawn to the first request at a loopback server; CPU is every thread of the process until then',
    ...(baseline ? { baseline } : {}),
    runs,
    modes: modes.map((m) => ({ mode: m.name, medianMs: median(m.wallMs), medianCpuMs: median(m.cpuMs), wallMs: m.wallMs, cpuMs: m.cpuMs })),
    ...(baseline ? { paired: pairedDifferences(modes) } : {}),
  };
  const text = JSON.stringify(report, null, 2);
  console.log(text);
  if (values.out) writeFileSync(values.out, `${text}\n`);
}

await main();
