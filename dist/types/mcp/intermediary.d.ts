import { TransportError } from './errors.ts';
/** The statuses a proxy or load balancer answers with when its upstream fails or is too slow. */
export declare const GATEWAY_STATUSES: readonly number[];
/**
 * A 502/503/504 whose body is not MCP is a proxy's own page (nginx's `<html>… 504 Gateway
 * Time-out`, an ALB's text), not the server's reply: the server behind it may even have finished
 * the work. The judgement uses what the reply exposes — status, content type, body; response
 * headers such as `Server`/`Via` are not read (the wire client does not keep them).
 * A server's own 503 with a JSON(-RPC) body stays the server's.
 */
export declare function isIntermediaryReply(status: number, contentType: string, body: string): boolean;
/** The failure a non-2xx reply is: a proxy's (`GatewayError`, outcome `gateway`) or the server's own. */
export declare function statusFailure(message: string, reply: {
    status: number;
    contentType: string;
    body: string;
}): TransportError;
