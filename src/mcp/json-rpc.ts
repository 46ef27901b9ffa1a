import { TransportError } from './errors.ts';
import type { JsonRpcMessage, JsonRpcRequest, JsonRpcResponse } from './types.ts';

const SNIPPET = 120;

/** A short, single-line, bounded excerpt of an untrusted body for error messages. */
export function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > SNIPPET ? `${flat.slice(0, SNIPPET)}…` : flat;
}

/** Parses a body or SSE `data` into JSON-RPC messages (a batch array yields several). */
export function parseMessages(text: string, where: string): JsonRpcMessage[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new TransportError('bad_response', `${where}: expected JSON-RPC, got "${snippet(text)}"`);
  }
  const list = Array.isArray(value) ? value : [value];
  for (const item of list) {
    if (item === null || typeof item !== 'object' || (item as { jsonrpc?: unknown }).jsonrpc !== '2.0') {
      throw new TransportError('bad_response', `${where}: not a JSON-RPC 2.0 message: "${snippet(text)}"`);
    }
  }
  return list as JsonRpcMessage[];
}

export function isResponse(m: JsonRpcMessage): m is JsonRpcResponse {
  return 'id' in m && !('method' in m);
}

export function isRequest(m: JsonRpcMessage): m is JsonRpcRequest {
  return 'id' in m && 'method' in m;
}

/** The text after the id of a tools/call whose arguments are deeply frozen, per arguments object and tool name. */
const frozenCallSuffix = new WeakMap<object, { name: string; suffix: string } | null>();

/**
 * The wire form of a message. A `tools/call` whose arguments are deeply frozen, as a scenario's
 * constant arguments are, reuses their JSON instead of serializing them on every call.
 */
export function serializeMessage(message: JsonRpcMessage): string {
  const request = message as JsonRpcRequest;
  const params = request.params;
  if (
    request.method === 'tools/call' &&
    params !== undefined &&
    typeof request.id === 'number' &&
    typeof params.name === 'string' &&
    onlyNameAndArguments(params)
  ) {
    const body = toolCallBody(request.id, params.name, params.arguments);
    if (body !== undefined) return body;
  }
  return JSON.stringify(message);
}

/**
 * The JSON-RPC text of `tools/call` `name` with `args` and `id`, exactly as JSON.stringify writes
 * it, when `args` is deeply frozen (a scenario's constant arguments): only the id changes from one
 * call to the next, so the rest is serialized once. Undefined for other arguments.
 */
function toolCallBody(id: number, name: string, args: unknown): string | undefined {
  // Templated arguments are a new, unfrozen object per call: no cache entry is made for them.
  if (args === null || typeof args !== 'object' || !Object.isFrozen(args)) return undefined;
  let cached = frozenCallSuffix.get(args);
  if (cached === undefined || (cached !== null && cached.name !== name)) {
    cached = isDeepFrozen(args)
      ? { name, suffix: `,"method":"tools/call","params":{"name":${JSON.stringify(name)},"arguments":${JSON.stringify(args)}}}` }
      : null;
    frozenCallSuffix.set(args, cached);
  }
  return cached === null ? undefined : `{"jsonrpc":"2.0","id":${id}${cached.suffix}`;
}

function onlyNameAndArguments(params: Record<string, unknown>): boolean {
  for (const key in params) if (key !== 'name' && key !== 'arguments') return false;
  return true;
}

function isDeepFrozen(value: object): boolean {
  if (!Object.isFrozen(value)) return false;
  for (const child of Object.values(value)) {
    if (child !== null && typeof child === 'object' && !isDeepFrozen(child)) return false;
  }
  return true;
}

const MISSING_ID = Symbol('missing id');
const MAX_STRAYS_NAMED = 3;

/** Responses that answer another id (or none): named in the error, since a wrong id is the usual server bug. */
export function noteStray(m: JsonRpcMessage, strays: unknown[]): void {
  if (strays.length > MAX_STRAYS_NAMED) return;
  if (isResponse(m)) strays.push(m.id);
  else if (!('method' in m)) strays.push(MISSING_ID);
}

export function strayNote(strays: readonly unknown[]): string {
  if (strays.length === 0) return '';
  const named = strays
    .slice(0, MAX_STRAYS_NAMED)
    .map((id) => (id === MISSING_ID ? 'a response without an id' : `id ${snippet(JSON.stringify(id) ?? String(id))}`));
  const more = strays.length > MAX_STRAYS_NAMED ? ', …' : '';
  return ` (received ${named.join(', ')}${more} instead)`;
}
