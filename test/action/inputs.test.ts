import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseShard, readInputs, type ActionInputs } from '../../src/action/inputs.ts';

const reader = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('readInputs', () => {
  it('mode merge needs the scenario (its name finds the shard artifacts) and takes none of result, shard, capacity-slo, artifact-name', () => {
    assert.equal(readInputs(reader({ mode: 'merge', scenario: 'load/agents.yml' })).mode, 'merge');
    assert.throws(
      () => readInputs(reader({ mode: 'merge' })),
      /^InputError: mode merge needs input scenario: the shard artifacts it merges are named after it$/,
    );
    for (const name of ['result', 'shard', 'capacity-slo', 'artifact-name']) {
      assert.throws(
        () => readInputs(reader({ mode: 'merge', scenario: 's.yml', [name]: name === 'shard' ? '1/2' : 'x' })),
        new RegExp(`not with input ${name}$`),
      );
    }
  });

  it('worker-mode: thread or process, nothing else', () => {
    assert.equal(readInputs(reader({ scenario: 's.yml', 'worker-mode': 'process' })).workerMode, 'process');
    assert.equal(readInputs(reader({ scenario: 's.yml' })).workerMode, undefined);
    assert.throws(() => readInputs(reader({ scenario: 's.yml', 'worker-mode': 'fork' })), /input worker-mode must be thread or process, got "fork"/);
  });

  it('workers: a whole number from 1 to 256', () => {
    assert.equal(readInputs(reader({ scenario: 's.yml', workers: '4' })).workers, 4);
    for (const bad of ['0', '2.5', 'many', '257']) {
      assert.throws(
        () => readInputs(reader({ scenario: 's.yml', workers: bad })),
        new RegExp(`input workers must be a whole number from 1 to 256, got "${bad.replace('.', '\\.')}"`),
      );
    }
  });

  it('applies action.yml’s defaults to unset inputs', () => {
    assert.deepEqual(readInputs(reader({ scenario: 'load.yml', 'github-token': 't' })), {
      mode: 'run',
      scenario: 'load.yml',
      token: 't',
      baseline: { kind: 'auto' },
      failOnRegression: true,
      failOnThreshold: true,
      comment: 'always',
      reportDir: 'mcp-load-results',
      variables: [],
    } satisfies ActionInputs);
  });

  it('reads every input', () => {
    const inputs = readInputs(
      reader({
        scenario: 's.yml',
        target: 'https://preview.example.com/mcp',
        baseline: 'base/result.json',
        'baseline-branch': 'release',
        'baseline-workflow': 'nightly.yml',
        'fail-on-regression': 'false',
        'fail-on-threshold': 'FALSE',
        comment: 'on-regression',
        'comment-key': 'node-22',
        'artifact-name': 'mcp-load-s-22',
        'report-dir': 'out',
        shard: '2/4',
        mode: 'run',
      }),
    );
    assert.deepEqual(inputs.baseline, { kind: 'path', path: 'base/result.json' });
    assert.equal(inputs.target, 'https://preview.example.com/mcp');
    assert.equal(inputs.baselineBranch, 'release');
    assert.equal(inputs.baselineWorkflow, 'nightly.yml');
    assert.equal(inputs.failOnRegression, false);
    assert.equal(inputs.failOnThreshold, false);
    assert.equal(inputs.comment, 'on-regression');
    assert.equal(inputs.commentKey, 'node-22');
    assert.equal(inputs.artifactName, 'mcp-load-s-22');
    assert.equal(inputs.reportDir, 'out');
    assert.deepEqual(inputs.shard, { index: 2, count: 4 });
    assert.deepEqual(readInputs(reader({ scenario: 's.yml', baseline: 'none' })).baseline, { kind: 'none' });
  });

  it("reads variables as names separated by commas, spaces or lines, and refuses the runner's own", () => {
    assert.deepEqual(readInputs(reader({ scenario: 's.yml', variables: 'MCP_TOKEN, PREVIEW_URL\nOTHER' })).variables, ['MCP_TOKEN', 'PREVIEW_URL', 'OTHER']);
    assert.throws(
      () => readInputs(reader({ scenario: 's.yml', variables: 'MCP_TOKEN GITHUB_TOKEN' })),
      /^InputError: input variables: GITHUB_TOKEN is the runner's and never read by a scenario/,
    );
    assert.throws(() => readInputs(reader({ scenario: 's.yml', variables: 'ACTIONS_ID_TOKEN_REQUEST_TOKEN' })), /never read by a scenario/);
    assert.throws(() => readInputs(reader({ scenario: 's.yml', variables: 'NOT-A-NAME' })), {
      message: 'input variables: "NOT-A-NAME" is not a variable name',
    });
  });

  it('names the input and what it accepts when a value is wrong', () => {
    assert.throws(() => readInputs(reader({})), /^InputError: input scenario is required/);
    assert.throws(() => readInputs(reader({ scenario: 's.yml', comment: 'sometimes' })), {
      message: 'input comment must be one of always, on-regression, never, got "sometimes"',
    });
    assert.throws(() => readInputs(reader({ scenario: 's.yml', 'fail-on-regression': 'yes' })), {
      message: 'input fail-on-regression must be true or false, got "yes"',
    });
    assert.throws(() => readInputs(reader({ scenario: 's.yml', mode: 'comments' })), {
      message: 'input mode must be one of run, comment, merge, got "comments"',
    });
    assert.throws(() => readInputs(reader({ scenario: 's.yml', 'artifact-name': 'a/b' })), /input artifact-name "a\/b" holds a character/);
  });

  it('lets comment mode go without a scenario when the artifact is named', () => {
    assert.equal(readInputs(reader({ mode: 'comment', 'artifact-name': 'mcp-load-x' })).artifactName, 'mcp-load-x');
    assert.throws(() => readInputs(reader({ mode: 'comment' })), { message: 'comment mode needs input scenario or artifact-name to find the result artifact' });
  });

  it('lets run mode go without a scenario when a result is given, but not with a shard or in comment mode', () => {
    const inputs = readInputs(reader({ result: 'merged/result.json' }));
    assert.equal(inputs.result, 'merged/result.json');
    assert.equal(inputs.scenario, '');
    assert.equal(readInputs(reader({ scenario: 's.yml', result: 'merged/result.json' })).scenario, 's.yml');
    assert.throws(() => readInputs(reader({ result: 'merged/result.json', shard: '1/2' })), /^InputError: inputs result and shard exclude each other/);
    assert.throws(() => readInputs(reader({ mode: 'comment', scenario: 's.yml', result: 'r.json' })), {
      message: 'input result is for mode run (report a result made elsewhere), not mode comment',
    });
    assert.throws(() => readInputs(reader({})), {
      message: 'input scenario is required (the path of a scenario file), unless input result names a result.json to report',
    });
  });
});

describe('parseShard', () => {
  it('accepts i/n with 1 ≤ i ≤ n', () => {
    assert.deepEqual(parseShard('1/1'), { index: 1, count: 1 });
    assert.deepEqual(parseShard('3/8'), { index: 3, count: 8 });
  });

  it('refuses anything else', () => {
    for (const bad of ['0/2', '3/2', '1/0', '1', '1/2/3', 'a/b', ' 1/2']) {
      assert.throws(() => parseShard(bad), { message: `input shard must be i/n with 1 ≤ i ≤ n (e.g. 2/4), got ${JSON.stringify(bad)}` });
    }
  });
});
