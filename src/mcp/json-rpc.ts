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
