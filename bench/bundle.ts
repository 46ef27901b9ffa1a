// Bundles the benchmark's child scripts with esbuild, as scripts/build.mjs bundles the CLI: every
// tool then runs as plain JavaScript under node (no tsx transform in the measured processes), and
// its dependencies load from node_modules as they ship.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

/** Where the bundles go (ignored by git); `<entry>.mjs` plus a source map for the profiler. */
export const BUILD_DIR = fileURLToPath(new URL('.build/', import.meta.url));

/** Bundles `entries` (paths relative to bench/) into BUILD_DIR, keeping their relative paths. */
export async function bundleScripts(entries: readonly string[]): Promise<void> {
  const bench = fileURLToPath(new URL('.', import.meta.url));
  await build({
    entryPoints: entries.map((e) => bench + e),
    outbase: bench,
    outdir: BUILD_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    packages: 'external',
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}
