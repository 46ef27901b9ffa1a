import { isJson } from './http-exchange.ts';
import { GatewayError, TransportError } from './errors.ts';

/** The statuses a proxy or load balancer answers with when its upstream fails or is too slow. */
export const GATEWAY_STATUSES: readonly number[] = [502, 503, 504];

/**
 * A 502/503/504 whose body is not MCP is a proxy's own page (nginx's `<html>… 504 Gateway
 * Time-out`, an ALB's text), not the server's reply: the server behind it may even have finished
 * the work. The judgement uses what the reply exposes — status, content type, body; response
 * headers such as `Server`/`Via` are not read (the wire client does not keep them).
 * A server's own 503 with a JSON(-RPC) body stays the server's.
 */
export function isIntermediaryReply(status: number, contentType: string, body: string): boolean {
  if (!GATEWAY_STATUSES.includes(status)) return false;
  if (isJson(contentType) && looksLikeJson(body)) return false;
  return true;
}

function looksLikeJson(body: string): boolean {
  const first = body.trimStart()[0];
  return first === '{' || first === '[';
}

/** The failure a non-2xx reply is: a proxy's (`GatewayError`, outcome `gateway`) or the server's own. */
export function statusFailure(message: string, reply: { status: number; contentType: string; body: string }): TransportError {
  if (isIntermediaryReply(reply.status, reply.contentType, reply.body)) return new GatewayError(`${message} (from a proxy: not an MCP reply)`, reply.status);
  return new TransportError('http_status', message, reply.status);
}
