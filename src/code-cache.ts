// A V8 code cache for the bundle's CommonJS files (the CLI's and the worker's, scripts/build.mjs):
// Node 20 keeps no compiled code for ES modules, and compiling was a fifth of the CLI's start-up.
// Files compiled here use the code V8 made for them on an earlier run; a missing, stale or rejected
// cache costs nothing but the compile it would have saved, and is written once the run is done.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** Where caches live: the user's cache folder; none when MCP_LOAD_CODE_CACHE=off or no folder is known. */
function cacheRoot(): string | undefined {
  if (process.env.MCP_LOAD_CODE_CACHE === 'off') return undefined;
  const base =
    process.env.XDG_CACHE_HOME ||
    (process.platform === 'win32'
      ? process.env.LOCALAPPDATA
      : process.platform === 'darwin'
        ? join(homedir(), 'Library', 'Caches')
        : join(homedir(), '.cache'));
  return base ? join(base, 'mcp-load', 'code-cache') : undefined;
}

interface Compiled {
  script: Script;
  file: string;
}

interface Pending {
  root: string;
  name: string;
  uncached: Compiled[];
}

// On the global object: the bin that installs the cache and the bundle that writes it when its run
// is done (the worker's) each hold a copy of this module.
const PENDING = Symbol.for('mcp-load.code-cache');
const state = globalThis as { [PENDING]?: Pending };

/**
 * Whether the cache folder is this user's alone (or not there yet): compiled code is run as it is, so
 * a folder others may write to (a shared XDG_CACHE_HOME) is not used. Windows has no such modes.
 */
function ownFolder(dir: string): boolean {
  if (typeof process.getuid !== 'function') return true;
  try {
    const { uid, mode } = statSync(dir);
    return uid === process.getuid() && (mode & 0o022) === 0;
  } catch {
    return true; // not created yet: it will be, with mode 0700
  }
}

/**
 * From now on, the files of `dist` whose names match `cached` compile through the cache of `build`
 * (a hash of those files): one folder per build, V8 version and architecture (V8 also rejects a
 * cache made under other flags).
 */
export function useCodeCache(dist: string, build: string, cached: RegExp): void {
  const root = cacheRoot();
  if (root === undefined || state[PENDING] !== undefined) return;
  const name = `${build}-v8-${process.versions.v8}-${process.arch}`;
  const dir = join(root, name);
  if (!ownFolder(root) || !ownFolder(dir)) return;
  const uncached: Compiled[] = [];
  state[PENDING] = { root, name, uncached };
  const proto = Module.prototype as unknown as { _compile(content: string, filename: string): unknown };
  const compile = proto._compile;
  proto._compile = function (this: Module, content: string, filename: string): unknown {
    if (dirname(filename) !== dist || !cached.test(basename(filename))) return compile.call(this, content, filename);
    const file = join(dir, `${basename(filename)}.v8`);
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(file);
    } catch {
      cachedData = undefined; // not cached yet
    }
    // As Node's own loader does, a first line `#!…` is dropped (the line stays, so lines keep their numbers).
    const source = content.startsWith('#!') ? content.replace(/^#!.*/, '') : content;
    const script = new Script(Module.wrap(source), { filename, ...(cachedData ? { cachedData } : {}) });
    if (cachedData === undefined || script.cachedDataRejected) uncached.push({ script, file });
    const wrapper = script.runInThisContext() as (...args: unknown[]) => unknown;
    // The bundle's files call require() and nothing of it (no resolve, cache or main).
    const require = (id: string): unknown => (isSibling(id, cached) ? requireSibling(this, join(dist, id.slice(2))) : this.require(id));
    return wrapper.call(this.exports, this.exports, require, this, filename, dirname(filename));
  };
}

/** `./chunk-X.cjs`: a cached file of the same folder, whose path needs no resolving. */
function isSibling(id: string, cached: RegExp): boolean {
  return id.startsWith('./') && id.indexOf('/', 2) === -1 && cached.test(id.slice(2));
}

type LoadableModule = Module & { load(filename: string): void };
const moduleCache = (Module as unknown as { _cache: Record<string, Module | undefined> })._cache;

/**
 * require() of a sibling file, as Node's loader does it once the path is known (its cache, a new
 * Module loaded through the registered extension, so through the compile above), without the
 * resolution: a stat of each candidate, the realpath and the package.json look-ups, for each of the
 * forty-odd files a run loads before its first request.
 */
function requireSibling(parent: Module, filename: string): unknown {
  const known = moduleCache[filename];
  if (known !== undefined) return known.exports;
  const child = new Module(filename, parent) as LoadableModule;
  child.filename = filename;
  child.paths = parent.paths;
  moduleCache[filename] = child;
  let loaded = false;
  try {
    child.load(filename);
    loaded = true;
  } finally {
    if (!loaded) delete moduleCache[filename];
  }
  return child.exports;
}

/**
 * Writes the caches that were missing or rejected: after the run, when the scripts hold the code of
 * every function that ran, not only of their top levels. Atomically (a write, then a rename), as
 * other threads and processes may write the same file; other builds' folders are removed then.
 */
export function writeCodeCache(): void {
  const pending = state[PENDING];
  if (pending === undefined || pending.uncached.length === 0) return;
  const { root, name, uncached } = pending;
  const dir = join(root, name);
  try {
    if (mkdirSync(dir, { recursive: true, mode: 0o700 }) !== undefined) {
      for (const other of readdirSync(root)) if (other !== name) rmSync(join(root, other), { recursive: true, force: true });
    }
    // node:worker_threads only now: a run in one thread never loads it before its first request.
    const { threadId } = Module.createRequire(join(dir, 'write'))('node:worker_threads') as typeof import('node:worker_threads');
    for (const { script, file } of uncached.splice(0)) {
      const partial = `${file}.${process.pid}-${threadId}`;
      writeFileSync(partial, script.createCachedData());
      renameSync(partial, file);
    }
  } catch {
    // A read-only or full disk: the next run compiles again.
  }
}
