import { SUPPORTED_PROTOCOL_VERSIONS, STATELESS_PROTOCOL_VERSIONS, UNSUPPORTED_PROTOCOL_VERSION } from './protocol.ts';
import { TransportError } from './errors.ts';
import type { JsonRpcResponse } from './types.ts';

/** What a `server/discover` probe says about the server. */
export type DiscoveryVerdict = { era: 'stateless'; version: string; result: Record<string, unknown> } | { era: 'session' };

/**
 * Classifies the answer to a 2026-07-28 `server/discover` probe, as the spec's backward-compatibility
 * rules say: a discover result or a -32022 naming a version we share means a stateless server; an
 * auth failure, 5xx or network error is an error; anything else means a 2025-line server.
 */
export function classifyDiscovery(outcome: JsonRpcResponse | TransportError): DiscoveryVerdict {
  if (outcome instanceof TransportError) {
    const s = outcome.status;
    const sessionEra = outcome.reason === 'http_status' && s !== undefined && s >= 400 && s < 500 && s !== 401 && s !== 403;
    const notMcp = outcome.reason === 'bad_response';
    if (sessionEra || notMcp) return { era: 'session' };
    throw outcome;
  }
  if (outcome.error) {
    const supported = (outcome.error.data as { supported?: unknown } | undefined)?.supported;
    if (outcome.error.code === UNSUPPORTED_PROTOCOL_VERSION && Array.isArray(supported)) {
      const version = mutualStateless(supported);
      if (version) return { era: 'stateless', version, result: {} };
    }
    return { era: 'session' };
  }
  const result = outcome.result;
  const supported = result?.supportedVersions;
  if (result && Array.isArray(supported)) {
    const version = mutualStateless(supported);
    if (version) return { era: 'stateless', version, result };
  }
  return { era: 'session' };
}

function mutualStateless(supported: unknown[]): string | undefined {
  return STATELESS_PROTOCOL_VERSIONS.find((v) => supported.includes(v) && SUPPORTED_PROTOCOL_VERSIONS.includes(v));
}
