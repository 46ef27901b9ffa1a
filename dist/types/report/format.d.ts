/** Milliseconds as k6 prints them: µs below 1 ms, ms below 1 s, then s. */
export declare function formatMs(ms: number | null | undefined): string;
export declare function formatBytes(n: number): string;
export declare function formatPercent(fraction: number): string;
export declare function formatRate(perSecond: number): string;
export declare function formatDurationClock(ms: number): string;
/** Untrusted text (tool names, server messages) on a terminal: no control characters, bounded. */
export declare function plainText(text: string, max?: number): string;
/** A threshold's aggregation as written: `p(95)`, `rate`, `avg`… */
export declare function thresholdAggregation(source: string): string;
/** A threshold's observed value in its unit: milliseconds for durations, percent for rates of errors and checks. */
export declare function formatObserved(key: string, source: string, observed: number | null, formatNumber?: (n: number) => string): string;
