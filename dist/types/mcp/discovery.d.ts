import { TransportError } from './errors.ts';
import type { JsonRpcResponse } from './types.ts';
/** What a `server/discover` probe says about the server. */
export type DiscoveryVerdict = {
    era: 'stateless';
    version: string;
    result: Record<string, unknown>;
} | {
    era: 'session';
};
/**
 * Classifies the answer to a 2026-07-28 `server/discover` probe, as the spec's backward-compatibility
 * rules say: a discover result or a -32022 naming a version we share means a stateless server; an
 * auth failure, 5xx or network error is an error; anything else means a 2025-line server.
 */
export declare function classifyDiscovery(outcome: JsonRpcResponse | TransportError): DiscoveryVerdict;
