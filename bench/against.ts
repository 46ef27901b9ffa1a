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
const cpuPerCall = async (script: string): Promise<number> => {
  const args = ['--url', stub.url, '--connections', values.connections!, '--duration', values.duration!];
  const r = await runScript<ToolResult>(script, args, { cpus: '1', timeoutMs: Number(values.duration) * 1000 + 60_000 });
  if (r.errors > 0) throw new Error(`${script}: ${r.errors} calls failed`);
  return r.window === undefined ? (r.cpuMs * 1000) / r.calls : (r.window.cpuMs * 1000) / r.window.calls;
};
try {
  const ratios: number[] = [];
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let round = 1; round <= Number(values.rounds); round++) {
    const first = round % 2 === 1 ? 'ours' : 'theirs';
    const a = await cpuPerCall(scripts[first]);
    const b = await cpuPerCall(scripts[first === 'ours' ? 'theirs' : 'ours']);
    const [o, t] = first === 'ours' ? [a, b] : [b, a];
    ours.push(o);
    theirs.push(t);
    ratios.push(t / o);
    console.log(`round ${round}: this tree ${o.toFixed(1)} µs CPU/call, ${values.against} ${t.toFixed(1)}: ${(t / o).toFixed(3)}x calls per CPU-second`);
  }
  console.log(
    `median: this tree ${median(ours).toFixed(1)} µs, ${values.against} ${median(theirs).toFixed(1)} µs; ` +
      `${median(ratios).toFixed(3)}x calls per CPU-second (rounds ${Math.min(...ratios).toFixed(3)}..${Math.max(...ratios).toFixed(3)})`,
  );
} finally {
  stub.stop();
}
