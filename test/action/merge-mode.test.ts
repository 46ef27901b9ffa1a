// `mode: merge`: the last job of a sharded matrix downloads this workflow run's shard artifacts from
// (a local stand-in for) GitHub's artifact service, merges them exactly and reports the whole — two
// `uses:` steps, no npx. The shard jobs are the action itself, against a server that counts calls.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCountingServer, type CountingServer } from '../helpers/counting-server.ts';
import { FakeGitHub } from './fake-github.ts';
import { ActionHarness, pullRequestEvent, type ActionRun } from './harness.ts';

const GITHUB_TOKEN = 'ghs_installation_token_for_merge_mode_tests';
const BOT = 'github-actions[bot]';
const PR = 12;

const fake = new FakeGitHub();
let harness: ActionHarness;
let server: CountingServer;
let dir: string;
let scenario: string;

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const untagged = (result: { metrics: { metrics: { metric: string; tags: object; summary: { count: number } }[] } }, metric: string) =>
  result.metrics.metrics.find((m) => m.metric === metric && Object.keys(m.tags).length === 0)!.summary;
const ourComments = () => (fake.comments.get(PR) ?? []).filter((c) => c.login === BOT && c.body.includes('mcp-load'));
const errorLines = (run: ActionRun): string[] => run.log.split('\n').filter((line) => line.startsWith('::error'));

function job(runId: number, name: string, inputs: Record<string, string>): Promise<ActionRun> {
  return harness.runAction({ runId, job: name, event: pullRequestEvent(PR), inputs: { 'github-token': GITHUB_TOKEN, baseline: 'none', ...inputs } });
}

before(async () => {
  await fake.start();
  // @actions/github reads GITHUB_API_URL once, when first imported.
  process.env.GITHUB_API_URL = fake.url;
  const { run } = await import('../../src/action/main.ts');
  dir = mkdtempSync(join(tmpdir(), 'mcp-load-action-merge-mode-'));
  harness = new ActionHarness(fake, join(dir, 'runs'), run);
  server = await startCountingServer();
  scenario = join(dir, 'agents.yml');
  // 5 VUs × 2 iterations: 3 + 2 VUs over two shards; alone, neither reaches the threshold's 10.
  writeFileSync(
    scenario,
    `target: ${server.url}\nscenarios:\n  agents:\n    executor: per-vu-iterations\n    vus: 5\n    iterations: 2\n    flow:\n      - call: wait\nthresholds:\n  iterations: ["count>=10"]\n`,
  );
});

after(async () => {
  await fake.stop();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  fake.reset();
  fake.tokens = new Map([[GITHUB_TOKEN, { login: BOT, installationToken: true }]]);
});

describe('mode merge', () => {
  it('merges the shard jobs\' artifacts of this run and reports the whole: the server\'s count, one comment, the unsharded artifact', async () => {
    const before = server.calls();
    for (const i of [1, 2]) {
      const shard = await job(901, `load-${i}`, { scenario, shard: `${i}/2`, 'fail-on-threshold': 'false', workers: '1' });
      assert.equal(shard.exitCode, 0, shard.log);
    }
    assert.deepEqual(
      fake.artifactsOf(901).map((a) => a.name).filter((n) => n.endsWith('-of-2')).sort(),
      ['mcp-load-agents-shard-1-of-2', 'mcp-load-agents-shard-2-of-2'],
    );
    assert.equal(ourComments().length, 0, 'a slice posts no comment');

    const merge = await job(901, 'merge', { mode: 'merge', scenario });
    assert.equal(merge.exitCode, 0, merge.log);
    assert.doesNotMatch(merge.log, /::group::Load test/);
    assert.match(merge.log, /downloaded mcp-load-agents-shard-1-of-2 \(shard 1\/2\)/);
    const result = readJson(join(merge.reportDir, 'result.json'));
    assert.equal(result.mergedShards, 2);
    // Ground truth: the calls the server received from both shard jobs.
    assert.equal(server.calls() - before, 10);
    assert.equal(untagged(result, 'mcp_calls').count, 10);
    assert.equal(merge.outputs['mcp-calls'], '10');
    const comments = ourComments();
    assert.equal(comments.length, 1, merge.log);
    assert.match(comments[0].body, /✅ \*\*mcp-load: passed\*\* — 10 MCP calls/, 'the threshold holds on the merged load');
    assert.ok(fake.artifactsOf(901).some((a) => a.name === 'mcp-load-agents'), 'the merged result is the unsharded artifact');
  });

  it('a missing shard fails the step, naming what it found; no comment, no artifact', async () => {
    const shard = await job(902, 'load-1', { scenario, shard: '1/2', 'fail-on-threshold': 'false', workers: '1' });
    assert.equal(shard.exitCode, 0, shard.log);
    const merge = await job(902, 'merge', { mode: 'merge', scenario });
    assert.equal(merge.exitCode, 1);
    assert.deepEqual(errorLines(merge), ['::error::mcp-load: shard 2/2 missing: pass the results of all 2 shards (given: artifact mcp-load-agents-shard-1-of-2 = 1/2)']);
    assert.equal(ourComments().length, 0);
    assert.ok(!fake.artifactsOf(902).some((a) => a.name === 'mcp-load-agents'));
  });

  it('no shard artifact at all: the merge job ran before the shards', async () => {
    const merge = await job(903, 'merge', { mode: 'merge', scenario });
    assert.equal(merge.exitCode, 1);
    assert.match(errorLines(merge)[0] ?? '', /no shard artifacts mcp-load-agents-shard-<i>-of-<n> in this workflow run: run the merge job after the shard jobs \(needs:\)/);
  });
});
