import type { JsonRpcRequest, JsonRpcResponse } from './types.ts';

/** Canned replies to requests a server sends the client; a missing one is answered with an error. */
export interface ServerRequestReplies {
  /** Result for `sampling/createMessage`. */
  sampling?: Record<string, unknown>;
  /** Result for `elicitation/create`, e.g. `{ action: 'accept', content: {...} }`. */
  elicitation?: Record<string, unknown>;
  /** Roots listed for `roots/list`. */
  roots?: Array<{ uri: string; name?: string }>;
}

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
      result = replies.elicitation;
      break;
  }
  if (result) return { jsonrpc: '2.0', id: req.id, result };
  return {
    jsonrpc: '2.0',
    id: req.id,
    error: { code: METHOD_NOT_FOUND, message: `mcp-load has no reply configured for ${req.method}` },
  };
}
