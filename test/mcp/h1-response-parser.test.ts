import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { H1ParseError, H1ResponseParser, MAX_HEAD_BYTES, type H1Headers, type H1ResponseSink } from '../../src/mcp/h1-response-parser.ts';

/** Everything the parser reported, in order. */
class RecordingSink implements H1ResponseSink {
  readonly heads: Array<{ status: number; headers: string[] }> = [];
  readonly chunks: Buffer[] = [];
  ends = 0;

  onHead(status: number, headers: H1Headers): void {
    assert.equal(this.heads.length, this.ends, 'a head before the previous response ended');
    assert.equal(Object.getPrototypeOf(headers), null, 'a header named __proto__ must not reach a prototype');
    // Flattened back to [name, value…] (a repeated header's values side by side) for readable expectations.
    this.heads.push({
      status,
      headers: Object.entries(headers).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).flatMap((v) => [name, v])),
    });
  }

  onBody(chunk: Buffer): void {
    assert.equal(this.heads.length, this.ends + 1, 'body outside a response');
    assert.ok(chunk.length > 0, 'an empty body chunk');
    this.chunks.push(Buffer.from(chunk)); // the parser hands out views of its input
  }

  onEnd(): void {
    this.ends++;
  }

  get body(): string {
    return Buffer.concat(this.chunks).toString('latin1');
  }
}

function newParser(noBody = false): { parser: H1ResponseParser; sink: RecordingSink } {
  const sink = new RecordingSink();
  const parser = new H1ResponseParser(sink);
  parser.reset(noBody);
  return { parser, sink };
}

/** Feeds the pieces one by one; every piece of a single response must be consumed whole. */
function feed(pieces: Buffer[], noBody = false): { parser: H1ResponseParser; sink: RecordingSink } {
  const { parser, sink } = newParser(noBody);
  for (const piece of pieces) assert.equal(parser.execute(piece), piece.length);
  return { parser, sink };
}

/** The response as one piece, as two pieces split at every offset, and byte by byte. */
function splittings(text: string): Array<{ label: string; pieces: Buffer[] }> {
  const bytes = Buffer.from(text, 'latin1');
  const all = [{ label: 'whole', pieces: [bytes] }];
  for (let i = 1; i < bytes.length; i++) all.push({ label: `split at ${i}`, pieces: [bytes.subarray(0, i), bytes.subarray(i)] });
  all.push({ label: 'byte by byte', pieces: [...bytes].map((b) => Buffer.from([b])) });
  return all;
}

function assertParseError(fn: () => unknown, message: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof H1ParseError, `not an H1ParseError: ${String(err)}`);
    assert.equal(err.code, 'HPE_INVALID');
    assert.match(err.message, message);
    return true;
  });
}

/** Parses one complete head (and whatever follows it) in one piece. */
function parseWhole(text: string, noBody = false): { parser: H1ResponseParser; sink: RecordingSink; consumed: number } {
  const { parser, sink } = newParser(noBody);
  const consumed = parser.execute(Buffer.from(text, 'latin1'));
  return { parser, sink, consumed };
}

