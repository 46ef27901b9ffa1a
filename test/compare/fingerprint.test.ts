import assert from 'node:assert/strict';
import { it } from 'node:test';
import { fingerprintMismatch } from '../../src/compare/fingerprint.ts';
import type { Fingerprint } from '../../src/compare/types.ts';

const base: Fingerprint = { scenarioHash: 'a'.repeat(64), version: '0.1', os: 'linux', arch: 'x64', cpus: 4 };

it('a shard compares only with the same shard: not with the whole load, not with another slice', () => {
  assert.equal(fingerprintMismatch({ ...base, shard: '2/4' }, { ...base, shard: '2/4' }), undefined);
  assert.equal(fingerprintMismatch(base, { ...base }), undefined);
  assert.equal(fingerprintMismatch({ ...base, shard: '2/4' }, base), 'baseline differs: the whole load → shard 2/4');
  assert.equal(fingerprintMismatch(base, { ...base, shard: '1/2' }), 'baseline differs: shard 1/2 → the whole load');
  assert.equal(fingerprintMismatch({ ...base, shard: '1/4' }, { ...base, shard: '1/2' }), 'baseline differs: shard 1/2 → shard 1/4');
});
