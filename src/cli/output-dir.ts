import { mkdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The output directory cannot be made or written: what is wrong and what to do. */
export class OutputDirError extends Error {
  override name = 'OutputDirError';
}

const PROBE_FILE = '.mcp-load-write-probe';

/**
 * Makes `dir` (and its parents) and checks that a file can be written in it, so that a bad `--out`
 * fails before the load, not after it. Synchronously, as nothing waits meanwhile: node:fs/promises
 * loads only for the files written after the run (2 ms of start-up).
 */
export async function prepareOutputDir(dir: string): Promise<void> {
  await ensureDirectory(dir);
  const probe = join(dir, PROBE_FILE);
  try {
    writeFileSync(probe, '');
    unlinkSync(probe);
  } catch (error) {
    throw new OutputDirError(`--out ${dir}: cannot write there (${reason(error)}); choose a writable directory with --out`);
  }
}

/** A fresh directory under the system's temporary directory, for results that could not go where asked. */
export function fallbackOutputDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'mcp-load-results-'));
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdir loops forever where a parent exists but
 * refuses children (`/proc/self/x`).
 */
export async function ensureDirectory(dir: string): Promise<void> {
  const path = resolve(dir);
  try {
    mkdirSync(path);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return isDirectory(dir, path);
    if (code !== 'ENOENT' || dirname(path) === path) throw cannotCreate(dir, error);
  }
  await ensureDirectory(dirname(path));
  try {
    mkdirSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return isDirectory(dir, path);
    throw cannotCreate(dir, error);
  }
}

async function isDirectory(dir: string, path: string): Promise<void> {
  if (statSync(path).isDirectory()) return;
  throw new OutputDirError(`--out ${dir}: is a file, not a directory; give --out a directory (it is created when missing)`);
}

function cannotCreate(dir: string, error: unknown): OutputDirError {
  if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') {
    return new OutputDirError(`--out ${dir}: a part of this path is a file, so no directory can be made there; give --out another directory`);
  }
  return new OutputDirError(`--out ${dir}: cannot create this directory (${reason(error)}); give --out a directory you can write`);
}

function reason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  const known: Record<string, string> = {
    EROFS: 'read-only file system',
    EACCES: 'permission denied',
    EPERM: 'not permitted',
    ENOSPC: 'no space left',
    ENOENT: 'no such file or directory',
  };
  return (code && known[code]) ?? code ?? message;
}
