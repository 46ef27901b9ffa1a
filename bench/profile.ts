// Summarizes a V8 .cpuprofile (node --cpu-prof): the functions with the most self time, located in
// the TypeScript source through the bundle's source map.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface HotFunction {
  name: string;
  /** file:line relative to the repository, or a node:/native marker. */
  where: string;
  selfMs: number;
  /** Share of all sampled time (idle included). */
  selfPct: number;
  /** In the project's own src/. */
  ours: boolean;
}

/** Self time per function (summed over call sites), largest first. */
export function hotFunctions(file: string, root: string): HotFunction[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + profile.timeDeltas[i]);
  }
  const totalUs = profile.endTime - profile.startTime;
  const sources = new SourceLocator(root);
  const merged = new Map<string, HotFunction>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const name = frame.functionName || '(anonymous)';
    const where = sources.locate(frame.url, frame.lineNumber, frame.columnNumber);
    const key = `${name} ${where}`;
    const entry = merged.get(key) ?? { name, where, selfMs: 0, selfPct: 0, ours: where.startsWith('src/') };
    entry.selfMs += us / 1000;
    entry.selfPct = (entry.selfMs * 100000) / totalUs;
    merged.set(key, entry);
  }
  return [...merged.values()].sort((a, b) => b.selfMs - a.selfMs);
}

/** The main thread's profile in a --cpu-prof directory (the largest file). */
export function mainProfile(dir: string): string {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(dir, f));
  if (files.length === 0) throw new Error(`no .cpuprofile in ${dir}`);
  return files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
}

/** Maps profile positions (0-based) to repository paths, through `<file>.map` where there is one. */
class SourceLocator {
  private readonly maps = new Map<string, { map: SourceMap; dir: string } | null>();

  constructor(private readonly root: string) {}

  locate(url: string, line: number, column: number): string {
    if (!url) return '(native)';
    if (!url.startsWith('file://')) return `${url}:${line + 1}`;
    const file = fileURLToPath(url);
    const mapped = this.mapFor(file);
    if (mapped) {
      const entry = mapped.map.findEntry(line, column) as { originalSource?: string; originalLine?: number };
      if (entry.originalSource !== undefined && entry.originalLine !== undefined) {
        const source = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : resolve(mapped.dir, entry.originalSource);
        return `${relative(this.root, source)}:${entry.originalLine + 1}`;
      }
    }
    return `${relative(this.root, file)}:${line + 1}`;
  }

  private mapFor(file: string): { map: SourceMap; dir: string } | null {
    let mapped = this.maps.get(file);
    if (mapped === undefined) {
      const path = `${file}.map`;
      mapped = existsSync(path) ? { map: new SourceMap(JSON.parse(readFileSync(path, 'utf8'))), dir: dirname(path) } : null;
      this.maps.set(file, mapped);
    }
    return mapped;
  }
}
