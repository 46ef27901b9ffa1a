// dist/ built from the sources as they are now, once per content: the tests that run the bundles
// (the action bundle, the packed tarball) share one `scripts/build.mjs --no-types` (about 6 s of
// esbuild CPU) instead of each running it, and one process builds while the others wait. The build
// lands in a folder named by a hash of every input esbuild reads, so a changed source, lock file or
// build script means a new build. Beside dist/ a package.json says the bundles are ES modules, as
// the repository's does, so they run in place (builtCli()).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isAlive } from '../../scripts/test-loader/process-alive.mjs';

// scripts/: the build and every module it reads (barrel-imports.mjs, the .cjs entries it bundles).
const INPUTS = ['src', 'templates', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json'];
const PREFIX = 'mcp-load-test-dist-';

function hashInputs(): string {
  // The folder's layout is part of the name: a build laid out by an earlier version of this file is not reused.
  const hash = createHash('sha256').update('dist/ and package.json\0');
  const add = (path: string): void => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) add(join(path, name));
    } else {
      hash.update(`${path}\0`).update(readFileSync(path)).update('\0');
    }
  };
  for (const input of INPUTS) add(input);
  return hash.digest('hex').slice(0, 16);
}

/** Builds left by earlier sources: kept an hour, as another checkout's suite may be using one. */
function removeStaleBuilds(keep: string): void {
  const now = Date.now();
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(PREFIX) || join(tmpdir(), name) === keep) continue;
    const path = join(tmpdir(), name);
    try {
      if (now - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
    } catch {
      // Removed meanwhile by another test process.
    }
  }
}

/**
 * Resolves when `folder` exists, or when the process building it (its pid in `lock`/pid) is gone
 * without making it: renamed into place, or the lock left by a builder that died.
 */
function builtByAnother(folder: string, lock: string): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (existsSync(folder)) return done();
      let pid = Number.NaN;
      try {
        pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
      } catch {
        // Not written yet (the lock is a moment old), or the lock is gone: the folder decides.
        if (!existsSync(lock)) return done();
      }
      if (Number.isInteger(pid) && !isAlive(pid)) return done();
    };
    // The rename into place is an event in tmpdir; a builder that died is seen by the once-a-second check.
    const watcher = watch(tmpdir(), check);
    const timer = setInterval(check, 1000);
    const done = (): void => {
      watcher.close();
      clearInterval(timer);
      resolve();
    };
    check();
  });
}

let pending: Promise<string> | undefined;

/**
 * The path of a dist/ folder built from the current sources (read only: copy it to change it). One
 * test process builds it; the others that ask meanwhile wait for its rename into place (a lock
 * folder names the builder), as the first phase of `npm test` starts several at once.
 */
export function freshDist(): Promise<string> {
  pending ??= (async () => {
    const folder = join(tmpdir(), `${PREFIX}${hashInputs()}`);
    const lock = `${folder}.building`;
    removeStaleBuilds(folder);
    const dist = join(folder, 'dist');
    for (;;) {
      if (existsSync(dist)) return dist;
      try {
        mkdirSync(lock);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        await builtByAnother(folder, lock);
        // Built (the loop returns it), or the builder died: its lock goes and the next turn builds.
        if (!existsSync(dist)) rmSync(lock, { recursive: true, force: true });
        continue;
      }
      break;
    }
    // Built in the lock folder and renamed into place, so a folder under the final name is always complete.
    try {
      writeFileSync(join(lock, 'pid'), String(process.pid));
      writeFileSync(join(lock, 'package.json'), '{ "type": "module" }\n');
      await promisify(execFile)(process.execPath, ['scripts/build.mjs', join(lock, 'dist'), '--no-types']);
      rmSync(join(lock, 'pid'));
      renameSync(lock, folder);
    } catch (error) {
      rmSync(lock, { recursive: true, force: true });
      throw error;
    }
    return dist;
  })();
  return pending;
}

/** The `mcp-load` bin as shipped (dist/cli.cjs, with dist/worker.cjs beside it), built from the current sources. */
export async function builtCli(): Promise<string> {
  return join(await freshDist(), 'cli.cjs');
}