describe('H1ResponseParser: framing', () => {
  const contentLength =
    'HTTP/1.1 200 OK\r\nContent-Type:  application/json \r\nContent-Length: 11\r\nX-Empty:\r\nMCP-Session-Id:\tabc-123\t\r\n\r\n{"ok":true}';

  it('a Content-Length response, whole, split at every offset and byte by byte: same head, body and one end', () => {
    for (const { label, pieces } of splittings(contentLength)) {
      const { parser, sink } = feed(pieces);
      assert.deepEqual(
        sink.heads,
        [{ status: 200, headers: ['content-type', 'application/json', 'content-length', '11', 'x-empty', '', 'mcp-session-id', 'abc-123'] }],
        label,
      );
      assert.equal(sink.body, '{"ok":true}', label);
      assert.equal(sink.ends, 1, label);
      assert.equal(parser.done, true, label);
      assert.equal(parser.keepAlive, true, label);
    }
  });

  it('a whole Content-Length body arrives as one chunk', () => {
    const { sink } = parseWhole(contentLength);
    assert.equal(sink.chunks.length, 1);
  });

  it('is not done until the last body byte', () => {
    const bytes = Buffer.from(contentLength, 'latin1');
    const { parser, sink } = newParser();
    assert.equal(parser.execute(bytes.subarray(0, bytes.length - 1)), bytes.length - 1);
    assert.equal(parser.done, false);
    assert.equal(parser.endsAtClose, false);
    assert.equal(sink.ends, 0);
    assert.equal(parser.execute(bytes.subarray(bytes.length - 1)), 1);
    assert.equal(parser.done, true);
    assert.equal(sink.ends, 1);
  });

  it('chunked transfer coding with a chunk extension and trailers, split at every offset', () => {
    const chunked =
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/event-stream\r\n\r\n' +
      '5;foo=bar\r\nhello\r\n' +
      'C\r\n, wide world\r\n' +
      '1a ; name="quoted; value"\r\n' +
      'abcdefghijklmnopqrstuvwxyz\r\n' +
      '0\r\nX-Trailer: yes\r\nX-Other: 2\r\n\r\n';
    for (const { label, pieces } of splittings(chunked)) {
      const { parser, sink } = feed(pieces);
      assert.deepEqual(sink.heads, [{ status: 200, headers: ['transfer-encoding', 'chunked', 'content-type', 'text/event-stream'] }], label);
      assert.equal(sink.body, 'hello, wide worldabcdefghijklmnopqrstuvwxyz', label);
      assert.equal(sink.ends, 1, label);
      assert.equal(parser.done, true, label);
      assert.equal(parser.keepAlive, true, label);
    }
  });

  it('a response with both Transfer-Encoding and Content-Length is read chunked and its connection not reused', () => {
    const text = 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n';
    const { parser, sink, consumed } = parseWhole(text);
    assert.equal(consumed, Buffer.byteLength(text));
    assert.equal(sink.body, 'hello');
    assert.equal(sink.ends, 1);
    assert.equal(parser.keepAlive, false);
  });

  it('chunked without trailers ends at the empty line after the last chunk', () => {
    const text = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n';
    const { parser, sink, consumed } = parseWhole(text);
    assert.equal(consumed, text.length);
    assert.equal(sink.body, 'abc');
    assert.equal(sink.ends, 1);
    assert.equal(parser.done, true);
  });

  it('a body without a length runs until close: close() completes it, and the connection is not kept', () => {
    const text = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nfirst ';
    const { parser, sink, consumed } = parseWhole(text);
    assert.equal(consumed, text.length);
    assert.equal(parser.execute(Buffer.from('second')), 6);
    assert.equal(parser.done, false);
    assert.equal(parser.endsAtClose, true);
    assert.equal(parser.keepAlive, false);
    assert.equal(sink.ends, 0);
    parser.close();
    assert.equal(parser.done, true);
    assert.equal(sink.body, 'first second');
    assert.equal(sink.ends, 1);
  });

  it('a transfer coding other than chunked last also runs until close', () => {
    const { parser } = parseWhole('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\nxyz');
    assert.equal(parser.endsAtClose, true);
    assert.equal(parser.keepAlive, false);
  });

  it('a 100 Continue head is skipped: only the 200 reaches onHead', () => {
    const text = 'HTTP/1.1 100 Continue\r\nX-Info: 1\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
    for (const { label, pieces } of splittings(text)) {
      const { parser, sink } = feed(pieces);
      assert.deepEqual(sink.heads, [{ status: 200, headers: ['content-length', '2'] }], label);
      assert.equal(sink.body, 'ok', label);
      assert.equal(sink.ends, 1, label);
      assert.equal(parser.done, true, label);
    }
  });

  it('after the 100 Continue head alone the parser is still waiting for the real head', () => {
    const text = 'HTTP/1.1 100 Continue\r\n\r\n';
    const { parser, sink, consumed } = parseWhole(text);
    assert.equal(consumed, text.length);
    assert.equal(parser.done, false);
    assert.deepEqual(sink.heads, []);
  });

  it('204 and 304 have no body, whatever their headers say', () => {
    for (const head of [
      'HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n',
      'HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n',
      'HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n',
    ]) {
      const { parser, sink, consumed } = parseWhole(head + 'NEXT');
      assert.equal(consumed, head.length, head);
      assert.equal(parser.done, true, head);
      assert.equal(sink.ends, 1, head);
      assert.deepEqual(sink.chunks, [], head);
      assert.equal(parser.keepAlive, true, head);
    }
  });

  it('reset(true), for a HEAD request: no body even with a Content-Length', () => {
    const head = 'HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n';
    const { parser, sink, consumed } = parseWhole(head, true);
    assert.equal(consumed, head.length);
    assert.equal(parser.done, true);
    assert.equal(sink.ends, 1);
    assert.deepEqual(sink.heads, [{ status: 200, headers: ['content-length', '1234'] }]);
    assert.deepEqual(sink.chunks, []);
  });

  it('Content-Length: 0 ends with the head', () => {
    const text = 'HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n';
    const { parser, sink, consumed } = parseWhole(text);
    assert.equal(consumed, text.length);
    assert.equal(parser.done, true);
    assert.equal(sink.ends, 1);
    assert.equal(sink.heads[0].status, 202);
  });

  it('execute returns fewer bytes than given when more follow a complete response; the parser then reads the next', () => {
    const first = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst';
    const second = 'HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nsecond\r\n0\r\n\r\n';
    const both = Buffer.from(first + second, 'latin1');
    const { parser, sink } = newParser();
    const consumed = parser.execute(both);
    assert.equal(consumed, first.length);
    assert.equal(parser.done, true);
    assert.equal(parser.execute(both.subarray(consumed)), 0, 'a done parser consumes nothing');
    assert.equal(sink.body, 'first');

    const next = new RecordingSink();
    const reused = new H1ResponseParser(next);
    reused.reset();
    assert.equal(reused.execute(both.subarray(consumed)), second.length);
    assert.equal(next.heads[0].status, 201);
    assert.equal(next.body, 'second');
    assert.equal(next.ends, 1);
  });

  it('one parser serves a sequence of responses through reset()', () => {
    const { parser, sink } = newParser();
    parser.execute(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 1\r\nConnection: close\r\nKeep-Alive: timeout=3\r\n\r\na'));
    assert.equal(parser.keepAlive, false);
    assert.equal(parser.keepAliveTimeoutS, 3);
    parser.reset();
    assert.equal(parser.done, false);
    assert.equal(parser.keepAlive, true);
    assert.equal(parser.keepAliveTimeoutS, -1);
    parser.execute(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb'));
    assert.equal(sink.body, 'ab');
    assert.equal(sink.ends, 2);
    assert.equal(parser.keepAlive, true);
  });
});

describe('H1ResponseParser: keep-alive', () => {
  const cases: Array<[string, string, boolean]> = [
    ['HTTP/1.1 by default', 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n', true],
    ['HTTP/1.1 with Connection: close', 'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n', false],
    ['HTTP/1.1 with Connection: Keep-Alive, Close', 'HTTP/1.1 200 OK\r\nConnection: Keep-Alive, Close\r\nContent-Length: 0\r\n\r\n', false],
    ['HTTP/1.1 with close in a second Connection header', 'HTTP/1.1 200 OK\r\nConnection: upgrade\r\nCONNECTION: CLOSE\r\nContent-Length: 0\r\n\r\n', false],
    ['HTTP/1.1 with Connection: closed (another token)', 'HTTP/1.1 200 OK\r\nConnection: closed\r\nContent-Length: 0\r\n\r\n', true],
    ['HTTP/1.0 without keep-alive', 'HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n', false],
    ['HTTP/1.0 with Connection: keep-alive', 'HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n', true],
  ];
  for (const [label, text, keepAlive] of cases) {
    it(`${label}: keepAlive ${keepAlive}`, () => {
      const { parser } = parseWhole(text);
      assert.equal(parser.done, true);
      assert.equal(parser.keepAlive, keepAlive);
    });
  }

  it('Keep-Alive: timeout=5, max=100 gives keepAliveTimeoutS 5', () => {
    const { parser } = parseWhole('HTTP/1.1 200 OK\r\nKeep-Alive: timeout=5, max=100\r\nContent-Length: 0\r\n\r\n');
    assert.equal(parser.keepAliveTimeoutS, 5);
    assert.equal(parser.keepAlive, true);
  });

  it('Keep-Alive: max=100, timeout=0 gives keepAliveTimeoutS 0, a hint (close now) rather than none', () => {
    const { parser } = parseWhole('HTTP/1.1 200 OK\r\nKeep-Alive: max=100, timeout=0\r\nContent-Length: 0\r\n\r\n');
    assert.equal(parser.keepAliveTimeoutS, 0);
  });

  it('without a Keep-Alive header keepAliveTimeoutS is -1 (no hint)', () => {
    assert.equal(parseWhole('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n').parser.keepAliveTimeoutS, -1);
    assert.equal(parseWhole('HTTP/1.1 200 OK\r\nKeep-Alive: max=100\r\nContent-Length: 0\r\n\r\n').parser.keepAliveTimeoutS, -1);
  });

  it("a 1xx head's Keep-Alive hint does not carry over to the final response", () => {
    const { parser } = parseWhole('HTTP/1.1 100 Continue\r\nKeep-Alive: timeout=9\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
    assert.equal(parser.done, true);
    assert.equal(parser.keepAliveTimeoutS, -1);
  });
});

describe('H1ResponseParser: malformed responses throw H1ParseError (HPE_INVALID)', () => {
  const badStatusLines = [
    'HTTP/2 200 OK',
    'HTTP/1.1  200 OK',
    'HTTP/1.1 20 OK',
    'HTTP/1.1 2000 OK',
    'HTTP/1.1 abc OK',
    'HTTP/1.1 2e2 OK',
    'HTTP/1.1 099 Low',
    'garbage',
    'ICY 200 OK',
  ];
  for (const line of badStatusLines) {
    it(`bad status line ${JSON.stringify(line)}`, () => {
      const { parser } = newParser();
      assertParseError(() => parser.execute(Buffer.from(`${line}\r\nContent-Length: 0\r\n\r\n`)), /bad status line/);
    });
  }

  it('a status line without a reason phrase is fine', () => {
    const { parser, sink } = parseWhole('HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n');
    assert.equal(parser.done, true);
    assert.equal(sink.heads[0].status, 200);
  });

  it('101 Switching Protocols is refused', () => {
    const { parser } = newParser();
    assertParseError(() => parser.execute(Buffer.from('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n')), /protocol switch/);
  });

  for (const value of ['abc', '-1', '1.5', '5, 5', '0x10', '', '99999999999999999999']) {
    it(`non-numeric Content-Length ${JSON.stringify(value)}`, () => {
      const { parser } = newParser();
      assertParseError(() => parser.execute(Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${value}\r\n\r\n`)), /bad content-length/);
    });
  }

  it('conflicting Content-Length headers (the same one twice is fine)', () => {
    const { parser } = newParser();
    assertParseError(() => parser.execute(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!')), /bad content-length "6"/);
    const same = parseWhole('HTTP/1.1 200 OK\r\nContent-Length: 5\r\ncontent-length: 5\r\n\r\nhello');
    assert.equal(same.sink.body, 'hello');
    assert.equal(same.parser.done, true);
  });

  it('a head larger than MAX_HEAD_BYTES without a terminator, in one piece or many', () => {
    const big = Buffer.from(`HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(MAX_HEAD_BYTES)}`);
    assertParseError(() => newParser().parser.execute(big), /headers exceed 65536 bytes/);

    const { parser } = newParser();
    let fed = 0;
    assertParseError(() => {
      for (; fed < big.length; fed += 1000) parser.execute(big.subarray(fed, fed + 1000));
    }, /headers exceed/);
    assert.ok(fed >= MAX_HEAD_BYTES - 1000 && fed <= MAX_HEAD_BYTES, `threw after ${fed} bytes`);
  });

  it('a head just under MAX_HEAD_BYTES is accepted', () => {
    const prefix = 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Big: ';
    const { parser, sink } = parseWhole(`${prefix}${'a'.repeat(MAX_HEAD_BYTES - prefix.length)}\r\n\r\n`);
    assert.equal(parser.done, true);
    assert.equal(sink.heads[0].headers[3].length, MAX_HEAD_BYTES - prefix.length);
  });

  for (const line of ['zz', '', '-1', '1 2', '0x5', '1234567890abc']) {
    it(`bad chunk size ${JSON.stringify(line)}`, () => {
      const { parser } = newParser();
      assertParseError(
        () => parser.execute(Buffer.from(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${line}\r\nhello\r\n0\r\n\r\n`)),
        /bad chunk size/,
      );
    });
  }

  it('chunk data longer than its size', () => {
    const { parser } = newParser();
    assertParseError(
      () => parser.execute(Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n')),
      /chunk data longer than its size/,
    );
  });

  it('a chunk-size line longer than 4096 bytes', () => {
    const { parser } = newParser();
    assertParseError(() => parser.execute(Buffer.from(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;${'x'.repeat(5000)}`)), /line too long/);
  });

  for (const [label, fold] of [
    ['spaces', '  more text'],
    ['a tab', '\tmore text'],
    ['a colon in the folded text', ' continued: value'],
  ]) {
    it(`an obs-fold header line (${label})`, () => {
      const { parser } = newParser();
      assertParseError(
        () => parser.execute(Buffer.from(`HTTP/1.1 200 OK\r\nX-Folded: first\r\n${fold}\r\nContent-Length: 0\r\n\r\n`)),
        /obsolete line folding/,
      );
    });
  }

  for (const [label, line] of [
    ['no colon', 'Just-A-Name'],
    ['an empty name', ': value'],
    ['a space before the colon', 'Content-Length : 5'],
    ['a space inside the name', 'X Bad: 1'],
  ]) {
    it(`a bad header line: ${label}`, () => {
      const { parser } = newParser();
      assertParseError(() => parser.execute(Buffer.from(`HTTP/1.1 200 OK\r\n${line}\r\nContent-Length: 0\r\n\r\n`)), /bad header/);
    });
  }

  for (const [label, value, message] of [
    ['a bare CR', 'a\rb', /stray CR or LF/],
    ['a bare CR at its end', 'ab\r', /stray CR or LF/],
    ['a bare LF', 'a\nb', /stray CR or LF/],
    ['a NUL', 'a\0b', /NUL/],
  ] as const) {
    it(`a header value with ${label} inside`, () => {
      const { parser } = newParser();
      assertParseError(() => parser.execute(Buffer.from(`HTTP/1.1 200 OK\r\nX-Bad: ${value}\r\nContent-Length: 0\r\n\r\n`)), message);
    });
  }

  it('a status line with a bare CR in its reason', () => {
    const { parser } = newParser();
    assertParseError(() => parser.execute(Buffer.from('HTTP/1.1 200 O\rK\r\nContent-Length: 0\r\n\r\n')), /stray CR or LF/);
  });

  it('close() in the middle of a Content-Length body', () => {
    const { parser, sink } = parseWhole('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf');
    assertParseError(() => parser.close(), /closed before the response was complete/);
    assert.equal(sink.ends, 0);
  });

  it('close() in the middle of the head or of a chunked body', () => {
    assertParseError(() => parseWhole('HTTP/1.1 200 OK\r\nContent-Le').parser.close(), /closed before/);
    assertParseError(() => parseWhole('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel').parser.close(), /closed before/);
    assertParseError(() => newParser().parser.close(), /closed before/);
  });

  it('close() after a complete response is fine', () => {
    const { parser, sink } = parseWhole('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    parser.close();
    assert.equal(sink.ends, 1);
  });
});

describe('H1ResponseParser: a repeated head', () => {
  const head = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nKeep-Alive: timeout=7\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\n';

  it('a head repeated byte for byte is reported with the same values, status and framing as the first time', () => {
    const { parser, sink } = newParser();
    parser.execute(Buffer.from(`${head}{}`, 'latin1'));
    parser.reset();
    parser.execute(Buffer.from(`${head}[]`, 'latin1'));
    assert.equal(sink.ends, 2);
    assert.equal(sink.body, '{}[]');
    assert.deepEqual(sink.heads[1], sink.heads[0]);
    assert.deepEqual(sink.heads[1].headers, [
      'content-type',
      'application/json',
      'content-length',
      '2',
      'keep-alive',
      'timeout=7',
      'set-cookie',
      'a=1',
      'set-cookie',
      'b=2',
    ]);
    assert.equal(parser.keepAliveTimeoutS, 7);
  });

  it('a head that differs in one byte is parsed anew: its own length frames its body', () => {
    const { parser, sink } = newParser();
    parser.execute(Buffer.from(`${head}{}`, 'latin1'));
    parser.reset();
    const longer = head.replace('Content-Length: 2', 'Content-Length: 3').replace('timeout=7', 'timeout=8');
    assert.equal(parser.execute(Buffer.from(`${longer}[1]`, 'latin1')), longer.length + 3);
    assert.equal(sink.body, '{}[1]');
    assert.equal(parser.keepAliveTimeoutS, 8);
    assert.equal(parser.done, true);
  });

  it('a repeated head follows the request it answers: no body after a HEAD request, and the hint of a new Connection: close', () => {
    const { parser, sink } = newParser();
    parser.execute(Buffer.from(`${head}{}`, 'latin1'));
    parser.reset(true);
    assert.equal(parser.execute(Buffer.from(head, 'latin1')), head.length);
    assert.equal(parser.done, true);
    assert.equal(sink.ends, 2);
    parser.reset();
    const closing = head.replace('Keep-Alive: timeout=7', 'Connection: close');
    parser.execute(Buffer.from(`${closing}{}`, 'latin1'));
    assert.equal(parser.keepAlive, false);
    assert.equal(parser.keepAliveTimeoutS, -1);
  });

  it('the headers object and its arrays are frozen: a sink that kept the first cannot change what the next reply reports', () => {
    let seen: H1Headers | undefined;
    const keeping = new H1ResponseParser({ onHead: (_s, h) => (seen = h), onBody() {}, onEnd() {} });
    keeping.reset();
    keeping.execute(Buffer.from(`${head}{}`, 'latin1'));
    assert.ok(Object.isFrozen(seen) && Object.isFrozen(seen!['set-cookie']));
    assert.throws(() => {
      (seen as Record<string, unknown>)['content-type'] = 'text/html';
    }, TypeError);
  });
});
