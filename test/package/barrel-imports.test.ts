// scripts/barrel-imports.mjs: the bundles import a barrel's names from the modules that define them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
// @ts-expect-error: a plain .mjs script of the build, without declarations
import { rewriteBarrelImports } from '../../scripts/barrel-imports.mjs';

const rewrite = rewriteBarrelImports as (file: string, source: string) => string;

/** A tiny src/ tree: a report barrel re-exporting two modules, an engine barrel with a nested barrel and `export *`. */
function tree(): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'mcp-load-barrels-'));
  const files: Record<string, string> = {
    'src/report/index.ts':
      "export { renderProgressLine, throttledProgress } from './progress.ts';\nexport { renderHtml as html, type HtmlOptions } from './html.ts';\nexport type { View } from './view.ts';\n",
    'src/engine/index.ts': "export * from './metrics/index.ts';\nexport { runTest } from './run.ts';\nexport function ownCode() {}\n",
    'src/engine/metrics/index.ts': "export { MetricsRegistry, snapshot as snapshotOf } from './registry.ts';\n",
    'src/outputs/index.ts': 'export function openOutputs() {}\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

test('an import of names from a barrel becomes imports from their modules, types dropped, aliases kept, on as many lines as before', () => {
  const { root, cleanup } = tree();
  try {
    const source = "import {\n  renderProgressLine,\n  html as toHtml,\n  type View,\n} from '../report/index.ts';\nconst x = 1;\n";
    const out = rewrite(join(root, 'src/cli/run-command.ts'), source);
    assert.equal(
      out,
      "import { renderProgressLine } from '../report/progress.ts'; import { renderHtml as toHtml } from '../report/html.ts';\n\n\n\n\nconst x = 1;\n",
    );
  } finally {
    cleanup();
  }
});

test('names re-exported through `export *` of a nested barrel resolve to their module; a name the barrel defines itself stays on the barrel', () => {
  const { root, cleanup } = tree();
  try {
    const out = rewrite(join(root, 'src/results/run-load.ts'), "import { snapshotOf, runTest, ownCode } from '../engine/index.ts';\n");
    assert.equal(
      out,
      "import { snapshot as snapshotOf } from '../engine/metrics/registry.ts'; import { runTest } from '../engine/run.ts'; import { ownCode } from '../engine/index.ts';\n",
    );
    assert.equal(
      rewrite(join(root, 'src/cli/main.ts'), "import { openOutputs } from '../outputs/index.ts';\n"),
      "import { openOutputs } from '../outputs/index.ts';\n",
    );
  } finally {
    cleanup();
  }
});

test('a destructured dynamic import from a barrel points at the one module that defines its names, and only then', () => {
  const { root, cleanup } = tree();
  try {
    const file = join(root, 'src/results/run-load.ts');
    assert.equal(
      rewrite(file, "if (one) {\n  const { runTest } = await import('../engine/index.ts');\n}\n"),
      "if (one) {\n  const { runTest } = await import('../engine/run.ts');\n}\n",
    );
    const twoModules = "const { runTest, MetricsRegistry } = await import('../engine/index.ts');\n";
    assert.equal(rewrite(file, twoModules), twoModules);
    const renamed = "const { snapshotOf } = await import('../engine/index.ts');\n";
    assert.equal(rewrite(file, renamed), renamed, 'a name the module exports under another name keeps the barrel');
  } finally {
    cleanup();
  }
});

test('type-only imports and imports of modules that are not barrels are left as they are', () => {
  const { root, cleanup } = tree();
  try {
    const source = "import type { View } from '../report/index.ts';\nimport { formatMs } from '../report/format.ts';\nimport { x } from './index.ts.bak';\n";
    assert.equal(rewrite(join(root, 'src/cli/a.ts'), source), source);
  } finally {
    cleanup();
  }
});

test('no module under src/ is imported for its side effects alone: the bundles skip modules a barrel re-exports but nobody uses', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : /\.[cm]?ts$/.test(e.name) ? [join(dir, e.name)] : [],
    );
  const bare = files('src').filter((file) => /^\s*import\s*['"]/m.test(readFileSync(file, 'utf8')));
  assert.deepEqual(bare, []);
});

test('the bundles decode hdr-histogram-js’s WebAssembly binary to the very bytes its own base64-js and pako give', () => {
  const require = createRequire(import.meta.url);
  const hdr = dirname(require.resolve('hdr-histogram-js/package.json'));
  const fromHdr = createRequire(join(hdr, 'dist/wasm/index.js'));
  const { BINARY } = fromHdr('./generated-wasm') as { BINARY: string };
  const base64 = fromHdr('base64-js') as { toByteArray: (s: string) => Uint8Array };
  const pako = fromHdr('pako') as { inflate: (b: Uint8Array) => Uint8Array };
  const native = require('../../scripts/hdr-wasm-decode.cjs') as typeof base64 & typeof pako;
  const expected = pako.inflate(base64.toByteArray(BINARY));
  const decoded = native.inflate(native.toByteArray(BINARY));
  assert.ok(expected.length > 100_000, `the binary inflates to ${expected.length} bytes`);
  assert.deepEqual(Buffer.from(decoded), Buffer.from(expected));
});
