import { SESSION_PROTOCOL_VERSIONS, STATELESS_PROTOCOL_VERSIONS } from '../protocol-versions.ts';
import { TOOL_VERSION } from '../version.ts';

export { SESSION_PROTOCOL_VERSIONS, STATELESS_PROTOCOL_VERSIONS, SUPPORTED_PROTOCOL_VERSIONS } from '../protocol-versions.ts';
export const LATEST_SESSION_PROTOCOL_VERSION = SESSION_PROTOCOL_VERSIONS[0];
/** The legacy HTTP+SSE transport belongs to this revision. */
export const LEGACY_SSE_PROTOCOL_VERSION = '2024-11-05';

export function isStatelessVersion(version: string): boolean {
  return (STATELESS_PROTOCOL_VERSIONS as readonly string[]).includes(version);
}

export const CLIENT_INFO = { name: 'mcp-load', version: TOOL_VERSION };

/** 2026-07-28 carries what `initialize` used to negotiate in every request's `_meta`. */
export const META_PROTOCOL_VERSION = 'io.modelcontextprotocol/protocolVersion';
export const META_CLIENT_CAPABILITIES = 'io.modelcontextprotocol/clientCapabilities';
export const META_CLIENT_INFO = 'io.modelcontextprotocol/clientInfo';
export const META_SERVER_INFO = 'io.modelcontextprotocol/serverInfo';

export const UNSUPPORTED_PROTOCOL_VERSION = -32022;
/** Input-required rounds per call before giving up (the SDK's own bound). */
export const MAX_INPUT_ROUNDS = 8;
