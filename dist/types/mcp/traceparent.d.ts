/** W3C Trace Context `traceparent`: version 00, a 16-byte trace id, an 8-byte parent id, the flags. */
export declare const TRACEPARENT: RegExp;
/**
 * A fresh traceparent for one tool call; `sampled` sets the sampled flag (01). Random ids per W3C;
 * an all-zero id (invalid) is drawn again.
 */
export declare function newTraceparent(sampled: boolean): string;
/** The trace id (32 hex digits) of a traceparent made by newTraceparent. */
export declare function traceIdOf(traceparent: string): string;
