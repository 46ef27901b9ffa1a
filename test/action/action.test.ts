// The action end to end: run() with a runner's environment, the real @actions/* clients, the
// embedded demo server (or demo servers given as target), and a local fake of GitHub's REST API,
// artifact service and blob storage.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServer, type DemoServer } from '../../src/demo/index.ts';
import { startHttpFixture } from '../helpers/servers.ts';
import { FakeGitHub } from './fake-github.ts';
import { ActionHarness, HEAD_SHA, pullRequestEvent, pushEvent, workflowRunEvent, type ActionRun } from './harness.ts';

const GITHUB_TOKEN = 'ghs_installation_token_for_tests';
const READ_ONLY_TOKEN = 'ghs_read_only_fork_token';
const PAT = 'ghp_personal_access_token_for_tests';
const HEADER_SECRET = 'sekrit-header-value-5150';
const QUERY_SECRET = 'sekrit-query-value-8088';
const BOT = 'github-actions[bot]';
const PR = 7;

const fake = new FakeGitHub();
let harness: ActionHarness;
let dir: string;
let fast: DemoServer;
let slow: DemoServer;
let quick: string;
let steady: string;

/** Two VUs for half a second against the embedded demo server, with a secret header; a pause between iterations keeps it to a few dozen calls. */
const QUICK_SCENARIO = `headers:
  Authorization: "Bearer \${MCP_TEST_SECRET}"
scenarios:
  agents:
    executor: constant-vus
    vus: 2
    duration: 500ms
    flow:
      - call: send_sms
        args: { to: "{{randomDigits 11}}", text: "hello" }
      - call: lookup_number
        args: { number: "{{randomDigits 11}}" }
      - think: 20ms
thresholds:
  mcp_errors: ["rate<0.5"]
`;

/** Long enough for the comparison's five steady one-second windows. */
const STEADY_SCENARIO = `scenarios:
  agents:
    executor: constant-vus
    vus: 2
    duration: 6s
    flow:
      - call: send_sms
        args: { to: "{{randomDigits 11}}", text: "hello" }
      - think: 50ms
regression:
  window: 1s
`;

const marker = (scenarioId: string, job = 'load'): string => `<!-- mcp-load:${scenarioId}:${job} -->`;

function ourComments(issue: number, login = BOT) {
  return (fake.comments.get(issue) ?? []).filter((c) => c.login === login && c.body.includes('mcp-load'));
}

function prRun(runId: number, inputs: Record<string, string> = {}, token = GITHUB_TOKEN) {
  return harness.runAction({
    runId,
    event: pullRequestEvent(PR),
    inputs: { scenario: quick, 'github-token': token, variables: 'MCP_TEST_SECRET', ...inputs },
    env: { MCP_TEST_SECRET: HEADER_SECRET },
  });
}

function commandLines(run: ActionRun, command: string): string[] {
  return run.log.split('\n').filter((line) => line.startsWith(`::${command}`));
}

before(async () => {
  await fake.start();
  // @actions/github reads GITHUB_API_URL once, when first imported (the artifact client's REST calls use it).
  process.env.GITHUB_API_URL = fake.url;
  const { run } = await import('../../src/action/main.ts');
  dir = mkdtempSync(join(tmpdir(), 'mcp-load-action-'));
  harness = new ActionHarness(fake, join(dir, 'runs'), run);
  quick = join(dir, 'quick.yml');
  writeFileSync(quick, QUICK_SCENARIO);
  steady = join(dir, 'steady.yml');
  writeFileSync(steady, STEADY_SCENARIO);
  [fast, slow] = await Promise.all([
    startDemoServer({ latencyMs: { send_sms: [1, 2] }, failureRate: 0, seed: 1 }),
    startDemoServer({ latencyMs: { send_sms: [300, 310] }, failureRate: 0, seed: 1 }),
  ]);
});

