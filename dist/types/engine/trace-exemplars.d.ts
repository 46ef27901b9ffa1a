/** One slow sampled call, for finding its trace in the server's tracing backend. */
export interface TraceExemplar {
    tool: string;
    /** The W3C trace id (32 hex digits) the call's traceparent carried. */
    traceId: string;
    durationMs: number;
}
/** How many of the slowest sampled calls a result keeps. */
export declare const MAX_TRACE_EXEMPLARS = 10;
/** The slowest sampled (traceparent flag 01) tool calls of the measured phase, bounded. */
export declare class TraceExemplars {
    private readonly kept;
    offer(tool: string, traceparent: string, durationMs: number): void;
    /** Slowest first. */
    toJSON(): TraceExemplar[];
}
