import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import {
  cellText,
  commentMarker,
  formatChange,
  formatCompactCount,
  formatCount,
  formatScenarioDuration,
  inlineText,
  linkDestination,
} from '../../src/report/markdown-text.ts';

test('Markdown and HTML syntax becomes character references', () => {
  assert.equal(inlineText('| x |', 80), '&#124; x &#124;');
  assert.equal(inlineText('<img src=x onerror=alert(1)>', 80), '&lt;img src=x onerror=alert(1)&gt;');
  assert.equal(inlineText('[link](javascript:alert(1))', 80), '&#91;link&#93;(javascript:alert(1))');
  assert.equal(
    inlineText('`code` *em* _em_ ~~s~~ $x$ a\\b &amp;', 80),
    '&#96;code&#96; &#42;em&#42; &#95;em&#95; &#126;&#126;s&#126;&#126; &#36;x&#36; a&#92;b &amp;amp;',
  );
  assert.equal(inlineText('<!-- mcp-load:x -->', 80), '&lt;!-- mcp-load:x --&gt;');
});

test('mentions and issue references are broken with a zero-width space', () => {
  assert.equal(inlineText('@octocat and @org/team', 80), '@\u200boctocat and @\u200borg/team');
  assert.equal(inlineText('# heading, fixes #12, C#', 80), '&#35; heading, fixes &#35;\u200b12, C&#35;');
});

test('bare URLs are not autolinked', () => {
  assert.equal(inlineText('see https://evil.example/x or www.evil.example', 80), 'see https&#58;//evil.example/x or www&#46;evil.example');
});

test('newlines, control characters and bidirectional overrides become spaces', () => {
  assert.equal(inlineText('a\nb\r\nc\td\u0000e\u2028f\u202eg', 80), 'a b  c d e f g');
});

test('long text is cut before escaping, without splitting a surrogate pair', () => {
  assert.equal(inlineText('abcdef', 3), 'abc…');
  assert.equal(inlineText('ab😀cd', 3), 'ab…');
  assert.equal(inlineText('<<<<', 2), '&lt;&lt;…');
  assert.equal(inlineText('x'.repeat(1_000_000), 200).length, 201);
});

test('the marker keeps only characters that cannot end the comment', () => {
  assert.equal(commentMarker('quickstart'), '<!-- mcp-load:quickstart -->');
  assert.equal(commentMarker('api (node 20) --> <b>'), '<!-- mcp-load:api-node-20-b- -->');
  assert.equal(commentMarker(''), '<!-- mcp-load:default -->');
});

test('only http(s) URLs are linked, with parentheses and spaces percent-encoded', () => {
  assert.equal(linkDestination('https://example.com/a b/(x).html'), 'https://example.com/a%20b/%28x%29.html');
  assert.equal(linkDestination('javascript:alert(1)'), undefined);
  assert.equal(linkDestination('data:text/html,<b>'), undefined);
  assert.equal(linkDestination('report.html'), undefined);
});

test('numbers: grouped counts, relative changes with arrows, changes of rates in points', () => {
  assert.equal(formatCount(12345), '12,345');
  assert.equal(formatCount(1234.567), '1,234.57');
  assert.equal(formatCount(null), '—');
  assert.equal(formatChange(100, 123), '▲ +23%');
  assert.equal(formatChange(100, 95.5), '▼ −4.5%');
  assert.equal(formatChange(100, 100), '±0%');
  assert.equal(formatChange(0, 5), '▲ from 0');
  assert.equal(formatChange(null, 5), '—');
  assert.equal(formatChange(0.01, 0.025, true), '▲ +1.50 pp');
  assert.equal(formatScenarioDuration(500), '500ms');
  assert.equal(formatScenarioDuration(1500), '1.5s');
  assert.equal(formatScenarioDuration(90_000), '1m30s');
});

describe('cells of the comment’s first screen', () => {
  it('cellText cuts a long name in the middle, both ends readable, and stays inert', () => {
    assert.equal(cellText('send_sms', 36), 'send&#95;sms');
    const cut = cellText('search_customer_orders_by_account_and_date_range_v2', 21);
    assert.equal(cut, 'search&#95;cus…e&#95;range&#95;v2');
    assert.equal(cut.replace(/&#95;/g, '_').length, 21);
    assert.equal(cellText('<b>'.repeat(20), 9), '&lt;b&gt;&lt;…&gt;&lt;b&gt;');
    // A surrogate pair is never split at the cut.
    assert.doesNotMatch(cellText(`${'😀'.repeat(10)}`, 6), /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });

  it('formatCompactCount keeps exact counts below 100,000, then k, M and G', () => {
    assert.deepEqual([987, 12_345, 99_999, 100_000, 123_456, 1_234_567, 45_600_000, 7_000_000_000].map(formatCompactCount), [
      '987',
      '12,345',
      '99,999',
      '100k',
      '123k',
      '1.2M',
      '46M',
      '7G',
    ]);
    assert.equal(formatCompactCount(null), '—');
  });
});
