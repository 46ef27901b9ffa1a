import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Result } from '../../src/results/types.ts';
import { renderTerminalSummary } from '../../src/report/terminal.ts';

const passing = (): Result => JSON.parse(readFileSync(new URL('../fixtures/results/passing.json', import.meta.url), 'utf8')) as Result;

test('the terminal summary says when a result is one shard, or a merge of shards', () => {
  const whole = renderTerminalSummary(passing());
  assert.doesNotMatch(whole, /^ {2}(shard \d|merged from)/m);
  assert.match(whole, /^ {2}✅ passed\n/);

  const slice = renderTerminalSummary({ ...passing(), shard: { index: 2, count: 4 } });
  assert.match(slice, /^ {2}shard 2\/4: one slice of the load; `mcp-load merge` adds the slices into the whole\n\n {2}✅ passed\n/);

  const merged = renderTerminalSummary({ ...passing(), mergedShards: 4 });
  assert.match(merged, /^ {2}merged from 4 shards\n\n {2}✅ passed\n/);
});
