import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SecretRegistry } from '../../src/secrets/registry.ts';
import { redactUrl } from '../../src/secrets/sources.ts';

const htmlEntities = (text: string): string => [...text].map((c) => (/[A-Za-z0-9]/.test(c) ? c : `&#${c.codePointAt(0)};`)).join('');
const hexEntities = (text: string): string => [...text].map((c) => `&#x${c.codePointAt(0)!.toString(16)};`).join('');

describe('SecretRegistry', () => {
  it('redacts a token raw, URL-encoded, as decimal or hex HTML entities, JSON-escaped and in base64', () => {
    const registry = new SecretRegistry();
    registry.register('Bearer tok_SECRET/12345');
    const token = 'tok_SECRET/12345';
    for (const form of [
      token,
      encodeURIComponent(token),
      htmlEntities(token),
      hexEntities(token),
      token.replace('/', '\\/'),
      Buffer.from(token).toString('base64'),
    ]) {
      assert.equal(registry.redact(`before ${form} after`), 'before *** after', form);
    }
    assert.equal(registry.redact('Authorization: Bearer tok_SECRET/12345'), 'Authorization: ***');
  });

  it('takes the user:password pair and the password from a Basic token', () => {
    const registry = new SecretRegistry();
    const basic = Buffer.from('alice:pa55-word').toString('base64');
    registry.register(`Basic ${basic}`);
    assert.equal(registry.redact(`got ${basic}; user alice:pa55-word; pass pa55%2Dword`), 'got ***; user ***; pass ***');
  });

  it('leaves values shorter than four characters and texts without secrets alone', () => {
    const registry = new SecretRegistry();
    registry.register('abc');
    assert.equal(registry.size, 0);
    assert.equal(registry.redact('abc abc'), 'abc abc');
  });

  it('redacts every string and key of a value but encoded histograms, and tells listeners of every secret once', () => {
    const registry = new SecretRegistry();
    const heard: string[] = [];
    registry.register('QUJDsecret');
    registry.onRegister((s) => heard.push(s));
    registry.register('QUJDsecret');
    const result = { target: 'x QUJDsecret', errors: [{ message: 'QUJDsecret!' }], QUJDsecret: 1, metrics: [{ hdr: 'HISTQUJDsecret' }] };
    assert.deepEqual(registry.redactDeep(result), { target: 'x ***', errors: [{ message: '***!' }], '***': 1, metrics: [{ hdr: 'HISTQUJDsecret' }] });
    assert.deepEqual(heard, ['QUJDsecret', Buffer.from('QUJDsecret').toString('base64')]);
  });
});

describe('redactUrl', () => {
  it('hides user, password and query values, and drops the fragment', () => {
    assert.equal(redactUrl('https://u:p@example.com/mcp?key=k3y&x=1#frag'), 'https://***:***@example.com/mcp?key=***&x=***');
    assert.equal(redactUrl('http://127.0.0.1:3000/mcp'), 'http://127.0.0.1:3000/mcp');
  });

  it('hides credentials and query of text that is not a URL', () => {
    assert.equal(redactUrl('http://user:pw@exa mple.com/mcp?key=secret'), 'http://***@exa mple.com/mcp?***');
  });
});

describe('SecretRegistry: exact case', () => {
  it('matches a secret in its own case only, but escapes with hex digits in either case', () => {
    const registry = new SecretRegistry();
    registry.register('Acme/Key');
    assert.equal(registry.redact('acme/key Acme%2fKey Acme%2FKey Acme&#X2F;Key Acme/Key'), 'acme/key *** *** *** ***');
  });
});

describe('SecretRegistry: mixed encodings and speed', () => {
  it('finds a secret written in a mix of escapes, and keeps the text around it intact', () => {
    const registry = new SecretRegistry();
    registry.register('tok_SECRET/12345 x');
    const mixed = 'tok&#95;SECRET%2F12\\u00334&#x35;+x';
    assert.equal(registry.redact(`<p>${mixed}</p> &amp; %zz \\q`), '<p>***</p> &amp; %zz \\q');
    assert.equal(registry.redact('tok_SECRET/12345 x'), '***');
  });

  it('redacts a megabyte of report text with 50 secrets in well under a second', () => {
    const registry = new SecretRegistry();
    for (let i = 0; i < 25; i++) registry.register(`Bearer token_${i}_abcdefghijklmnopqrstuvwxyz`);
    const text = `${'<div class="x">report text 12345 &amp; data</div>\n'.repeat(20_000)}token_7_abcdefghijklmnopqrstuvwxyz`;
    const started = performance.now();
    const out = registry.redact(text);
    assert.ok(performance.now() - started < 1_000);
    assert.ok(out.endsWith('\n***'));
  });
});
