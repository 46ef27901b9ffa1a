#!/usr/bin/env node
// The installed bin (dist/cli.js): runs the bundled CLI (dist/cli-main.cjs and its chunks, built from
// src/cli/index.ts by scripts/build.mjs) through a V8 code cache. Node 20 keeps no compiled code
// for ES modules, and compiling the CLI's files was a fifth of its start-up; as CommonJS they are
// compiled here with the code V8 made for them on an earlier run (about 60 ms less to the first
// request, bench/startup.ts). A missing, stale or rejected cache costs nothing but the compile it
// would have saved: the code then compiles as without a cache, and the cache is written at exit.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

/** A hash of the CLI's bundled files (scripts/build.mjs): a cache is for the one build it was made from. */
declare const MCP_LOAD_CLI_BUILD: string;

const DIST = dirname(fileURLToPath(import.meta.url));
/** The bundled code a cache is kept for: the CLI's CommonJS files, the chunks it shares with the library, and undici's. */
const CACHED = /^(cli-main|chunk-[A-Z0-9]+|undici)\.cjs$/;

/** Where the cache lives: the user's cache folder; none when MCP_LOAD_CODE_CACHE=off or no folder is known. */
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

function useCodeCache(root: string): void {
  // V8's cache fits one V8 and one build: both name the folder (V8 also rejects a cache of other flags).
  const name = `${MCP_LOAD_CLI_BUILD}-v8-${process.versions.v8}-${process.arch}`;
  const dir = join(root, name);
  const uncached: Compiled[] = [];
  const proto = Module.prototype as unknown as { _compile(content: string, filename: string): unknown };
  const compile = proto._compile;
  proto._compile = function (this: Module, content: string, filename: string): unknown {
    if (dirname(filename) !== DIST || !CACHED.test(basename(filename))) return compile.call(this, content, filename);
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
    return wrapper.call(this.exports, this.exports, createRequire(filename), this, filename, dirname(filename));
  };
  // At exit the scripts hold the code of every function that ran, not only of their top levels.
  process.once('exit', () => {
    if (uncached.length === 0) return;
    try {
      if (mkdirSync(dir, { recursive: true }) !== undefined) removeOtherBuilds(root, name);
      for (const { script, file } of uncached) {
        writeFileSync(`${file}.${process.pid}`, script.createCachedData());
        renameSync(`${file}.${process.pid}`, file);
      }
    } catch {
      // A read-only or full disk: the next run compiles again.
    }
  });
}

/** The caches of earlier builds and other Node versions: only this one is kept. */
function removeOtherBuilds(root: string, keep: string): void {
  for (const other of readdirSync(root)) if (other !== keep) rmSync(join(root, other), { recursive: true, force: true });
}

const root = cacheRoot();
if (root) useCodeCache(root);
createRequire(import.meta.url)('./cli-main.cjs');
