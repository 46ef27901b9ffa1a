import type { Gate } from './gate.ts';
export interface CounterSummary {
    /** Sum of everything added. */
    count: number;
    /** `count` per second of measured time. */
    rate: number;
}
export declare class CounterSink {
    count: number;
    add(value: number): void;
    isEmpty(): boolean;
    mergeFrom(other: CounterSink): void;
    reset(): void;
    dispose(): void;
    summary(durationMs: number): CounterSummary;
    static fromSummary(summary: CounterSummary): CounterSink;
}
/** Pre-resolved recording target for one tag set; `add` allocates nothing. */
export declare class CounterHandle {
    private readonly gate;
    private readonly sinks;
    constructor(gate: Gate, sinks: CounterSink[]);
    add(value?: number): void;
}
export declare function perSecond(count: number, durationMs: number): number;
