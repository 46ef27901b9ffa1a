import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GitHubApi } from '../../src/action/github-api.ts';
import { fitComment, markerId, upsertStickyComment } from '../../src/action/sticky-comment.ts';
import { FakeGitHub, OWNER, REPO } from './fake-github.ts';

const fake = new FakeGitHub();
const MARKER = '<!-- mcp-load:quick:load -->';
let api: GitHubApi;

before(async () => {
  await fake.start();
  api = new GitHubApi('installation', { owner: OWNER, repo: REPO }, fake.url);
});
after(() => fake.stop());
beforeEach(() => {
  fake.reset();
  fake.tokens = new Map([['installation', { login: 'github-actions[bot]', installationToken: true }]]);
});

describe('upsertStickyComment', () => {
  it('does not send a body that is already there', async () => {
    const ours = fake.addComment(3, 'github-actions[bot]', `${MARKER}\nsame`);
    const outcome = await upsertStickyComment(api, { issueNumber: 3, body: `${MARKER}\nsame`, marker: MARKER, create: true });
    assert.equal(outcome.kind, 'unchanged');
    assert.equal(fake.sent('PATCH', /comments/).length + fake.sent('POST', /comments/).length, 0);
    assert.equal(ours.body, `${MARKER}\nsame`);
  });

  it('updates an earlier comment even when it would not start one (comment: on-regression), and starts none', async () => {
    assert.deepEqual(await upsertStickyComment(api, { issueNumber: 3, body: `${MARKER}\nnew`, marker: MARKER, create: false }), { kind: 'skipped' });
    assert.equal(fake.sent('POST', /comments/).length, 0);
    const ours = fake.addComment(3, 'github-actions[bot]', `${MARKER}\nold`);
    const outcome = await upsertStickyComment(api, { issueNumber: 3, body: `${MARKER}\nnew`, marker: MARKER, create: false });
    assert.equal(outcome.kind, 'updated');
    assert.equal(ours.body, `${MARKER}\nnew`);
  });

  it('finds our comment on the last of many pages', async () => {
    fake.commentsPageSize = 3;
    for (let i = 0; i < 10; i++) fake.addComment(3, i % 2 ? 'alice' : 'github-actions[bot]', `comment ${i}`);
    const ours = fake.addComment(3, 'github-actions[bot]', `${MARKER}\nold`);
    await upsertStickyComment(api, { issueNumber: 3, body: `${MARKER}\nnew`, marker: MARKER, create: true });
    assert.equal(ours.body, `${MARKER}\nnew`);
    assert.deepEqual(
      fake.sent('GET', /\/issues\/3\/comments$/).map((r) => r.query.get('page') ?? '1'),
      ['1', '2', '3', '4'],
    );
  });

  it('reports a token that may not write instead of throwing', async () => {
    fake.tokens.set('installation', { login: 'github-actions[bot]', installationToken: true, readOnly: true });
    assert.deepEqual(await upsertStickyComment(api, { issueNumber: 3, body: `${MARKER}\nx`, marker: MARKER, create: true }), {
      kind: 'not-permitted',
      status: 403,
    });
  });
});

describe('fitComment', () => {
  it('leaves a body under the limit alone', () => {
    assert.equal(fitComment('short', 100), 'short');
  });

  it('cuts a long body at a line, closes an open code fence and details block, and says so', () => {
    const body = `${MARKER}\n<details><summary>x</summary>\n\n\`\`\`\n${'line of log\n'.repeat(10_000)}\`\`\`\n</details>\n`;
    const fitted = fitComment(body, 5_000);
    assert.ok(fitted.length <= 5_000, String(fitted.length));
    assert.ok(fitted.startsWith(MARKER));
    assert.match(fitted, /line of log\n```\n<\/details>\n\n… \(truncated: the full report is in the job summary and the artifacts\)\n$/);
  });

  it('stays under GitHub’s 65,536 characters by default', () => {
    assert.ok(fitComment('x\n'.repeat(100_000)).length < 65_536);
  });
});

describe('markerId', () => {
  it('joins scenario, job and key with characters safe in an HTML comment', () => {
    assert.equal(markerId('quick', 'load'), 'quick:load');
    assert.equal(markerId('quick', 'load', '${{ matrix.node }} 22 -->'), 'quick:load:-matrix.node-22-');
  });
});
