import type { ServerReplies } from '../scenario/index.ts';
import type { JsonRpcRequest, JsonRpcResponse } from './types.ts';

/** Canned replies to requests a server sends the client (the scenario's `replies:`); a missing one is answered with an error. */
export type ServerRequestReplies = ServerReplies;

const METHOD_NOT_FOUND = -32601;

/** Capabilities the client can honestly declare given its canned replies. */
export function clientCapabilities(replies: ServerRequestReplies): Record<string, unknown> {
  const caps: Record<string, unknown> = {};
  if (replies.roots) caps.roots = { listChanged: false };
  if (replies.sampling) caps.sampling = {};
  if (replies.elicitation) caps.elicitation = {};
  return caps;
}

/** The answer to a server-to-client request: ping always, the rest from the canned replies. */
export function answerServerRequest(req: JsonRpcRequest, replies: ServerRequestReplies): JsonRpcResponse {
  let result: Record<string, unknown> | undefined;
  switch (req.method) {
    case 'ping':
      result = {};
      break;
    case 'roots/list':
      if (replies.roots) result = { roots: replies.roots };
      break;
    case 'sampling/createMessage':
      result = replies.sampling;
      break;
    case 'elicitation/create':
      if (replies.elicitation) result = elicitationResult(replies.elicitation, req.params);
      break;
  }
  if (result) return { jsonrpc: '2.0', id: req.id, result };
  return {
    jsonrpc: '2.0',
    id: req.id,
    error: { code: METHOD_NOT_FOUND, message: `mcp-load has no reply configured for ${req.method}` },
  };
}

/**
 * An accepted elicitation answers with the configured content, and the requested schema's
 * defaults for every field the content leaves out, as a client's form would have shown them
 * pre-filled (2025-11-25: "clients SHOULD pre-populate" defaults).
 */
function elicitationResult(reply: Record<string, unknown>, params: Record<string, unknown> | undefined): Record<string, unknown> {
  if (reply.action !== 'accept') return reply;
  const properties = (params?.requestedSchema as { properties?: unknown } | undefined)?.properties;
  const configured = (reply.content ?? {}) as Record<string, unknown>;
  if (properties === null || typeof properties !== 'object') return { ...reply, content: configured };
  const content: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(properties as Record<string, unknown>)) {
    if (field === '__proto__') continue; // a hostile schema must not reach the object's prototype
    if (schema !== null && typeof schema === 'object' && 'default' in schema) content[field] = (schema as { default: unknown }).default;
  }
  return { ...reply, content: { ...content, ...configured } };
}
