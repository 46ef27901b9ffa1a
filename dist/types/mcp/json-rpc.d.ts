import type { JsonRpcMessage, JsonRpcRequest, JsonRpcResponse } from './types.ts';
/** A short, single-line, bounded excerpt of an untrusted body for error messages. */
export declare function snippet(text: string): string;
/** Parses a body or SSE `data` into JSON-RPC messages (a batch array yields several). */
export declare function parseMessages(text: string, where: string): JsonRpcMessage[];
export declare function isResponse(m: JsonRpcMessage): m is JsonRpcResponse;
export declare function isRequest(m: JsonRpcMessage): m is JsonRpcRequest;
/**
 * The wire form of a message. A `tools/call` whose arguments are deeply frozen, as a scenario's
 * constant arguments are, reuses their JSON instead of serializing them on every call.
 */
export declare function serializeMessage(message: JsonRpcMessage): string;
/** Responses that answer another id (or none): named in the error, since a wrong id is the usual server bug. */
export declare function noteStray(m: JsonRpcMessage, strays: unknown[]): void;
export declare function strayNote(strays: readonly unknown[]): string;
