export interface GaugeSummary {
    /** Last value set. */
    value: number;
    min: number;
    max: number;
    /** Number of times the gauge was set; 0 means no data. */
    samples: number;
}
export declare class GaugeSink {
    value: number;
    min: number;
    max: number;
    samples: number;
    lastSet: number;
    set(value: number, order: number): void;
    isEmpty(): boolean;
    mergeFrom(other: GaugeSink): void;
    reset(): void;
    dispose(): void;
    summary(): GaugeSummary;
    static fromSummary(summary: GaugeSummary): GaugeSink;
}
/**
 * Gauges describe state (how many VUs are running), not samples, so they are not gated by
 * warm-up: a value set during warm-up is still the current value once measuring starts.
 */
export declare class GaugeHandle {
    private readonly sinks;
    constructor(sinks: GaugeSink[]);
    set(value: number): void;
}
