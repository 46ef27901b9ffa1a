// The bundles' stack traces name the sources (src/source-mapped-stacks.ts), mapped when read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build, type BuildOptions } from 'esbuild';

const run = promisify(execFile);

/**
 * Bundles (minified, linked source map) a TypeScript file that throws on its line 4 from a function
 * called on line 5 and prints the stack, runs it, and returns what it printed.
 */
async function stackOfBundle(work: string, outfile: string, options: BuildOptions): Promise<string> {
  const entry = join(work, 'entry.ts');
  writeFileSync(
    entry,
    [
      "import { useSourceMappedStacks } from '" + join(process.cwd(), 'src/source-mapped-stacks.ts') + "';",
      'useSourceMappedStacks();',
      'function deep(n: number): never {',
      "  if (n === 0) throw new TypeError('thrown on line 4');",
      '  return deep(n - 1);',
      '}',
      'try {',
      '  deep(2);',
      '} catch (error) {',
      '  console.log((error as Error).stack);',
      '}',
    ].join('\n'),
  );
  await build({
    entryPoints: [entry],
    outfile: join(work, outfile),
    bundle: true,
    minify: true,
    platform: 'node',
    sourcemap: 'linked',
    logLevel: 'error',
    ...options,
  });
  const { stdout } = await run(process.execPath, [join(work, outfile)]);
  return stdout;
}

test('a minified bundle’s error stack names the TypeScript file, line and column that threw', async () => {
  const work = mkdtempSync(join(tmpdir(), 'mcp-load-stacks-'));
  try {
    const stdout = await stackOfBundle(work, 'out.js', { format: 'esm' });
    const lines = stdout.trim().split('\n');
    assert.equal(lines[0], 'TypeError: thrown on line 4');
    assert.match(lines[1], /entry\.ts:4:\d+\)?$/, lines[1]);
    assert.match(lines[2], /entry\.ts:5:\d+\)?$/, lines[2]);
    assert.ok(!stdout.includes('out.js:'), `no frame left on the bundle: ${stdout}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('a CommonJS bundle’s stack (the CLI’s, src/cli/bin.ts), named by path rather than URL, names the TypeScript file too', async () => {
  const work = mkdtempSync(join(tmpdir(), 'mcp-load-stacks-cjs-'));
  try {
    const stdout = await stackOfBundle(work, 'out.cjs', {
      format: 'cjs',
      banner: { js: "var __url = require('node:url').pathToFileURL(__filename).href;" },
      define: { 'import.meta.url': '__url' },
    });
    const lines = stdout.trim().split('\n');
    assert.equal(lines[0], 'TypeError: thrown on line 4');
    assert.match(lines[1], /entry\.ts:4:\d+\)?$/, lines[1]);
    assert.ok(!stdout.includes('out.cjs:'), `no frame left on the bundle: ${stdout}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
