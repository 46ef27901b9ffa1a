// Input `result`: the job that merges a sharded matrix hands the merged result.json to the action,
// which reports it as it reports a run (baseline, comment, artifacts, history, outputs) without
// running a load test. The shards are real: two `mcp-load run --shard i/2` against the embedded demo
// server, merged with `mcp-load merge`, as the workflow in docs/action.md does.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, SHARDED_SCENARIO } from '../helpers/cli.ts';
import { FakeGitHub } from './fake-github.ts';
import { ActionHarness, pullRequestEvent, pushEvent, type ActionRun } from './harness.ts';

const GITHUB_TOKEN = 'ghs_installation_token_for_merge_tests';
const BOT = 'github-actions[bot]';
const PR = 9;

const fake = new FakeGitHub();
let harness: ActionHarness;
let dir: string;
let scenario: string;
let merged: string;
let shard1: string;

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const total = (file: string, metric: string) =>
  readJson(file).metrics.metrics.find((m: { metric: string; tags: object }) => m.metric === metric && Object.keys(m.tags).length === 0).summary;
const mcpCalls = (file: string): number => total(file, 'mcp_calls').count;
const ourComments = (issue: number) => (fake.comments.get(issue) ?? []).filter((c) => c.login === BOT && c.body.includes('mcp-load'));
const errorLines = (run: ActionRun): string[] => run.log.split('\n').filter((line) => line.startsWith('::error'));

function mergeJob(runId: number, inputs: Record<string, string>, event = pullRequestEvent(PR)): Promise<ActionRun> {
  return harness.runAction({ runId, job: 'merge', event, inputs: { 'github-token': GITHUB_TOKEN, ...inputs } });
}

/** What shows that no load test ran in the job: the load-test step's log lines. */
function assertNoLoadTest(run: ActionRun): void {
  assert.doesNotMatch(run.log, /::group::Load test/);
  assert.doesNotMatch(run.log, /embedded demo server/);
}

before(async () => {
  await fake.start();
  // @actions/github reads GITHUB_API_URL once, when first imported.
  process.env.GITHUB_API_URL = fake.url;
  const { run } = await import('../../src/action/main.ts');
  dir = mkdtempSync(join(tmpdir(), 'mcp-load-action-merged-'));
  harness = new ActionHarness(fake, join(dir, 'runs'), run);
  scenario = join(dir, 'sharded.yml');
  writeFileSync(scenario, SHARDED_SCENARIO);
  const shards = await Promise.all([1, 2].map((i) => runCli(['run', scenario, '--shard', `${i}/2`, '--out', join(dir, `shard-${i}`), '--quiet'])));
  // Alone, neither slice reaches the 10 iterations of the threshold: exit 99, result written.
  for (const shard of shards) assert.equal(shard.code, 99, shard.stderr);
  const merge = await runCli(['merge', join(dir, 'shard-1', 'result.json'), join(dir, 'shard-2', 'result.json'), '--out', join(dir, 'merged')]);
  assert.equal(merge.code, 0, merge.stderr);
  merged = join(dir, 'merged', 'result.json');
  shard1 = join(dir, 'shard-1', 'result.json');
  assert.equal(readJson(merged).mergedShards, 2);
});

after(async () => {
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  fake.reset();
  fake.tokens = new Map([[GITHUB_TOKEN, { login: BOT, installationToken: true }]]);
});

