import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test('the committed dist/ bundles are what npm run build makes from src/', () => {
  const out = mkdtempSync(join(tmpdir(), 'mcp-load-dist-'));
  try {
    execFileSync(process.execPath, ['scripts/build.mjs', out], { stdio: 'pipe' });
    for (const file of ['index.js', 'cli.js']) {
      const fresh = readFileSync(join(out, file), 'utf8');
      const committed = readFileSync(join('dist', file), 'utf8');
      assert.ok(fresh === committed, `dist/${file} is stale: run \`npm run build\` and commit dist/`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
