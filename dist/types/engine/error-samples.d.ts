import type { ErrorClass, OperationResult } from '../mcp/index.ts';
/** How many messages are kept per error kind, and how long each may be. */
export declare const MAX_SAMPLES_PER_KIND = 5;
export declare const MAX_SAMPLE_LENGTH = 300;
/** Distinct error kinds kept (class × method × tool × status/code); the rest are counted together. */
export declare const MAX_KINDS = 200;
export interface ErrorKind {
    errorClass: ErrorClass;
    method: string;
    tool?: string;
    /** HTTP status (transport) or JSON-RPC code (protocol). */
    status?: number;
    code?: number;
    reason?: string;
    /** A redirect's target (origin and path only: a query can hold a token). */
    location?: string;
    count: number;
    /** The first distinct messages seen, bounded, redacted and inert: they come from the server. */
    samples: string[];
}
/** Bounded record of what went wrong: counts per kind and the first few messages of each. */
export declare class ErrorSamples {
    private readonly kinds;
    /** Errors of kinds beyond MAX_KINDS. */
    overflow: number;
    /** The last raw message of each kind: a repeated message is not redacted again. */
    private readonly lastMessage;
    add(result: OperationResult): void;
    /** Kinds, most frequent first. */
    toJSON(): ErrorKind[];
}
