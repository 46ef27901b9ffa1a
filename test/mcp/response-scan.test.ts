// The scan that confirms a plain successful reply without parsing it: it may decline any reply
// (the caller then parses it whole), but it must never call a reply a plain success that a full
// JSON.parse would read otherwise. Every case is checked against that parse.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPlainSuccess } from '../../src/mcp/response-scan.ts';

/** What the full parse concludes: a single JSON-RPC 2.0 response to `id` with a result object that is not a tool error. */
function parsedAsPlainSuccess(text: string, id: number): boolean {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    return false;
  }
  if (m === null || typeof m !== 'object' || Array.isArray(m)) return false;
  const o = m as Record<string, unknown>;
  const result = o.result as Record<string, unknown> | undefined;
  return (
    o.jsonrpc === '2.0' &&
    o.id === id &&
    !('method' in o) &&
    !('error' in o) &&
    result !== null &&
    typeof result === 'object' &&
    !Array.isArray(result) &&
    result.isError !== true
  );
}

function agrees(text: string, id: number): void {
  const scanned = isPlainSuccess(text, id);
  if (scanned) assert.equal(parsedAsPlainSuccess(text, id), true, `the scan called a plain success what the parse does not: ${text}`);
}

const ok = (result: unknown, id = 7) => JSON.stringify({ jsonrpc: '2.0', id, result });

