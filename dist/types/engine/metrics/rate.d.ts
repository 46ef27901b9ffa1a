import type { Gate } from './gate.ts';
export interface RateSummary {
    /** Samples that were non-zero / true (for `mcp_errors`: the errors). */
    passes: number;
    /** Samples that were zero / false. */
    fails: number;
    /** passes / (passes + fails); 0 when empty. */
    rate: number;
}
export declare class RateSink {
    passes: number;
    fails: number;
    add(nonZero: boolean): void;
    isEmpty(): boolean;
    mergeFrom(other: RateSink): void;
    reset(): void;
    dispose(): void;
    summary(): RateSummary;
    static fromSummary(summary: RateSummary): RateSink;
}
export declare class RateHandle {
    private readonly gate;
    private readonly sinks;
    constructor(gate: Gate, sinks: RateSink[]);
    /** Any truthy / non-zero value counts as a pass. */
    add(value: boolean | number): void;
}
