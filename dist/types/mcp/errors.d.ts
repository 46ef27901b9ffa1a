import type { TransportFailure } from './types.ts';
/** A failure below JSON-RPC: the request did not produce a usable MCP message. */
export declare class TransportError extends Error {
    readonly reason: TransportFailure;
    readonly status?: number;
    constructor(reason: TransportFailure, message: string, status?: number);
}
/**
 * An SSE reply stopped after its headers, before its response: cut (`stream_broken`) or ended by
 * the far side (`stream_ended`); after how many events, how long after the headers, after how long a silence.
 */
export declare class StreamBrokenError extends TransportError {
    readonly events: number;
    readonly ageMs: number;
    readonly idleMs: number;
    constructor(reason: 'stream_broken' | 'stream_ended', message: string, status: number, events: number, ageMs: number, idleMs: number);
}
/** A proxy or load balancer, not the MCP server, answered 502/503/504 (see intermediary.ts): outcome `gateway`. */
export declare class GatewayError extends TransportError {
    constructor(message: string, status: number);
}
/**
 * The generator itself ran out of file descriptors (EMFILE: this process; ENFILE: the whole
 * system): a local limit, counted as the `generator`'s failure and never charged to the server.
 */
export declare class DescriptorLimitError extends TransportError {
    constructor(code: string, what: string);
}
/** Turns whatever undici or node threw into a TransportError with a message a user can act on. */
export declare function toTransportError(err: unknown, what: string): TransportError;
