// Input capacity-slo end to end: run() with a runner's environment against a demo server whose
// latency is known, the comment and the job summary carrying the capacity table.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInputs } from '../../src/action/inputs.ts';
import { startDemoServer, type DemoServer } from '../../src/demo/index.ts';
import { FakeGitHub } from './fake-github.ts';
import { ActionHarness, pullRequestEvent } from './harness.ts';

const fake = new FakeGitHub();
let harness: ActionHarness;
let dir: string;
let server: DemoServer;

before(async () => {
  await fake.start();
  process.env.GITHUB_API_URL = fake.url;
  const { run } = await import('../../src/action/main.ts');
  dir = mkdtempSync(join(tmpdir(), 'mcp-load-action-capacity-'));
  harness = new ActionHarness(fake, join(dir, 'runs'), run);
  server = await startDemoServer({ latencyMs: { send_sms: [2, 3] }, failureRate: 0, seed: 1 });
});
after(async () => {
  await Promise.all([fake.stop(), server?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('the action with capacity-slo', () => {
  it('runs the capacity search instead of the scenario shape and reports its table in the comment and summary', async () => {
    fake.reset();
    fake.tokens = new Map([['ghs_t', { login: 'github-actions[bot]', installationToken: true }]]);
    const scenario = join(dir, 'cap.yml');
    writeFileSync(
      scenario,
      'scenarios:\n  agents:\n    executor: constant-vus\n    vus: 1\n    duration: 1s\n    flow:\n      - call: send_sms\n        args: { to: "1", text: "hi" }\n',
    );
    const run = await harness.runAction({
      runId: 901,
      event: pullRequestEvent(11),
      inputs: {
        scenario,
        'github-token': 'ghs_t',
        target: server.url,
        'capacity-slo': 'p95<150ms',
        'capacity-start': '10',
        'capacity-max-rate': '20',
        'capacity-step': '2s',
        baseline: 'none',
      },
    });
    // The plumbing, not the verdict: the generator shares this process (and a busy runner) with the demo server.
    assert.match(run.log, /::group::Capacity search\ncapacity step 10\/s: (held|broke \(\w+\))\n/);
    assert.match(run.summary, /### Capacity\n\n.*p95<150ms/);
    assert.match(run.summary, /\| 10\/s \|/);
    const comment = (fake.comments.get(11) ?? []).map((c) => c.body).join('\n');
    assert.match(comment, /### Capacity/);
  });

  it('reads the capacity inputs and refuses them with result or shard', () => {
    const get = (values: Record<string, string>) => (name: string) => values[name] ?? '';
    const inputs = readInputs(get({ scenario: 's.yml', 'capacity-slo': 'p95<200ms,errors<1%', 'capacity-step': '10s', 'capacity-start': '5' }));
    assert.deepEqual(inputs.capacity, {
      slo: { source: 'p95<200ms,errors<1%', latency: { percentile: 95, limitMs: 200 }, errorRate: 0.01 },
      start: 5,
      factor: 2,
      maxRate: 10000,
      stepMs: 10000,
      bisections: 3,
      maxVUs: 1000,
    });
    assert.throws(
      () => readInputs(get({ scenario: 's.yml', 'capacity-slo': 'p95<200ms', shard: '1/2' })),
      /capacity-slo runs a capacity search in this job: not with result or shard/,
    );
    assert.throws(() => readInputs(get({ scenario: 's.yml', 'capacity-slo': 'fast please' })), /input capacity-slo: "fast please": cannot read "fast please"/);
  });
});