after(async () => {
  await Promise.all([fake.stop(), fast?.close(), slow?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  fake.reset();
  fake.tokens = new Map([
    [GITHUB_TOKEN, { login: BOT, installationToken: true }],
    [READ_ONLY_TOKEN, { login: BOT, installationToken: true, readOnly: true }],
    [PAT, { login: 'octo-bot' }],
  ]);
});

describe('the action on a pull request', () => {
  it('creates the sticky comment on the first run and updates that same comment on the second, paging through every comment', async () => {
    fake.commentsPageSize = 2;
    fake.addComment(PR, 'alice', 'LGTM');
    fake.addComment(PR, 'bob', 'nit: naming');
    fake.addComment(PR, BOT, 'some other bot report');

    const first = await prRun(501);
    assert.equal(first.exitCode, 0, first.log);
    assert.equal(fake.sent('POST', /\/issues\/7\/comments$/).length, 1);
    const [comment] = ourComments(PR).filter((c) => c.body.includes(marker('quick')));
    assert.ok(comment, 'a comment with our marker');
    assert.ok(comment.body.startsWith(marker('quick')), 'the marker is the first line');
    assert.equal(fake.sent('GET', /^\/user$/).length, 1, 'who the token is, asked once');
    assert.ok(
      fake.sent('GET', /\/issues\/7\/comments$/).some((r) => r.query.get('page') === '2'),
      'the second page was read',
    );

    const before = comment.body;
    fake.requests.length = 0;
    const second = await prRun(502);
    assert.equal(second.exitCode, 0, second.log);
    assert.equal(fake.sent('POST', /\/issues\/7\/comments$/).length, 0, 'no second comment');
    const patches = fake.sent('PATCH', /\/issues\/comments\/\d+$/);
    assert.deepEqual(
      patches.map((r) => r.path.split('/').pop()),
      [String(comment.id)],
    );
    assert.equal(ourComments(PR).filter((c) => c.body.includes(marker('quick'))).length, 1);
    assert.notEqual(comment.body, before, 'the comment now shows the second run');
    assert.match(comment.body, /actions\/runs\/502\/artifacts\/\d+/, 'it links the second run’s HTML report');
  });

  it('leaves alone a comment with the same marker written by someone else, even on a later page', async () => {
    fake.commentsPageSize = 2;
    fake.addComment(PR, 'alice', 'first');
    fake.addComment(PR, 'bob', 'second');
    const impostor = fake.addComment(PR, 'mallory', `${marker('quick')}\nnot the real report`);

    const run = await prRun(511, {}, PAT);
    assert.equal(run.exitCode, 0, run.log);
    assert.equal(impostor.body, `${marker('quick')}\nnot the real report`);
    assert.equal(fake.sent('PATCH', /\/issues\/comments\//).length, 0);
    assert.equal(fake.sent('POST', /\/issues\/7\/comments$/).length, 1);
    assert.equal(ourComments(PR, 'octo-bot').length, 1, 'a comment of its own, as the token’s user (GET /user)');
  });

  it('with a read-only token (a fork pull request) warns once, keeps the job summary and does not fail', async () => {
    const run = await prRun(521, {}, READ_ONLY_TOKEN);
    assert.equal(run.exitCode, 0, run.log);
    const warnings = commandLines(run, 'warning').filter((l) => l.includes('cannot comment'));
    assert.equal(warnings.length, 1, run.log);
    assert.match(warnings[0], /pull request #7 \(HTTP 403\)/);
    assert.match(run.summary, /mcp-load: passed/);
    assert.equal(ourComments(PR).length, 0);
  });

  it('says in the comment that there is no baseline when the base branch has no successful run yet', async () => {
    const run = await prRun(531);
    assert.equal(run.exitCode, 0, run.log);
    const [comment] = ourComments(PR);
    assert.match(comment.body, /No baseline to compare with: no successful run of this workflow on `main` yet/);
    assert.match(run.summary, /No baseline to compare with/);
    assert.equal(run.outputs.regression, 'false');
  });

  it('writes the outputs, the job summary and the report files, and uploads the artifacts', async () => {
    const run = await prRun(541);
    assert.equal(run.exitCode, 0, run.log);
    assert.deepEqual(
      Object.keys(run.outputs).sort(),
      ['comparison', 'error-rate', 'http-per-mcp', 'http-reqs', 'mcp-calls', 'p95-ms', 'regression', 'report', 'result', 'verdict'].sort(),
    );
    assert.deepEqual([run.outputs.verdict, run.outputs.comparison], ['passed', 'none']);
    assert.equal(run.outputs.result, join(run.reportDir, 'result.json'));
    assert.equal(run.outputs.report, join(run.reportDir, 'report.html'));
    const result = JSON.parse(readFileSync(run.outputs.result, 'utf8'));
    assert.equal(result.scenario.id, 'quick');
    // The outputs are result.json's untagged totals, rounded as documented; the failed calls are the
    // demo server's simulated tool failures, sampled by class in result.errors.
    type Total = { metric: string; tags: object; summary: { count?: number; passes?: number; fails?: number; p95?: number } };
    const total = (metric: string) => (result.metrics.metrics as Total[]).find((m) => m.metric === metric && Object.keys(m.tags).length === 0)!.summary;
    const calls = total('mcp_calls').count!;
    const failed = total('mcp_errors').passes!;
    assert.ok(calls >= 2, `${calls} calls`);
    assert.equal(
      failed,
      (result.errors as { errorClass: string; count: number }[]).filter((e) => e.errorClass === 'tool').reduce((n, e) => n + e.count, 0),
    );
    assert.equal(run.outputs['mcp-calls'], String(calls));
    assert.equal(run.outputs['http-reqs'], String(total('http_reqs').count));
    assert.equal(run.outputs['http-per-mcp'], String(Number(result.httpPerCall.overall.toFixed(3))));
    assert.equal(run.outputs['p95-ms'], String(Number(total('mcp_call_duration').p95!.toFixed(2))));
    assert.equal(run.outputs['error-rate'], String(Number((failed / calls).toFixed(4))));
    assert.match(run.summary, /^<!-- mcp-load:quick -->\n✅ \*\*mcp-load: passed\*\*/);
    assert.equal(run.summary.trim(), readFileSync(join(run.reportDir, 'summary.md'), 'utf8').trim());
    assert.match(readFileSync(run.outputs.report, 'utf8'), /^<!doctype html>/i);
    const artifacts = fake
      .artifactsOf(541)
      .map((a) => a.name)
      .sort();
    assert.deepEqual(artifacts, ['mcp-load-quick', 'mcp-load-quick.html']);
    const html = fake.artifactsOf(541).find((a) => a.name === 'mcp-load-quick.html');
    assert.equal(html?.contentType, 'text/html', 'the HTML report is uploaded unzipped');
    assert.equal(fake.artifactsOf(541).find((a) => a.name === 'mcp-load-quick')?.contentType, 'application/zip');
    // One log group per phase, in order; no History group off the baseline branch.
    assert.deepEqual(commandLines(run, 'group'), [
      '::group::Scenario',
      '::group::Load test',
      '::group::Baseline',
      '::group::Comparison',
      '::group::Reports and artifacts',
      '::group::Pull request comment',
    ]);
  });

  it('runs its slice with input shard, records it, uploads under a per-shard name and leaves the comment to the merge', async () => {
    const commentsBefore = JSON.stringify(ourComments(PR));
    const run = await prRun(545, { shard: '2/2' });
    assert.equal(run.exitCode, 0, run.log);
    assert.ok(!commandLines(run, 'warning').some((l) => l.includes('shard')), 'no warning about the shard');
    assert.match(run.log, /shard 2\/2: this job runs its slice of the load; a last job with mode: merge merges the 2 jobs' results/);
    assert.match(run.log, /shard 2\/2: no pull request comment from a slice of the load/);
    const result = JSON.parse(readFileSync(run.outputs.result, 'utf8'));
    assert.deepEqual(result.shard, { index: 2, count: 2 });
    // QUICK_SCENARIO has 2 constant VUs: this shard runs one of them.
    assert.equal(result.vusMax, 1);
    assert.deepEqual(
      fake
        .artifactsOf(545)
        .map((a) => a.name)
        .sort(),
      ['mcp-load-quick-shard-2-of-2', 'mcp-load-quick-shard-2-of-2.html'],
    );
    assert.equal(JSON.stringify(ourComments(PR)), commentsBefore, 'no comment posted or edited');
    assert.match(run.summary, /mcp-load: passed/);
  });

  it('masks the secrets and keeps them out of the result, the reports and the comment', async () => {
    const run = await prRun(551, { target: `${fast.url}?api_key=${QUERY_SECRET}` });
    assert.equal(run.exitCode, 0, run.log);
    const masks = commandLines(run, 'add-mask').map((l) => l.slice('::add-mask::'.length));
    for (const secret of [GITHUB_TOKEN, HEADER_SECRET, `Bearer ${HEADER_SECRET}`, QUERY_SECRET]) assert.ok(masks.includes(secret), `masked: ${secret}`);
    const written = [
      readFileSync(join(run.reportDir, 'result.json'), 'utf8'),
      readFileSync(join(run.reportDir, 'report.html'), 'utf8'),
      readFileSync(join(run.reportDir, 'summary.md'), 'utf8'),
      run.summary,
      ...ourComments(PR).map((c) => c.body),
      ...fake.requests.map((r) => r.body),
    ];
    for (const secret of [HEADER_SECRET, QUERY_SECRET]) {
      assert.ok(!written.some((text) => text.includes(secret)), `${secret} written somewhere`);
    }
  });

  it("a pull request's scenario cannot send the runner's tokens, nor a variable the workflow did not hand to it: the step fails before any request", async () => {
    let requests = 0;
    const target = await startHttpFixture((req, res) => {
      requests++;
      req.resume();
      res.writeHead(500).end();
    });
    const runnerSecrets = { GITHUB_TOKEN, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-request-token-123', UNLISTED_SECRET: 'unlisted-secret-456' };
    try {
      const attempts: [string, string, RegExp][] = [
        ['${GITHUB_TOKEN}', 'MCP_TEST_SECRET', /\$\{GITHUB_TOKEN\} is never read by a scenario/],
        ['${ACTIONS_ID_TOKEN_REQUEST_TOKEN:-none}', '', /\$\{ACTIONS_ID_TOKEN_REQUEST_TOKEN\} is never read by a scenario/],
        ['${UNLISTED_SECRET}', 'MCP_TEST_SECRET', /\$\{UNLISTED_SECRET\} is not handed to the scenario; list it in the action's `variables` input/],
      ];
      for (const [reference, variables, refusal] of attempts) {
        const file = join(dir, 'from-the-pr.yml');
        writeFileSync(
          file,
          `target: ${target.url}\nheaders:\n  Authorization: "Bearer ${reference}"\nscenarios:\n  s:\n    executor: per-vu-iterations\n    flow: [{ ping: {} }]\n`,
        );
        const run = await harness.runAction({
          runId: 591,
          event: pullRequestEvent(PR),
          inputs: { scenario: file, 'github-token': GITHUB_TOKEN, variables },
          env: runnerSecrets,
        });
        assert.equal(run.exitCode, 1, run.log);
        assert.match(commandLines(run, 'error')[0], refusal);
        const shown = run.log.split('\n').filter((line) => !line.startsWith('::add-mask::'));
        for (const secret of Object.values(runnerSecrets)) assert.ok(!shown.some((line) => line.includes(secret)), `${secret} in the log`);
      }
      assert.equal(requests, 0, 'no request reached the target');
    } finally {
      await target.stop();
    }
  });

  it('fails the step with the reason when the run regressed against the base branch, after writing everything', async () => {
    // In this thread (workers: 1): a worker thread loading the sources through tsx costs ~2 s of CPU,
    // and the worker path is not what this test is about (the masking test above runs it).
    const baseline = await harness.runAction({
      runId: 561,
      event: pushEvent('main'),
      inputs: { scenario: steady, 'github-token': GITHUB_TOKEN, target: fast.url, workers: '1' },
    });
    assert.equal(baseline.exitCode, 0, baseline.log);
    assert.deepEqual(
      fake
        .artifactsOf(561)
        .map((a) => a.name)
        .sort(),
      ['mcp-load-history-steady', 'mcp-load-steady', 'mcp-load-steady.html'],
    );
    fake.runs.find((r) => r.id === 561)!.conclusion = 'success';

    const run = await harness.runAction({
      runId: 562,
      event: pullRequestEvent(PR),
      inputs: { scenario: steady, 'github-token': GITHUB_TOKEN, target: slow.url, workers: '1' },
    });
    assert.equal(run.exitCode, 1, run.log);
    const errors = commandLines(run, 'error');
    assert.equal(errors.length, 1, run.log);
    assert.match(errors[0], /^::error::mcp-load: regression against run 561 on main \(push\): mcp_call_duration_p95 \+\d+%/);
    assert.equal(run.outputs.regression, 'true');
    assert.match(run.summary, /regression/);
    const [comment] = ourComments(PR);
    assert.match(comment.body, /🔴 regression/);
    assert.ok(
      fake.artifactsOf(562).some((a) => a.name === 'mcp-load-steady'),
      'the result was uploaded before failing',
    );
    assert.ok(!fake.artifactsOf(562).some((a) => a.name.includes('history')), 'a pull request run writes no history');
  });
});

describe('the action on the baseline branch and with other inputs', () => {
  it('extends the history on scheduled runs: the previous run’s history plus this run', async () => {
    const schedule = { name: 'schedule', ref: 'refs/heads/main', payload: { schedule: '0 3 * * *' } };
    const first = await harness.runAction({
      runId: 701,
      event: schedule,
      inputs: { scenario: quick, 'github-token': GITHUB_TOKEN, variables: 'MCP_TEST_SECRET' },
      env: { MCP_TEST_SECRET: HEADER_SECRET },
    });
    assert.equal(first.exitCode, 0, first.log);
    assert.match(first.log, /history: 1 run \(keeps the last 30\)/);
    fake.runs.find((r) => r.id === 701)!.conclusion = 'success';
    const second = await harness.runAction({
      runId: 702,
      event: schedule,
      inputs: { scenario: quick, 'github-token': GITHUB_TOKEN, variables: 'MCP_TEST_SECRET' },
      env: { MCP_TEST_SECRET: HEADER_SECRET },
    });
    assert.equal(second.exitCode, 0, second.log);
    assert.match(second.log, /history: 2 runs \(keeps the last 30\)/);
    assert.ok(fake.artifactsOf(702).some((a) => a.name === 'mcp-load-history-quick'));
    assert.match(second.summary, /Baseline: /, 'compared with the previous scheduled run');
  });

  it('fails the step with one line naming the failed threshold, after writing the reports; fail-on-threshold: false only reports it', async () => {
    const strict = join(dir, 'strict.yml');
    writeFileSync(strict, QUICK_SCENARIO.replace('mcp_errors: ["rate<0.5"]', 'mcp_errors: ["rate<0.5"]\n  mcp_call_duration: ["p(95)<0.001"]'));
    const run = await harness.runAction({
      runId: 711,
      event: pullRequestEvent(PR),
      inputs: { scenario: strict, 'github-token': GITHUB_TOKEN, baseline: 'none', variables: 'MCP_TEST_SECRET' },
      env: { MCP_TEST_SECRET: HEADER_SECRET },
    });
    assert.equal(run.exitCode, 1);
    const errors = commandLines(run, 'error');
    assert.equal(errors.length, 1, run.log);
    assert.match(errors[0], /^::error::mcp-load: thresholds failed: mcp_call_duration p\(95\)<0\.001 \(observed [\d.]+\)$/);
    assert.match(run.summary, /threshold failed/);
    assert.equal(ourComments(PR).length, 1);
    assert.ok(fake.artifactsOf(711).some((a) => a.name === 'mcp-load-strict'));

    const lenient = await harness.runAction({
      runId: 712,
      event: pullRequestEvent(PR),
      inputs: { scenario: strict, 'github-token': GITHUB_TOKEN, baseline: 'none', 'fail-on-threshold': 'false', variables: 'MCP_TEST_SECRET' },
      env: { MCP_TEST_SECRET: HEADER_SECRET },
    });
    assert.equal(lenient.exitCode, 0, lenient.log);
  });

  it('compares with a result file given as baseline, and turns bad inputs into one error line before any load', async () => {
    const first = await prRun(721, { baseline: 'none', comment: 'never' });
    const second = await prRun(722, { baseline: join(first.reportDir, 'result.json'), comment: 'never' });
    assert.equal(second.exitCode, 0, second.log);
    assert.match(second.summary, /\| MCP calls \| [\d,]+ \| [\d,]+ \|/, 'the baseline column is filled');
    assert.doesNotMatch(second.summary, /No baseline/);

    const bad = await prRun(723, { shard: '3/2' });
    assert.equal(bad.exitCode, 1);
    assert.deepEqual(commandLines(bad, 'error'), ['::error::mcp-load: input shard must be i/n with 1 ≤ i ≤ n (e.g. 2/4), got "3/2"']);
    assert.equal(fake.artifactsOf(723).length, 0);

    const broken = join(dir, 'broken.yml');
    writeFileSync(broken, 'scenarios:\n  agents:\n    executor: constant-vus\n    vus: -1\n    duration: 1s\n    flow: []\n');
    const invalid = await harness.runAction({ runId: 724, event: pullRequestEvent(PR), inputs: { scenario: broken, 'github-token': GITHUB_TOKEN } });
    assert.equal(invalid.exitCode, 1);
    const errors = commandLines(invalid, 'error');
    assert.ok(
      errors.some((l) => l.startsWith(`::error title=mcp-load scenario,file=${broken},line=4`)),
      invalid.log,
    );
    assert.match(errors.at(-1) ?? '', /^::error::mcp-load: invalid scenario/);
  });
});

describe('the fork-safe comment workflow (mode: comment)', () => {
  it('comments the pull request run’s result from its artifact, and does not re-send an unchanged body', async () => {
    const prRunResult = await prRun(601, { comment: 'never' }, READ_ONLY_TOKEN);
    assert.equal(prRunResult.exitCode, 0, prRunResult.log);
    assert.equal(ourComments(PR).length, 0);
    fake.pulls.set(PR, { headSha: HEAD_SHA, baseRef: 'main' });

    const commentRun = () =>
      harness.runAction({
        runId: 602,
        job: 'comment',
        event: workflowRunEvent(601),
        inputs: { mode: 'comment', scenario: quick, 'github-token': GITHUB_TOKEN },
      });
    const first = await commentRun();
    assert.equal(first.exitCode, 0, first.log);
    const comments = ourComments(PR);
    assert.equal(comments.length, 1, first.log);
    assert.ok(comments[0].body.startsWith(marker('quick')), 'the marker of the pull request run’s job');
    assert.match(comments[0].body, /actions\/runs\/601\/artifacts\/\d+/, 'links the HTML report of the pull request run');

    fake.requests.length = 0;
    const second = await commentRun();
    assert.equal(second.exitCode, 0, second.log);
    assert.equal(fake.sent('PATCH', /\/issues\/comments\//).length, 0, 'unchanged body: not sent again');
    assert.equal(fake.sent('POST', /\/issues\/7\/comments$/).length, 0);
  });

  it('does not comment when the pull request has moved past the commit the run tested', async () => {
    await prRun(611, { comment: 'never' });
    fake.pulls.set(PR, { headSha: 'f'.repeat(40), baseRef: 'main' });
    const run = await harness.runAction({
      runId: 612,
      job: 'comment',
      event: workflowRunEvent(611),
      inputs: { mode: 'comment', scenario: quick, 'github-token': GITHUB_TOKEN },
    });
    assert.equal(run.exitCode, 0, run.log);
    assert.equal(ourComments(PR).length, 0);
    assert.match(run.log, /::warning::mcp-load: pull request #7 is at fffffff but run 611 tested abc1234/);
  });
});
