// The bundled action (what action.yml runs), built fresh from src/ (test/helpers/fresh-dist.ts, shared with
// the tarball test) into a temporary folder and run as the runner runs it: `node index.js` with the runner's
// environment, against the fake GitHub.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDist } from '../helpers/fresh-dist.ts';
import { FakeGitHub, OWNER, REPO, runtimeToken } from './fake-github.ts';

const fake = new FakeGitHub();
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mcp-load-bundle-'));
  const [, dist] = await Promise.all([fake.start(), freshDist()]);
  cpSync(dist, join(dir, 'dist'), { recursive: true });
  fake.tokens.set('ghs_token', { login: 'github-actions[bot]', installationToken: true });
  fake.runs.push({ id: 901, workflowId: 42, event: 'pull_request', headBranch: 'feature', conclusion: null });
});
after(async () => {
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('dist/index.js runs a scenario on a pull request: artifacts uploaded, comment posted, outputs set', async () => {
  writeFileSync(
    join(dir, 'smoke.yml'),
    // tools/list, which the embedded demo server never fails (its tools fail 1 % of calls at random:
    // a tool call here failed the default error gate in about 3 % of runs).
    'scenarios:\n  once:\n    executor: per-vu-iterations\n    vus: 1\n    iterations: 3\n    flow:\n      - list: tools\n',
  );
  writeFileSync(
    join(dir, 'event.json'),
    JSON.stringify({ pull_request: { number: 5, base: { ref: 'main' }, head: { sha: 'abc' } }, repository: { default_branch: 'main' } }),
  );
  for (const file of ['summary.md', 'output.txt']) writeFileSync(join(dir, file), '');
  const child = spawn(process.execPath, [join(dir, 'dist', 'index.js')], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      GITHUB_ACTIONS: 'true',
      GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
      GITHUB_RUN_ID: '901',
      GITHUB_JOB: 'load',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: join(dir, 'event.json'),
      GITHUB_REF: 'refs/pull/5/merge',
      GITHUB_API_URL: fake.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
      GITHUB_OUTPUT: join(dir, 'output.txt'),
      RUNNER_TEMP: dir,
      ACTIONS_RUNTIME_TOKEN: runtimeToken(901),
      ACTIONS_RESULTS_URL: `${fake.url}/`,
      INPUT_SCENARIO: 'smoke.yml',
      'INPUT_GITHUB-TOKEN': 'ghs_token',
    },
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const code = await new Promise((resolve) => child.on('close', resolve));
  assert.equal(code, 0, log);
  assert.deepEqual(
    fake
      .artifactsOf(901)
      .map((a) => a.name)
      .sort(),
    ['mcp-load-smoke', 'mcp-load-smoke.html'],
  );
  assert.equal(fake.comments.get(5)?.length, 1);
  assert.match(readFileSync(join(dir, 'summary.md'), 'utf8'), /mcp-load: passed/);
  assert.match(readFileSync(join(dir, 'output.txt'), 'utf8'), /^mcp-calls<</m);
});
