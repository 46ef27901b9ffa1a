// The head parser names the usual headers (Content-Type, Mcp-Session-Id…) from a table instead of
// lowercasing a copy of each: every name must still come out as its lowercase spelling, whatever
// its case, and a name that only resembles a known one must keep its own spelling.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { H1ResponseParser, type H1Headers } from '../../src/mcp/h1-response-parser.ts';

function headersOf(lines: string[]): H1Headers {
  let seen: H1Headers | undefined;
  const parser = new H1ResponseParser({ onHead: (_status, headers) => (seen = headers), onBody: () => undefined, onEnd: () => undefined });
  parser.reset();
  parser.execute(Buffer.from(`HTTP/1.1 200 OK\r\n${lines.join('\r\n')}\r\ncontent-length: 0\r\n\r\n`, 'latin1'));
  assert.ok(seen !== undefined && parser.done);
  return seen;
}

describe('header names', () => {
  it('known names in any case come out lowercase, with their values untouched', () => {
    const headers = headersOf([
      'CONTENT-TYPE: Application/JSON',
      'Mcp-Session-Id: AbC',
      'sErVeR: x',
      'Date: Tue, 01 Dec 2026 17:02:45 GMT',
      'Cache-Control: no-cache',
      'Set-Cookie: a=1',
      'SET-COOKIE: b=2',
      'Keep-Alive: timeout=5',
      'Connection: keep-alive',
    ]);
    assert.deepEqual(Object.entries(headers), [
      ['content-type', 'Application/JSON'],
      ['mcp-session-id', 'AbC'],
      ['server', 'x'],
      ['date', 'Tue, 01 Dec 2026 17:02:45 GMT'],
      ['cache-control', 'no-cache'],
      ['set-cookie', ['a=1', 'b=2']],
      ['keep-alive', 'timeout=5'],
      ['connection', 'keep-alive'],
      ['content-length', '0'],
    ]);
  });

  it('a name of a known length that is not the known name keeps its own (lowercased) spelling', () => {
    const headers = headersOf(['Content_Type: a', 'Content-Typf: b', 'Mcp-Session-Ie: c', 'X-Instance-Id: d', 'Dat3: e', 'SERVE^: f']);
    assert.deepEqual(Object.keys(headers), ['content_type', 'content-typf', 'mcp-session-ie', 'x-instance-id', 'dat3', 'serve^', 'content-length']);
    assert.equal(headers['content-type'], undefined);
  });
});
