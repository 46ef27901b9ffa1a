export { SESSION_PROTOCOL_VERSIONS, STATELESS_PROTOCOL_VERSIONS, SUPPORTED_PROTOCOL_VERSIONS } from '../protocol-versions.ts';
export declare const LATEST_SESSION_PROTOCOL_VERSION: "2025-11-25";
/** The legacy HTTP+SSE transport belongs to this revision. */
export declare const LEGACY_SSE_PROTOCOL_VERSION = "2024-11-05";
export declare function isStatelessVersion(version: string): boolean;
export declare const CLIENT_INFO: {
    name: string;
    version: string;
};
/** 2026-07-28 carries what `initialize` used to negotiate in every request's `_meta`. */
export declare const META_PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
export declare const META_CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
export declare const META_CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
export declare const META_SERVER_INFO = "io.modelcontextprotocol/serverInfo";
export declare const UNSUPPORTED_PROTOCOL_VERSION = -32022;
/** Input-required rounds per call before giving up (the SDK's own bound). */
export declare const MAX_INPUT_ROUNDS = 8;
