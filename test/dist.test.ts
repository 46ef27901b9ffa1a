import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

test('the committed dist/ is what npm run build makes from src/: the same files, byte for byte', () => {
  const out = mkdtempSync(join(tmpdir(), 'mcp-load-dist-'));
  try {
    execFileSync(process.execPath, ['scripts/build.mjs', out], { stdio: 'pipe' });
    const fresh = filesUnder(out);
    assert.deepEqual(filesUnder('dist'), fresh, 'dist/ is stale (files differ): run `npm run build` and commit dist/');
    for (const file of fresh) {
      assert.ok(readFileSync(join(out, file)).equals(readFileSync(join('dist', file))), `dist/${file} is stale: run \`npm run build\` and commit dist/`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
