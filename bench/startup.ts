// Start-up: from spawning `node <dist>/cli.js run` to the first request a loopback server sees.
// Run: node --import tsx bench/startup.ts [--dist DIR] [--runs N] [--workers N]
// Without --dist it bundles src/ into a temporary folder first (scripts/build.mjs --no-types), so the
// figure is the current sources'. Prints one JSON line: every run's wall and CPU milliseconds and their medians.
import { spawn, execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { dist: { type: 'string' }, runs: { type: 'string', default: '9' }, workers: { type: 'string' } } });
const runs = Number(values.runs);
const work = mkdtempSync(join(tmpdir(), 'mcp-load-startup-'));

/** A server that notes when the first request after `nextRequest()` arrives and answers nothing: the run under test is killed then. */
function firstRequestServer(): Promise<{ server: Server; url: string; nextRequest: () => Promise<number> }> {
  let resolveNext: (at: number) => void = () => {};
  const server = createServer((req) => {
    resolveNext(performance.now());
    req.resume();
  });
  const nextRequest = (): Promise<number> => new Promise<number>((resolve) => (resolveNext = resolve));
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ server, url: `http://127.0.0.1:${port}/mcp`, nextRequest });
    }),
  );
}

/**
 * CPU time the child has used so far (Linux's schedstat, in ns): unlike the wall time, it does not
 * grow when other processes share the cores, so it is the figure to compare on a loaded machine.
 */
function cpuMsOf(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const dist = values.dist ?? join(work, 'dist');
  if (!values.dist) execFileSync(process.execPath, ['scripts/build.mjs', dist, '--no-types'], { stdio: 'inherit' });
  const scenario = join(work, 'tiny.yml');
  writeFileSync(scenario, 'scenarios:\n  once:\n    executor: per-vu-iterations\n    vus: 1\n    iterations: 1\n    flow:\n      - call: echo\n');
  const { server, url, nextRequest } = await firstRequestServer();
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const seen = nextRequest();
      const spawnedAt = performance.now();
      const child = spawn(
        process.execPath,
        [
          join(dist, 'cli.js'),
          'run',
          scenario,
          '--target',
          url,
          '--quiet',
          '--out',
          join(work, 'out'),
          ...(values.workers ? ['--workers', values.workers] : []),
        ],
        {
          stdio: 'ignore',
        },
      );
      const exited = new Promise((resolve) => child.on('close', resolve));
      const at = await Promise.race([seen, exited.then(() => Number.NaN)]);
      const cpu = Number.isNaN(at) ? Number.NaN : cpuMsOf(child.pid!);
      child.kill('SIGKILL');
      await exited;
      if (Number.isNaN(at)) throw new Error('the CLI exited before it sent a request');
      samples.push(Math.round(at - spawnedAt));
      cpuSamples.push(Math.round(cpu));
    }
  } finally {
    server.closeAllConnections();
    server.close();
    rmSync(work, { recursive: true, force: true });
  }
  console.log(JSON.stringify({ node: process.version, wallMs: samples, medianMs: median(samples), cpuMs: cpuSamples, medianCpuMs: median(cpuSamples) }));
}

await main();
