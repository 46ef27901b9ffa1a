/** Where one annotated argument sits in the arguments, and the header it is mirrored into. */
export interface ParamHeaderBinding {
    /** Lower-case `mcp-param-{name}`, as the transports send header names. */
    header: string;
    /** Property names from the arguments' root to the value. */
    path: readonly string[];
}
/** JSON-RPC error a server answers when the Mcp-Param headers do not match the body. */
export declare const HEADER_MISMATCH = -32020;
/**
 * The bindings a tool's input schema declares, walking `properties` chains only (the statically
 * reachable paths). A declaration the spec forbids (a non-token or duplicate name, a non-primitive
 * property) makes the tool unusable: returned as the message to report.
 */
export declare function paramHeaderBindings(inputSchema: unknown): ParamHeaderBinding[] | string;
/** The flat [name, value…] header list for a call's arguments; absent and null arguments send no header. */
export declare function paramHeaders(bindings: readonly ParamHeaderBinding[], args: unknown): string[];
/**
 * Header values go as-is only when plain printable ASCII without surrounding whitespace (and not
 * looking like the sentinel itself); anything else is sent as `=?base64?…?=` (2026-07-28, SEP-2243).
 */
export declare function encodeHeaderValue(value: string): string;
