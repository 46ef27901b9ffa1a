// `mcp-load run --shard i/n` and `mcp-load merge` as a user calls them, against the embedded demo server.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, SHARDED_SCENARIO } from '../helpers/cli.ts';

const iterationsOf = (file: string): number =>
  JSON.parse(readFileSync(file, 'utf8')).metrics.metrics.find(
    (m: { metric: string; tags: object }) => m.metric === 'iterations' && Object.keys(m.tags).length === 0,
  ).summary.count;

describe('mcp-load run --shard and mcp-load merge', () => {
  let dir: string;
  let scenario: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mcp-load-cli-merge-'));
    scenario = join(dir, 'sharded.yml');
    writeFileSync(scenario, SHARDED_SCENARIO);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('runs two shards, then merges them into one result with the reports; thresholds judge the merged load', async () => {
    const [one, two] = await Promise.all([
      runCli(['run', scenario, '--shard', '1/2', '--out', join(dir, 'shard-1'), '--quiet']),
      runCli(['run', scenario, '--shard', '2/2', '--out', join(dir, 'shard-2'), '--quiet']),
    ]);
    // Alone, neither slice reaches the 10 iterations of the threshold: exit 99, result written.
    assert.equal(one.code, 99, one.stderr);
    assert.equal(two.code, 99, two.stderr);
    assert.match(one.stderr, /shard 1\/2: running this slice of .*sharded\.yml/);
    assert.equal(iterationsOf(join(dir, 'shard-1', 'result.json')), 6);
    assert.equal(iterationsOf(join(dir, 'shard-2', 'result.json')), 4);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'shard-2', 'result.json'), 'utf8')).shard, { index: 2, count: 2 });

    const out = join(dir, 'merged');
    const merge = await runCli(['merge', join(dir, 'shard-2', 'result.json'), join(dir, 'shard-1', 'result.json'), '--out', out]);
    assert.equal(merge.code, 0, merge.stderr);
    assert.match(merge.stdout, /merged 2 shards; written: .*result\.json/);
    assert.match(merge.stdout, /█ THRESHOLDS/);
    assert.equal(iterationsOf(join(out, 'result.json')), 10);
    assert.equal(JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')).mergedShards, 2);
    assert.match(readFileSync(join(out, 'report.html'), 'utf8'), /^<!doctype html>/i);
    assert.ok(existsSync(join(out, 'summary.md')));

    const duplicate = await runCli(['merge', join(dir, 'shard-1', 'result.json'), join(dir, 'shard-1', 'result.json'), '--out', join(dir, 'dup')]);
    assert.equal(duplicate.code, 1);
    assert.match(duplicate.stderr, /^mcp-load: .*shard-1\/result\.json is shard 1\/2, and so is .*shard-1\/result\.json: pass each shard's result once\n$/);
  });

  it('refuses a bad --shard with the usage (exit 2), and merge without files', async () => {
    const bad = await runCli(['run', scenario, '--shard', '3/2']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^mcp-load: --shard must be i\/n with 1 ≤ i ≤ n \(e\.g\. 2\/4\), got "3\/2"\n\nUsage:/);
    const none = await runCli(['merge']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /merge needs the result\.json of every shard/);
  });

  it('refuses a shard that would get no load (exit 1) before starting anything', async () => {
    const empty = await runCli(['run', scenario, '--shard', '6/6', '--out', join(dir, 'none')]);
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /shard 6\/6 gets no part of .*sharded\.yml: its load splits over at most 5 shards/);
    assert.ok(!existsSync(join(dir, 'none', 'result.json')));
  });
});
