// Bundles the action (dist/index.js) and the CLI (dist/cli.js) into self-contained ESM files.
import { build } from 'esbuild';
import { join } from 'node:path';

// `node scripts/build.mjs [outdir]`: the test for a stale dist/ builds into a temporary folder.
const outdir = process.argv[2] ?? 'dist';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // Module paths in the bundle stay node_modules/…, wherever node_modules really lives.
  preserveSymlinks: true,
  // Bundled CommonJS dependencies call require(); give ESM output one.
  banner: { js: "import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);" },
};

await build({ ...common, entryPoints: ['src/action/index.ts'], outfile: join(outdir, 'index.js') });
// The worker threads of `--workers` (src/engine/workers/entry.ts starts ./worker.js beside the bundle).
await build({ ...common, entryPoints: ['src/engine/workers/worker-main.ts'], outfile: join(outdir, 'worker.js') });
// The tokenizer thread of the tool output sample (src/engine/tool-output-tokens.ts starts ./tokenizer.js beside the bundle):
// its 2.4 MB rank table stays out of index.js and cli.js.
await build({ ...common, entryPoints: ['src/engine/tokenizer-thread.mjs'], outfile: join(outdir, 'tokenizer.js') });
await build({
  ...common,
  entryPoints: ['src/cli/index.ts'],
  outfile: join(outdir, 'cli.js'),
  banner: { js: '#!/usr/bin/env node\n' + common.banner.js },
});
