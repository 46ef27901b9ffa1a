// `node --import tsx bench/against.ts --against REV`: this tree's mcp-load against the same engine
// at another revision, in paired rounds on the fixed-cost stub (the order alternating within each
// pair), for the before and after of a hot-path change on a machine others share: the ratio of CPU
// per call within each pair hardly moves with the neighbours' load, its median over pairs less so.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { BUILD_DIR } from './bundle.ts';
import { runScript } from './child.ts';
import { startStub } from './stub.ts';
import type { ToolResult } from './tools/tool-run.ts';

const { values } = parseArgs({
  options: {
    against: { type: 'string', default: 'HEAD' },
    rounds: { type: 'string', default: '10' },
    duration: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    sse: { type: 'boolean', default: false },
  },
});
const repo = fileURLToPath(new URL('..', import.meta.url));
const TOOL = 'tools/mcp-load.ts';

/** Bundles bench/tools/mcp-load.ts of the tree at `root` as `<BUILD_DIR>/<name>/tools/mcp-load.mjs`. */
async function bundle(root: string, name: string): Promise<string> {
  await build({
    entryPoints: [join(root, 'bench', TOOL)],
    outfile: join(BUILD_DIR, name, TOOL.replace(/\.ts$/, '.mjs')),
    bundle: true,
    packages: 'external',
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
  });
  return join(name, TOOL);
}

/** The revision's src/ and bench/ in a temporary directory, on this checkout's node_modules. */
function checkout(rev: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-load-rev-'));
  execFileSync('sh', ['-c', 'git -C "$1" archive "$2" src bench package.json | tar -x -C "$3"', 'sh', repo, rev, dir]);
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const revDir = checkout(values.against!);
const scripts = { ours: await bundle(repo, 'against/ours'), theirs: await bundle(revDir, 'against/theirs') };
rmSync(revDir, { recursive: true, force: true });
const stub = await startStub({ workers: 1, cpus: '0', replies: values.sse ? 'sse' : 'json' });
/** CPU per call over the steady window, with the run's calls/s and the stub's share of its core (at 90 % and more the stub sets the pace, and every tool's CPU per call rises). */
const measure = async (script: string): Promise<{ us: number; perSecond: number; stubPct: number }> => {
  const args = ['--url', stub.url, '--connections', values.connections!, '--duration', values.duration!];
  const stubBefore = stub.cpuMs();
  const r = await runScript<ToolResult>(script, args, { cpus: '1', timeoutMs: Number(values.duration) * 1000 + 60_000 });
  if (r.errors > 0) throw new Error(`${script}: ${r.errors} calls failed`);
  return {
    us: r.window === undefined ? (r.cpuMs * 1000) / r.calls : (r.window.cpuMs * 1000) / r.window.calls,
    perSecond: (r.calls * 1000) / r.durationMs,
    stubPct: ((stub.cpuMs() - stubBefore) * 100) / r.durationMs,
  };
};
const describe = (m: { us: number; perSecond: number; stubPct: number }): string =>
  `${m.us.toFixed(1)} µs CPU/call (${(m.perSecond / 1000).toFixed(1)}k calls/s, stub ${m.stubPct.toFixed(0)} %)`;
try {
  const ratios: number[] = [];
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let round = 1; round <= Number(values.rounds); round++) {
    const first = round % 2 === 1 ? 'ours' : 'theirs';
    const a = await measure(scripts[first]);
    const b = await measure(scripts[first === 'ours' ? 'theirs' : 'ours']);
    const [o, t] = first === 'ours' ? [a, b] : [b, a];
    ours.push(o.us);
    theirs.push(t.us);
    ratios.push(t.us / o.us);
    console.log(`round ${round}: this tree ${describe(o)}, ${values.against} ${describe(t)}: ${(t.us / o.us).toFixed(3)}x calls per CPU-second`);
  }
  console.log(
    `median: this tree ${median(ours).toFixed(1)} µs, ${values.against} ${median(theirs).toFixed(1)} µs; ` +
      `${median(ratios).toFixed(3)}x calls per CPU-second (rounds ${Math.min(...ratios).toFixed(3)}..${Math.max(...ratios).toFixed(3)})`,
  );
} finally {
  stub.stop();
}
