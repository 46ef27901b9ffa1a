// Summarizes a V8 .cpuprofile (node --cpu-prof): the functions with the most self time.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
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
  const merged = new Map<string, HotFunction>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const path = url.startsWith('file://') ? relative(root, new URL(url).pathname) : url;
    const name = functionName || '(anonymous)';
    const line = path.startsWith('src/') ? declarationLine(join(root, path), name) ?? lineNumber + 1 : lineNumber + 1;
    const where = path ? `${path}:${line}` : '(native)';
    const key = `${name} ${where}`;
    const entry = merged.get(key) ?? { name, where, selfMs: 0, selfPct: 0, ours: path.startsWith('src/') };
    entry.selfMs += us / 1000;
    entry.selfPct = (entry.selfMs * 100000) / totalUs;
    merged.set(key, entry);
  }
  return [...merged.values()].sort((a, b) => b.selfMs - a.selfMs);
}

/** The main thread's profile in a --cpu-prof directory (the largest file; tsx's loader thread writes a small one). */
export function mainProfile(dir: string): string {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f));
  if (files.length === 0) throw new Error(`no .cpuprofile in ${dir}`);
  return files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
}

const sources = new Map<string, string[]>();

/**
 * tsx hands V8 transformed code, so profile positions do not match the source: find where the
 * function is declared instead (a method, function or const arrow of that name).
 */
function declarationLine(file: string, name: string): number | undefined {
  let lines = sources.get(file);
  if (lines === undefined) {
    try {
      lines = readFileSync(file, 'utf8').split('\n');
    } catch {
      lines = [];
    }
    sources.set(file, lines);
  }
  if (!/^[\w$]+$/.test(name)) return undefined;
  const declarations = [
    new RegExp(`^\\s*(?:export\\s+)?(?:(?:private|public|protected|static|readonly|async|get|set)\\s+)*(?:function\\s*\\*?\\s*)?${name}\\s*[(<]`),
    new RegExp(`^\\s*(?:export\\s+)?(?:const|let)\\s+${name}\\s*[=:]`),
    new RegExp(`^\\s*(?:export\\s+)?class\\s+${name}\\b`),
  ];
  const index = lines.findIndex((l) => declarations.some((d) => d.test(l)));
  return index < 0 ? undefined : index + 1;
}
