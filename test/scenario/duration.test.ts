import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDuration, parseDuration } from '../../src/scenario/duration.ts';

describe('parseDuration', () => {
  it('reads milliseconds, seconds, minutes, hours and combinations into milliseconds', () => {
    assert.equal(parseDuration('500ms'), 500);
    assert.equal(parseDuration('30s'), 30_000);
    assert.equal(parseDuration('1m30s'), 90_000);
    assert.equal(parseDuration('2h'), 7_200_000);
    assert.equal(parseDuration('1h2m3s4ms'), 3_723_004);
    assert.equal(parseDuration('1.5s'), 1_500);
    assert.equal(parseDuration('0'), 0);
    assert.equal(parseDuration('0s'), 0);
  });

  it('rejects text that is not a duration, units out of order and bare numbers', () => {
    for (const text of ['', '3x', '30', 's', '1s1m', '1m 30s', '-1s', '1d', '30S', '1.s', 'ms']) {
      assert.equal(parseDuration(text), undefined, text);
    }
  });
});

describe('formatDuration', () => {
  it('spells milliseconds in the shortest canonical form', () => {
    assert.equal(formatDuration(0), '0s');
    assert.equal(formatDuration(500), '500ms');
    assert.equal(formatDuration(90_000), '1m30s');
    assert.equal(formatDuration(7_200_000), '2h');
    assert.equal(formatDuration(1_500), '1s500ms');
  });
});