describe('mode run with input result (the merged result of a sharded matrix)', () => {
  it('reports the merged result without a load test: the sticky comment, the unsharded artifact, the outputs', async () => {
    const run = await mergeJob(801, { result: merged });
    assert.equal(run.exitCode, 0, run.log);
    assertNoLoadTest(run);
    assert.match(
      run.log,
      /reporting the result in .*merged\/result\.json \(scenario sharded, merged from 2 shards, against http:\/\/127\.0\.0\.1:\d+\/mcp\): no load test in this job/,
    );

    // The merged result itself, not a new run's: same start, same shards.
    const written = readJson(join(run.reportDir, 'result.json'));
    const given = readJson(merged);
    assert.equal(written.mergedShards, 2);
    assert.equal(written.startedAt, given.startedAt);
    assert.equal(written.shard, undefined);

    // The whole load: both shards' calls.
    const calls = mcpCalls(join(dir, 'shard-1', 'result.json')) + mcpCalls(join(dir, 'shard-2', 'result.json'));
    assert.equal(mcpCalls(merged), calls);

    const comments = ourComments(PR);
    assert.equal(comments.length, 1, run.log);
    const [comment] = comments;
    assert.ok(comment.body.startsWith('<!-- mcp-load:sharded:merge -->'), comment.body.slice(0, 80));
    assert.match(comment.body, new RegExp(`✅ \\*\\*mcp-load: passed\\*\\* — ${calls} MCP calls`), 'the threshold holds on the merged load');
    assert.match(comment.body, /Scenario \*\*sharded\*\* · [^\n]* · merged from 2 shards · /);
    assert.match(run.summary, /merged from 2 shards/);

    const names = fake
      .artifactsOf(801)
      .map((a) => a.name)
      .sort();
    assert.deepEqual(names, ['mcp-load-sharded', 'mcp-load-sharded.html']);

    assert.equal(run.outputs.result, join(run.reportDir, 'result.json'));
    assert.equal(run.outputs.report, join(run.reportDir, 'report.html'));
    assert.equal(run.outputs['mcp-calls'], String(calls));
    assert.equal(run.outputs.regression, 'false');
    // The demo server fails a few calls at random: the merged result's own rate.
    assert.equal(run.outputs['error-rate'], String(Number(total(merged, 'mcp_errors').rate.toFixed(4))));
  });

  it('makes the merged run on the baseline branch the baseline (and history) of the next merged run', async () => {
    const onMain = await mergeJob(811, { result: merged }, pushEvent('main'));
    assert.equal(onMain.exitCode, 0, onMain.log);
    assertNoLoadTest(onMain);
    assert.match(onMain.log, /history: 1 run \(keeps the last 30\)/);
    assert.deepEqual(
      fake
        .artifactsOf(811)
        .map((a) => a.name)
        .sort(),
      ['mcp-load-history-sharded', 'mcp-load-sharded', 'mcp-load-sharded.html'],
    );
    assert.equal(ourComments(PR).length, 0, 'a push has no pull request to comment on');
    fake.runs.find((r) => r.id === 811)!.conclusion = 'success';

    const onPr = await mergeJob(812, { result: merged });
    assert.equal(onPr.exitCode, 0, onPr.log);
    assert.match(onPr.log, /baseline: run 811 on main \(push\), with a history of 1 runs/);
    assert.match(onPr.summary, /Baseline: run of /);
    assert.equal(ourComments(PR).length, 1);
  });

  it('fails the step on a threshold the merged result failed, after reporting it', async () => {
    const failing = join(dir, 'failing-merged.json');
    const result = readJson(merged);
    result.thresholds = result.thresholds.map((t: { ok: boolean; default?: true }) => (t.default ? t : { ...t, ok: false }));
    writeFileSync(failing, JSON.stringify(result));
    const run = await mergeJob(821, { result: failing, baseline: 'none' });
    assert.equal(run.exitCode, 1);
    assert.deepEqual(errorLines(run), ['::error::mcp-load: thresholds failed: iterations count>=10 (observed 10)']);
    assert.match(ourComments(PR)[0]?.body ?? '', /❌ \*\*mcp-load: 1 threshold failed\*\*/);
    assert.ok(fake.artifactsOf(821).some((a) => a.name === 'mcp-load-sharded'));
  });

  it('takes the scenario file only for its secrets, and refuses one of another scenario', async () => {
    const same = await mergeJob(831, { result: merged, scenario, comment: 'never' });
    assert.equal(same.exitCode, 0, same.log);
    assertNoLoadTest(same);
    assert.match(same.log, /scenario sharded \(.*sharded\.yml\)/);

    const other = join(dir, 'other.yml');
    writeFileSync(other, SHARDED_SCENARIO);
    const mismatch = await mergeJob(832, { result: merged, scenario: other });
    assert.equal(mismatch.exitCode, 1);
    assert.equal(errorLines(mismatch).length, 1, mismatch.log);
    assert.match(
      errorLines(mismatch)[0],
      /^::error::mcp-load: input scenario .*other\.yml is scenario other, but input result .*merged\/result\.json is a result of scenario sharded: give the scenario file the result ran, or leave input scenario out$/,
    );
    assert.equal(fake.artifactsOf(832).length, 0);
  });
});

describe('input result: refusals', () => {
  it('refuses result together with shard, naming both inputs', async () => {
    const run = await mergeJob(841, { result: merged, shard: '1/2', scenario });
    assert.equal(run.exitCode, 1);
    assert.deepEqual(errorLines(run), [
      '::error::mcp-load: inputs result and shard exclude each other: a shard job runs its slice (shard); the job that merges the slices reports the merged result.json (result)',
    ]);
    assertNoLoadTest(run);
    assert.equal(fake.artifactsOf(841).length, 0);
    assert.equal(ourComments(PR).length, 0);
  });

  it('refuses a single shard’s result: merge first', async () => {
    const run = await mergeJob(842, { result: shard1 });
    assert.equal(run.exitCode, 1);
    const errors = errorLines(run);
    assert.equal(errors.length, 1, run.log);
    assert.match(
      errors[0],
      /^::error::mcp-load: input result .*shard-1\/result\.json is shard 1\/2 of scenario sharded, a slice of the load: merge the 2 shards' result\.json first \(mode: merge in the job after the shards, or mcp-load merge /,
    );
    assert.equal(fake.artifactsOf(842).length, 0);
    assert.equal(ourComments(PR).length, 0);
  });

  it('refuses a missing or invalid result file, naming its path', async () => {
    const missing = join(dir, 'nowhere', 'result.json');
    const run = await mergeJob(843, { result: missing });
    assert.equal(run.exitCode, 1);
    assert.equal(errorLines(run).length, 1, run.log);
    assert.ok(errorLines(run)[0].startsWith(`::error::mcp-load: input result: ${missing}: not a readable mcp-load result (ENOENT`), errorLines(run)[0]);
    assertNoLoadTest(run);

    const partial = join(dir, 'partial.json');
    writeFileSync(partial, JSON.stringify({ schemaVersion: 2, scenario: { id: 'sharded' } }));
    const invalid = await mergeJob(844, { result: partial });
    assert.equal(invalid.exitCode, 1);
    assert.deepEqual(errorLines(invalid), [`::error::mcp-load: input result: ${partial}: not a complete mcp-load result (no scenario hash)`]);
    assert.equal(fake.artifactsOf(843).length + fake.artifactsOf(844).length, 0);
    assert.equal(ourComments(PR).length, 0);
  });
});