describe('isPlainSuccess: a reply confirmed without parsing it', () => {
  it('confirms the common replies: a text result, isError false, extra members, whitespace, unicode, escaped quotes in text', () => {
    const cases = [
      ok({ content: [{ type: 'text', text: 'Echo: hi' }], isError: false }),
      ok({ content: [{ type: 'text', text: 'Echo: hi' }] }),
      ok({}),
      ok({
        content: [{ type: 'text', text: 'a "quoted" \\ back\nslash, \u0001 control, é, 日本, 😀' }],
        structuredContent: { n: -1.5e-3, list: [true, false, null] },
      }),
      ok({ content: [{ type: 'text', text: 'the text says "isError":true and {"error":1} and \\"isError\\":true' }] }),
      ok({ content: [], isError: false, _meta: { isError: true, error: { code: 1 } } }),
      `  {\n "id" : 7 ,\r\n\t"result" : { "isError" : false } , "jsonrpc" : "2.0" }  \n`,
      JSON.stringify({ result: { content: [] }, id: 7, jsonrpc: '2.0', extra: { method: 'x', error: 1 } }),
    ];
    for (const text of cases) {
      assert.equal(parsedAsPlainSuccess(text, 7), true, text);
      assert.equal(isPlainSuccess(text, 7), true, text);
    }
  });

  it('declines every reply that is anything else: errors, tool errors, other ids, requests, batches, broken JSON', () => {
    const cases = [
      ok({ content: [], isError: true }),
      ok({ isError: 'true' }), // the parse would call it a success; declining only costs the parse
      JSON.stringify({ jsonrpc: '2.0', id: 7, error: { code: -32602, message: 'bad' } }),
      JSON.stringify({ jsonrpc: '2.0', id: 7, result: {}, error: { code: 1, message: 'both' } }),
      JSON.stringify({ jsonrpc: '2.0', id: 7, error: null, result: {} }),
      ok({}, 8),
      JSON.stringify({ jsonrpc: '2.0', id: '7', result: {} }),
      '{"jsonrpc":"2.0","id":7.0,"result":{}}',
      '{"jsonrpc":"2.0","id":7e0,"result":{}}',
      '{"jsonrpc":"2.0","id":70,"result":{}}',
      '{"jsonrpc":"2.0","id":-7,"result":{}}',
      JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'sampling/createMessage', params: {} }),
      JSON.stringify({ jsonrpc: '2.0', method: 'notifications/progress', params: { progress: 1 } }),
      JSON.stringify([{ jsonrpc: '2.0', id: 7, result: {} }]),
      JSON.stringify({ jsonrpc: '1.0', id: 7, result: {} }),
      JSON.stringify({ id: 7, result: {} }),
      JSON.stringify({ jsonrpc: '2.0', id: 7 }),
      JSON.stringify({ jsonrpc: '2.0', id: 7, result: null }),
      JSON.stringify({ jsonrpc: '2.0', id: 7, result: [] }),
      JSON.stringify({ jsonrpc: '2.0', id: 7, result: 'text' }),
      '{"jsonrpc":"2.0","id":7,"result":{"isError":false,"isError":true}}',
      '{"jsonrpc":"2.0","id":7,"result":{},"result":{"isError":true}}',
      '{"jsonrpc":"2.0","id":7,"id":8,"result":{}}',
      '{"jsonrpc":"2.0","id":8,"id":7,"result":{}}',
      '{"jsonrpc":"2.0","id":7,"result":{"\\u0069sError":true}}',
      '{"jsonrpc":"2.0","id":7,"result":{},"\\u0065rror":{"code":1,"message":"x"}}',
      '{"jsonrpc":"2.0","\\u0069d":8,"id":7,"result":{}}',
      '{"jsonrpc":"2\\u002e0","id":7,"result":{}}',
      '{"jsonrpc":"2.0","id":7,"result":{}',
      '{"jsonrpc":"2.0","id":7,"result":{}} x',
      '{"jsonrpc":"2.0","id":7,"result":{},}',
      '{"jsonrpc":"2.0","id":7,"result":{"a":01}}',
      '{"jsonrpc":"2.0","id":7,"result":{"a":1.}}',
      '{"jsonrpc":"2.0","id":7,"result":{"a":"tab\there"}}',
      '{"jsonrpc":"2.0","id":7,"result":{"a":"\\x41"}}',
      '{"jsonrpc":"2.0","id":7,"result":{"a":"\\u12G4"}}',
      '{"jsonrpc":"2.0","id":7,"result":{"a":truex}}',
      '{"jsonrpc":"2.0","id":7,"result":{"a":[1,]}}',
      '\u00a0{"jsonrpc":"2.0","id":7,"result":{}}',
      '\ufeff{"jsonrpc":"2.0","id":7,"result":{}}',
      "{'jsonrpc':'2.0','id':7,'result':{}}",
      '',
      'null',
      '{}',
    ];
    for (const text of cases) {
      assert.equal(isPlainSuccess(text, 7), false, text);
      agrees(text, 7);
    }
  });

  it('deep nesting is declined past its bound, never misread', () => {
    const deep = `{"jsonrpc":"2.0","id":7,"result":{"a":${'['.repeat(2000)}${']'.repeat(2000)}}}`;
    assert.equal(isPlainSuccess(deep, 7), false);
    const fine = `{"jsonrpc":"2.0","id":7,"result":{"a":${'['.repeat(100)}${']'.repeat(100)}}}`;
    assert.equal(isPlainSuccess(fine, 7), true);
  });

  it('a reply that is the last confirmed one with another id is confirmed as such, and nothing else is', () => {
    const echo = (id: string) => `{"jsonrpc":"2.0","id":${id},"result":{"content":[{"type":"text","text":"Echo: hi"}],"isError":false}}`;
    assert.equal(isPlainSuccess(echo('7'), 7), true); // scanned, then remembered
    assert.equal(isPlainSuccess(echo('8'), 8), true);
    assert.equal(isPlainSuccess(echo('123456'), 123456), true);
    // Another id than the one asked for, or the id written otherwise, or no id at all.
    for (const [written, asked] of [
      ['9', 8],
      ['08', 8],
      ['8.0', 8],
      ['-8', -8],
      ['8e0', 8],
      ['', 8],
      ['"8"', 8],
      ['1 2', 12],
    ] as const) {
      assert.equal(isPlainSuccess(echo(written), asked), false, written);
    }
    assert.equal(isPlainSuccess(echo('8 '), 8), true); // the same number with a space after it: scanned, and a success
    // The same frame with anything else changed is scanned: the tool error is not a success.
    const toolError = echo('8').replace('"isError":false', '"isError":true ');
    assert.equal(toolError.length, echo('8').length);
    assert.equal(isPlainSuccess(toolError, 8), false);
    assert.equal(isPlainSuccess(`${echo('8')} x`, 8), false);
    assert.equal(isPlainSuccess(echo('8').slice(0, -1), 8), false);
  });

  it('never disagrees with JSON.parse on 20,000 corrupted replies of changing ids, each after a confirmed one', () => {
    let seed = 777;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x80000000;
    };
    const alphabet = ['"', '0', '1', '7', '9', '-', '.', 'e', ' ', ',', '}', ':'];
    let confirmed = 0;
    for (let n = 0; n < 20_000; n++) {
      const id = 1 + Math.floor(random() * 100_000);
      const base = ok({ content: [{ type: 'text', text: 'Echo: hi' }], isError: false }, id);
      assert.equal(isPlainSuccess(base, id), true);
      // Edits around the id, where the remembered frame is cut.
      const at = base.indexOf('"id":') + 5 + Math.floor(random() * 8) - 2;
      const char = alphabet[Math.floor(random() * alphabet.length)];
      const kind = random();
      const text =
        kind < 0.33
          ? base.slice(0, at) + base.slice(at + 1)
          : kind < 0.66
            ? base.slice(0, at) + char + base.slice(at)
            : base.slice(0, at) + char + base.slice(at + 1);
      const asked = random() < 0.5 ? id : Number(/"id":(-?\d+)/.exec(text)?.[1] ?? id);
      agrees(text, asked);
      if (isPlainSuccess(text, asked)) confirmed++;
    }
    assert.ok(confirmed > 1000, `only ${confirmed} edited replies still plain successes: the fuzz tested little`);
  });

  it('never disagrees with JSON.parse on 20,000 corrupted replies (cut, inserted, replaced characters)', () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x80000000;
    };
    const bases = [
      ok({ content: [{ type: 'text', text: 'Echo: "hi" \\ é' }], isError: false }),
      ok({ content: [{ type: 'text', text: 'x' }], structuredContent: { a: [1, -2.5e3, true, null, { b: 'c' }] } }),
      JSON.stringify({ jsonrpc: '2.0', id: 7, result: { isError: true } }),
      JSON.stringify({ jsonrpc: '2.0', id: 7, error: { code: 1, message: 'm' } }),
    ];
    const alphabet = ['"', '\\', '{', '}', '[', ']', ':', ',', ' ', '0', '1', '7', '-', '.', 'e', 't', 'u', 'n', 'x', '\n', '\u0001', 'é'];
    let confirmed = 0;
    for (let n = 0; n < 20_000; n++) {
      let text = bases[n % bases.length];
      for (let edits = 1 + Math.floor(random() * 2); edits > 0; edits--) {
        const at = Math.floor(random() * text.length);
        const char = alphabet[Math.floor(random() * alphabet.length)];
        const kind = random();
        text =
          kind < 0.33
            ? text.slice(0, at) + text.slice(at + 1)
            : kind < 0.66
              ? text.slice(0, at) + char + text.slice(at)
              : text.slice(0, at) + char + text.slice(at + 1);
      }
      agrees(text, 7);
      if (isPlainSuccess(text, 7)) confirmed++;
    }
    assert.ok(confirmed > 100, `only ${confirmed} corrupted replies still plain successes: the fuzz tested little`);
  });
});
