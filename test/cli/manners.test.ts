import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { main } from '../../src/cli/main.ts';

test('--version prints the package version and exits 0; --help exits 0 with the usage, naming --version', async () => {
  const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  for (const flag of ['--version', '-v', 'version']) {
    const lines: string[] = [];
    assert.equal(await main([flag], (l) => lines.push(l)), 0);
    assert.deepEqual(lines, [`mcp-load ${version}`]);
  }
  const help: string[] = [];
  assert.equal(await main(['--help'], (l) => help.push(l)), 0);
  assert.match(help.join('\n'), /^Usage: mcp-load <command> \[options\][\s\S]*--version {14}print the version/);
});
