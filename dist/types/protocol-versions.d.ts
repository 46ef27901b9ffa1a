/**
 * The MCP protocol revisions mcp-load speaks, newest first: one list for the wire client and for
 * the scenario's `protocolVersion:` check (which sits below mcp/ in the layers).
 */
export declare const STATELESS_PROTOCOL_VERSIONS: readonly ["2026-07-28"];
export declare const SESSION_PROTOCOL_VERSIONS: readonly ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"];
export declare const SUPPORTED_PROTOCOL_VERSIONS: readonly string[];
