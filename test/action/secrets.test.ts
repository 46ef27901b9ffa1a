import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Secrets } from '../../src/action/secrets.ts';
import { SecretRegistry } from '../../src/secrets/index.ts';

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
  it('masks a header value, the token inside it, their URL-encoded, form-encoded and base64 forms, once each; not plain headers like Accept', () => {
    const secrets = new Secrets(new SecretRegistry());
    const log = collecting(() => {
      secrets.addHeaders({ Authorization: 'Bearer abc def/123', 'X-Api-Key': 'k3y-value', Accept: 'application/json' });
      secrets.add('k3y-value');
    });
    // Workflow commands escape % as %25: `Bearer%2520abc` is the runner's `Bearer%20abc`.
    assert.deepEqual(log.trim().split('\n'), [
      '::add-mask::Bearer abc def/123',
      '::add-mask::Bearer%2520abc%2520def%252F123',
      // Form encoding: spaces as `+`.
      '::add-mask::Bearer+abc+def/123',
      '::add-mask::Bearer%252Babc%252Bdef%252F123',
      '::add-mask::QmVhcmVyIGFiYyBkZWYvMTIz',
      '::add-mask::abc def/123',
      '::add-mask::abc%2520def%252F123',
      '::add-mask::abc+def/123',
      '::add-mask::abc%252Bdef%252F123',
      '::add-mask::YWJjIGRlZi8xMjM=',
      '::add-mask::YWJjIGRlZi8xMjM%253D',
      '::add-mask::k3y-value',
      '::add-mask::azN5LXZhbHVl',
    ]);
  });

  it('takes credentials, the Basic pair they make and query values from a URL, and skips values too short to be secrets', () => {
    const secrets = new Secrets(new SecretRegistry());
    const log = collecting(() => secrets.addFromUrl('https://user:pa55word@example.com/mcp?token=t0ken-1&x=1'));
    const masked = log
      .trim()
      .split('\n')
      .map((line) => line.replace('::add-mask::', ''));
    for (const secret of ['user', 'pa55word', 'user%253Apa55word', Buffer.from('user:pa55word').toString('base64'), 't0ken-1']) {
      assert.ok(masked.includes(secret), secret);
    }
    assert.ok(!masked.includes('1'));
  });

  it('redacts text, longest secret first', () => {
    const secrets = new Secrets(new SecretRegistry());
    collecting(() => secrets.add('Bearer s3cret-token'));
    assert.equal(secrets.redact('sent Bearer s3cret-token, then s3cret-token'), 'sent ***, then ***');
  });

  it('redacts every string of a result but the encoded histograms', () => {
    const secrets = new Secrets(new SecretRegistry());
    collecting(() => secrets.add('QUJD'));
    const result = { target: 'x QUJD', errors: [{ message: 'QUJD!' }], metrics: { metrics: [{ hdr: 'HISTQUJDQUJD', summary: { p95: 1 } }] } };
    assert.deepEqual(secrets.redactResult(result), {
      target: 'x ***',
      errors: [{ message: '***!' }],
      metrics: { metrics: [{ hdr: 'HISTQUJDQUJD', summary: { p95: 1 } }] },
    });
  });
});
