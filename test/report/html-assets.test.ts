import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { GENERATED_FILE, generateHtmlAssets } from '../../src/report/html-assets-generate.ts';
import { renderHtmlReport } from '../../src/report/html.ts';
import type { Result } from '../../src/results/types.ts';

test('the generated assets module is what templates/ and uplot make now', () => {
  assert.ok(
    generateHtmlAssets() === readFileSync(GENERATED_FILE, 'utf8'),
    'src/report/html-assets.generated.ts is stale: run `npx tsx src/report/html-assets-generate.ts`',
  );
});

test('an esbuild bundle renders the same report as the sources, with no templates/ or node_modules beside it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-load-html-'));
  try {
    // The options of scripts/build.mjs: templates and uPlot must come along in the bundle itself.
    await build({
      stdin: { contents: "export { renderHtmlReport } from './src/report/html.ts';", resolveDir: process.cwd(), loader: 'ts' },
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      logLevel: 'error',
      banner: { js: "import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);" },
      outfile: join(dir, 'report.mjs'),
    });
    const bundled = (await import(pathToFileURL(join(dir, 'report.mjs')).href)) as { renderHtmlReport: typeof renderHtmlReport };
    const result = JSON.parse(readFileSync('test/fixtures/results/html-report.json', 'utf8')) as Result;
    assert.equal(bundled.renderHtmlReport(result), renderHtmlReport(result));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
