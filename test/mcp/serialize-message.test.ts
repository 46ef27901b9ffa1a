import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serializeMessage } from '../../src/mcp/json-rpc.ts';
import { compileArgs } from '../../src/scenario/templates.ts';
import type { JsonRpcMessage } from '../../src/mcp/types.ts';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const toolCall = (id: number, args: unknown, extra: Record<string, unknown> = {}): JsonRpcMessage => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name: 'send_"sms"\u2028', arguments: args, ...extra },
});

describe('serializeMessage', () => {
  it('writes exactly what JSON.stringify writes, with frozen, unfrozen and half-frozen arguments', () => {
    const nested = { to: '+1 555', body: 'hé "quoted" \n', n: 3, list: [1, { deep: true }], none: null, skip: undefined };
    const cases: JsonRpcMessage[] = [
      toolCall(1, deepFreeze(structuredClone(nested))),
      toolCall(2, structuredClone(nested)),
      toolCall(3, Object.freeze({ inner: { mutable: 1 } })),
      toolCall(4, deepFreeze({})),
      toolCall(5, deepFreeze({ a: 1 }), { _meta: { progressToken: 5 } }),
      { jsonrpc: '2.0', id: 'str', method: 'tools/call', params: { name: 'x', arguments: deepFreeze({ a: 1 }) } },
      { jsonrpc: '2.0', id: 6, method: 'tools/list' },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 7, result: {} },
    ];
    for (const message of cases) {
      assert.equal(serializeMessage(message), JSON.stringify(message));
      assert.equal(serializeMessage(message), JSON.stringify(message), 'and again, from the cache');
    }
  });

  it('scenario constants are deeply frozen, so their JSON is reused; a mutated unfrozen object is serialized afresh', () => {
    const constant = compileArgs({ message: 'hi', opts: { loud: true } })({ vu: 1, iter: 0, scenario: 's', rng: Math.random });
    assert.equal(serializeMessage(toolCall(1, constant)), JSON.stringify(toolCall(1, constant)));

    const half = Object.freeze({ inner: { count: 1 } });
    serializeMessage(toolCall(2, half));
    half.inner.count = 2;
    assert.match(serializeMessage(toolCall(3, half)), /"count":2/);

    const open = { count: 1 };
    serializeMessage(toolCall(4, open));
    open.count = 5;
    assert.match(serializeMessage(toolCall(5, open)), /"count":5/);
  });
});
