// The CLI as shipped, for benches that run it as a user does: scripts/build.mjs (the very bundles of
// dist/, worker.cjs and undici.cjs beside cli.cjs) built from the sources into the bench's own folder.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Builds the bundles into DIR/dist and returns the path of its cli.cjs. */
export function buildShippedCli(dir: string): string {
  const dist = join(dir, 'dist');
  execFileSync(process.execPath, ['scripts/build.mjs', dist, '--no-types'], { cwd: ROOT, stdio: 'inherit' });
  // The bundles are ES modules; outside the repository no package.json says so.
  writeFileSync(join(dist, 'package.json'), '{"type":"module"}\n');
  return join(dist, 'cli.cjs');
}
