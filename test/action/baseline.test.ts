import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { artifactNames } from '../../src/action/artifact-names.ts';
import { ArtifactStore } from '../../src/action/artifacts.ts';
import { comparisonBase, findBaselineRun, MIN_HISTORY_RUNS } from '../../src/action/baseline.ts';
import { GitHubApi } from '../../src/action/github-api.ts';
import type { History, HistoryEntry } from '../../src/compare/index.ts';
import type { Result } from '../../src/results/index.ts';
import { FakeGitHub, OWNER, REPO } from './fake-github.ts';

const result = { scenario: { id: 'quick' } } as Result;
const history = (runs: number): History => ({ schemaVersion: 1, runs: Array.from({ length: runs }, () => ({}) as HistoryEntry) });

describe('comparisonBase', () => {
  it('is the history once it holds enough runs, else the single baseline run', () => {
    assert.equal(comparisonBase({ result, history: history(MIN_HISTORY_RUNS - 1), description: '' }), result);
    const long = history(MIN_HISTORY_RUNS);
    assert.equal(comparisonBase({ result, history: long, description: '' }), long);
    assert.equal(comparisonBase({ description: 'none', missing: 'x' }), undefined);
  });
});

describe('artifactNames', () => {
  it('derives every name from the scenario id, or from a custom artifact name', () => {
    assert.deepEqual(artifactNames('quick'), { results: 'mcp-load-quick', report: 'mcp-load-quick.html', history: 'mcp-load-history-quick' });
    assert.deepEqual(artifactNames('quick', 'load-node22'), { results: 'load-node22', report: 'load-node22.html', history: 'load-node22-history' });
  });
});

describe('findBaselineRun', () => {
  const fake = new FakeGitHub();
  before(() => fake.start());
  after(() => fake.stop());

  it('never takes a pull request run or a fork’s run as the baseline, even on a branch named like the base', async () => {
    fake.tokens.set('t', { login: 'github-actions[bot]', installationToken: true });
    fake.runs = [
      { id: 3, workflowId: 42, event: 'pull_request', headBranch: 'main', conclusion: 'success', headRepository: 'mallory/mcp-app' },
      { id: 2, workflowId: 42, event: 'push', headBranch: 'main', conclusion: 'success', headRepository: 'mallory/mcp-app' },
      { id: 1, workflowId: 42, event: 'push', headBranch: 'main', conclusion: 'failure' },
    ];
    const repo = { owner: OWNER, repo: REPO };
    const baseline = await findBaselineRun({
      api: new GitHubApi('t', repo, fake.url),
      store: new ArtifactStore('t', repo),
      repo,
      workflow: 42,
      branch: 'main',
      names: artifactNames('quick'),
      excludeRunId: 9,
      workDir: '/nonexistent',
    });
    assert.deepEqual(baseline, { description: 'none', missing: 'no successful run of this workflow on `main` yet' });
    const [list] = fake.sent('GET', /\/actions\/workflows\/42\/runs$/);
    assert.equal(list.query.get('branch'), 'main');
    assert.equal(list.query.get('status'), 'success');
    assert.equal(fake.sent('GET', /\/artifacts$/).length, 0, 'no run was eligible, so no artifacts were listed');
  });
});
