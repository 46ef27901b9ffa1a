import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InstanceReader, MAX_INSTANCE_NAME, SessionInstances } from '../../src/mcp/instances.ts';
import type { HttpRecord } from '../../src/mcp/index.ts';
import { parseScenario } from '../../src/scenario/index.ts';

describe('InstanceReader', () => {
  it('by default takes the first of the common headers a response carries', () => {
    const reader = new InstanceReader('auto');
    assert.equal(reader.read({ 'x-upstream': '10.0.0.2:8080', 'x-server': 'other' }, undefined), '10.0.0.2:8080');
    assert.equal(reader.read({ 'fly-instance-id': ['e7a1', 'e7a2'] }, undefined), 'e7a1');
    assert.equal(reader.read({ 'content-type': 'application/json' }, undefined), undefined);
  });

  it('with a header named, reads only that one', () => {
    const reader = new InstanceReader({ header: 'X-Pod' });
    assert.equal(reader.read({ 'x-pod': 'pod-3', 'x-served-by': 'lb' }, undefined), 'pod-3');
    assert.equal(reader.read({ 'x-served-by': 'lb' }, undefined), undefined);
  });

  it("with a cookie named, reads the response's Set-Cookie, else the value the session sent", () => {
    const reader = new InstanceReader({ cookie: 'SERVERID' });
    assert.equal(reader.read({ 'set-cookie': ['a=1', 'SERVERID=web2; path=/'] }, 'web1'), 'web2');
    assert.equal(reader.read({}, 'web1'), 'web1');
    assert.equal(reader.read({}, undefined), undefined);
  });

  it("bounds a server's name and makes it inert: control characters replaced, at most 64 characters", () => {
    const reader = new InstanceReader('auto');
    assert.equal(reader.read({ 'x-served-by': 'a\u001b[31mred\u0007' }, undefined), 'a?[31mred?');
    assert.equal(reader.read({ 'x-served-by': 'x'.repeat(500) }, undefined), 'x'.repeat(MAX_INSTANCE_NAME));
    assert.equal(reader.read({ 'x-served-by': '   ' }, undefined), undefined);
  });

  it('off reads nothing', () => {
    assert.equal(new InstanceReader('off').read({ 'x-served-by': 'a' }, undefined), undefined);
  });
});

const record = (instance: string | undefined, purpose: HttpRecord['purpose'] = 'call'): HttpRecord => ({
  method: 'POST',
  status: 200,
  ttfbMs: 1,
  durationMs: 1,
  bytesSent: 0,
  bytesReceived: 0,
  purpose,
  failed: false,
  heldOpen: false,
  instance,
});

describe('SessionInstances', () => {
  it('a second instance is one hop, counted once; the discovery probe before the session does not count', () => {
    const s = new SessionInstances();
    assert.equal(s.observe([record('a', 'discovery'), record('b', 'session'), record(undefined), record('b')]), false);
    s.endOperation();
    assert.equal(s.home, 'b');
    assert.equal(s.observe([record('c')]), true);
    s.endOperation();
    assert.equal(s.observe([record('a')]), false);
    assert.equal(s.hopped, true);
  });

  it('a re-initialised session starts over with a new home', () => {
    const s = new SessionInstances();
    s.observe([record('a'), record('b')]);
    s.restart();
    assert.equal(s.hopped, false);
    assert.equal(s.observe([record('a'), record('b'), record('c')]), false, 'records already looked at are not looked at again');
  });
});

describe('scenario keys instance: and cookies:', () => {
  const parse = (yaml: string) =>
    parseScenario(`${yaml}\nscenarios:\n  a:\n    executor: per-vu-iterations\n    flow:\n      - ping: {}\n`, 'keys.yml', { env: {} });

  it('default to the common headers and a cookie jar, and read a header, a cookie or false', () => {
    assert.equal(parse('').client.instance, 'auto');
    assert.equal(parse('').client.cookies, true);
    assert.deepEqual(parse('instance: { header: X-Served-By }').client.instance, { header: 'X-Served-By' });
    assert.deepEqual(parse('instance: { cookie: SERVERID }').client.instance, { cookie: 'SERVERID' });
    assert.equal(parse('instance: false').client.instance, 'off');
    assert.equal(parse('cookies: false').client.cookies, false);
  });

  it('refuse both at once, neither, and a name that is no header name, saying where', () => {
    assert.throws(() => parse('instance: { header: A, cookie: B }'), /keys\.yml:1.*needs exactly one of header/s);
    assert.throws(() => parse('instance: {}'), /needs exactly one of header/);
    assert.throws(() => parse('instance: { header: "X Served" }'), /"X Served" is not a header name/);
  });
});
