// dist/ built from the sources as they are now, once per content: the tests that run the bundles
// (the action bundle, the packed tarball) share one `scripts/build.mjs --no-types` (about 6 s of
// esbuild CPU) instead of each running it. The build lands in a folder named by a hash of every
// input esbuild reads, so a changed source, lock file or build script means a new build. Beside
// dist/ a package.json says the bundles are ES modules, as the repository's does, so they run in
// place (builtCli()).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

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

let pending: Promise<string> | undefined;

/** The path of a dist/ folder built from the current sources (read only: copy it to change it). */
export function freshDist(): Promise<string> {
  pending ??= (async () => {
    const folder = join(tmpdir(), `${PREFIX}${hashInputs()}`);
    removeStaleBuilds(folder);
    const dist = join(folder, 'dist');
    if (existsSync(dist)) return dist;
    // Built beside and renamed into place, so a folder under the final name is always complete. Two
    // test processes building at once both build; the second rename fails and its copy is dropped.
    const building = `${folder}.building-${process.pid}`;
    mkdirSync(building);
    writeFileSync(join(building, 'package.json'), '{ "type": "module" }\n');
    await promisify(execFile)(process.execPath, ['scripts/build.mjs', join(building, 'dist'), '--no-types']);
    try {
      renameSync(building, folder);
    } catch (error) {
      if (!existsSync(dist)) throw error;
      rmSync(building, { recursive: true, force: true });
    }
    return dist;
  })();
  return pending;
}

/** The `mcp-load` bin as shipped (dist/cli.cjs, with dist/worker.cjs beside it), built from the current sources. */
export async function builtCli(): Promise<string> {
  return join(await freshDist(), 'cli.cjs');
}
