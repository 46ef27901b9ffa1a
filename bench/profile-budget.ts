// `node --import tsx bench/profile-budget.ts [--sse] [--duration 5] [--tool tools/mcp-load.ts]`: one
// bench run of a tool under --cpu-prof against the fixed-cost stub (stub on CPU 0, tool on CPU 1),
// and its per-call CPU budget: the self time of each group of functions (a module of src/, the
// socket write, node's stream code, GC…) over the steady window, in µs per call. Take the quiet
// machine lock (flock -x) for figures worth quoting; the profiler itself adds a few per cent.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundleScripts } from './bundle.ts';
import { runScript } from './child.ts';
import { mainProfile } from './profile.ts';
import { startStub } from './stub.ts';
import type { ToolResult } from './tools/tool-run.ts';

interface Frame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface CpuProfile {
  nodes: { id: number; callFrame: Frame }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Native frames that are the write syscall (libuv's try-write runs inside them): the kernel's loopback send. */
const SOCKET_WRITES = new Set(['writeLatin1String', 'writeUtf8String', 'writeBuffer', 'writev']);

/** Self time (µs) per group over [fromUs, toUs] of the profile's clock, idle excluded. */
export function budget(file: string, fromUs: number, toUs: number): Map<string, number> {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const groups = new Map<string, number>();
  const groupOf = new Map<number, string>();
  const maps = new Map<string, SourceMap | null>();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    if (t < fromUs || t > toUs) continue;
    const id = profile.samples[i];
    let group = groupOf.get(id);
    if (group === undefined) groupOf.set(id, (group = groupName(frames.get(id)!, maps)));
    if (group !== 'idle') groups.set(group, (groups.get(group) ?? 0) + profile.timeDeltas[i]);
  }
  return groups;
}

function groupName(frame: Frame, maps: Map<string, SourceMap | null>): string {
  const name = frame.functionName;
  if (!frame.url) {
    if (name === '(idle)') return 'idle';
    if (name === '(garbage collector)') return 'GC';
    if (name === '(program)') return 'V8 and libuv outside JS';
    return SOCKET_WRITES.has(name) ? 'socket write (copy + syscall)' : 'native: other';
  }
  if (frame.url.startsWith('wasm')) return 'hdr-histogram (WASM)';
  const source = sourceOf(frame, maps);
  const ours = /\/src\/(.+)\.ts$/.exec(source);
  if (ours) return `src/${ours[1]}`;
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (dependency) return dependency[1];
  if (/^node:(net|stream|internal\/stream_base|internal\/streams)/.test(source)) return 'node: net and streams';
  return source.startsWith('node:') ? `node: ${source.slice(5).replace(/^internal\//, '')}` : source;
}

/** The original source of a bundled frame, through the bundle's source map. */
function sourceOf(frame: Frame, maps: Map<string, SourceMap | null>): string {
  if (!frame.url.startsWith('file://')) return frame.url;
  const file = fileURLToPath(frame.url);
  let map = maps.get(file);
  if (map === undefined) {
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = null;
    }
    maps.set(file, map);
  }
  const entry = map?.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string } | undefined;
  return entry?.originalSource ?? file;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sse: { type: 'boolean', default: false },
      duration: { type: 'string', default: '5' },
      tool: { type: 'string', default: 'tools/mcp-load.ts' },
      connections: { type: 'string', default: '50' },
    },
  });
  await bundleScripts([values.tool!]);
  const stub = await startStub({ workers: 1, cpus: '0', replies: values.sse ? 'sse' : 'json' });
  const dir = mkdtempSync(join(tmpdir(), 'mcp-load-budget-'));
  try {
    const durationS = Number(values.duration);
    const args = ['--url', stub.url, '--connections', values.connections!, '--duration', values.duration!];
    const result = await runScript<ToolResult>(values.tool!, args, {
      cpus: '1',
      nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
      timeoutMs: durationS * 1000 + 60_000,
    });
    const window = result.window;
    if (window === undefined) throw new Error(`${values.tool} reports no steady window`);
    // The window's calls over its CPU; the profile's own clock is cut to the same middle seconds.
    const file = mainProfile(dir);
    const { startTime, endTime } = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const margin = (endTime - startTime - window.durationMs * 1000) / 2;
    const groups = budget(file, startTime + margin, endTime - margin);
    const busyUs = [...groups.values()].reduce((a, b) => a + b, 0);
    const calls = (window.calls * (endTime - startTime - 2 * margin)) / (window.durationMs * 1000);
    console.log(
      `${values.tool} ${values.sse ? 'SSE' : 'JSON'} replies: ${((window.cpuMs * 1000) / window.calls).toFixed(1)} µs CPU per call over the steady window ` +
        `(${window.calls} calls); profiled: ${(busyUs / calls).toFixed(1)} µs per call`,
    );
    for (const [group, us] of [...groups].sort((a, b) => b[1] - a[1])) {
      if (us / busyUs < 0.004) continue;
      console.log(`${(us / calls).toFixed(2).padStart(7)} µs  ${((us * 100) / busyUs).toFixed(1).padStart(5)} %  ${group}`);
    }
  } finally {
    stub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
