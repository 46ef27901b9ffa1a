// Stack traces of the minified bundles that name src/ files and lines, mapped only when a stack is
// read (an internal error is printed). process.setSourceMapsEnabled(true) does the same but reads
// and parses every bundle file's source map as the file loads: about a tenth of the CLI's start-up.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const maps = new Map<string, SourceMap | null>();

/** The source map beside a bundle file (`<file>.map`), read once; null for a file without one. */
function mapOf(url: string): SourceMap | null {
  let map = maps.get(url);
  if (map !== undefined) return map;
  map = null;
  try {
    const path = url.startsWith('file:') ? fileURLToPath(url) : url;
    if (existsSync(`${path}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8')));
  } catch {
    map = null; // an unreadable map leaves the frame as it is
  }
  maps.set(url, map);
  return map;
}

/** One frame as V8 prints it, its bundle position replaced by the source's. */
function mappedFrame(frame: NodeJS.CallSite): string {
  const text = frame.toString();
  const file = frame.getFileName();
  const line = frame.getLineNumber();
  const column = frame.getColumnNumber();
  // ES modules are named by URL, CommonJS files (the CLI's, src/cli/bin.ts) by path.
  if (!file || line === null || column === null || !/\.c?js$/.test(file)) return text;
  const entry = mapOf(file)?.findEntry(line - 1, column - 1);
  if (!entry || !('originalSource' in entry) || !entry.originalSource) return text;
  const source = new URL(entry.originalSource, file.startsWith('file:') ? file : pathToFileURL(file)).href;
  return text.replace(`${file}:${line}:${column}`, `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`);
}

/**
 * From now on, this thread's stack traces name the sources of bundle files that have a source map.
 * Nothing to do when running the TypeScript sources themselves (tsx has Node map them).
 */
export function useSourceMappedStacks(): void {
  if (import.meta.url.endsWith('.ts')) return;
  Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]): string => {
    let head: string;
    try {
      head = String(error);
    } catch {
      head = 'Error';
    }
    return frames.length === 0 ? head : `${head}\n${frames.map((frame) => `    at ${mappedFrame(frame)}`).join('\n')}`;
  };
}
