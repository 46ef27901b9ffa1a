import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Secrets } from '../../src/action/secrets.ts';

function collecting(fn: () => void): string {
  const write = process.stdout.write;
  let out = '';
  process.stdout.write = ((chunk: unknown) => {
    out += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    fn();
  } finally {
    process.stdout.write = write;
  }
  return out;
}

describe('Secrets', () => {
  it('masks a header value, the token inside it and their URL-encoded forms, once each; not plain headers like Accept', () => {
    const secrets = new Secrets();
    const log = collecting(() => {
      secrets.addHeaders({ Authorization: 'Bearer abc def/123', 'X-Api-Key': 'k3y-value', Accept: 'application/json' });
      secrets.add('k3y-value');
    });
    // Workflow commands escape % as %25: `Bearer%2520abc` is the runner's `Bearer%20abc`.
    assert.deepEqual(log.trim().split('\n'), [
      '::add-mask::Bearer abc def/123',
      '::add-mask::Bearer%2520abc%2520def%252F123',
      '::add-mask::abc def/123',
      '::add-mask::abc%2520def%252F123',
      '::add-mask::k3y-value',
    ]);
  });

  it('takes credentials and query values from a URL, and skips values too short to be secrets', () => {
    const secrets = new Secrets();
    const log = collecting(() => secrets.addFromUrl('https://user:pa55word@example.com/mcp?token=t0ken-1&x=1'));
    assert.deepEqual(log.trim().split('\n'), ['::add-mask::user', '::add-mask::pa55word', '::add-mask::t0ken-1']);
  });

  it('redacts text, longest secret first', () => {
    const secrets = new Secrets();
    collecting(() => secrets.add('Bearer s3cret-token'));
    assert.equal(secrets.redact('sent Bearer s3cret-token, then s3cret-token'), 'sent ***, then ***');
  });

  it('redacts every string of a result but the encoded histograms', () => {
    const secrets = new Secrets();
    collecting(() => secrets.add('QUJD'));
    const result = { target: 'x QUJD', errors: [{ message: 'QUJD!' }], metrics: { metrics: [{ hdr: 'HISTQUJDQUJD', summary: { p95: 1 } }] } };
    assert.deepEqual(secrets.redactResult(result), { target: 'x ***', errors: [{ message: '***!' }], metrics: { metrics: [{ hdr: 'HISTQUJDQUJD', summary: { p95: 1 } }] } });
  });
});
