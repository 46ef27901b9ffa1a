import type { Histogram } from 'hdr-histogram-js';
export type { Histogram };
export type HistogramBackend = 'wasm' | 'js';
export declare const LOWEST_TRACKABLE_US = 1;
export declare const HIGHEST_TRACKABLE_US = 3600000000;
export declare const SIGNIFICANT_DIGITS = 3;
/** Precision of tagged series (per tool, method, status…). */
export declare const SERIES_SIGNIFICANT_DIGITS = 2;
/**
 * Chooses the histogram backend once, before the run. WASM records about 5x faster than the
 * JS implementation; it is the default and falls back to JS where WebAssembly is unavailable.
 * Calling it is optional (the first histogram initialises WASM synchronously otherwise).
 */
export declare function initMetrics(options?: {
    backend?: HistogramBackend;
}): Promise<HistogramBackend>;
export declare function histogramBackend(): HistogramBackend;
export declare function createHistogram(digits?: number): Histogram;
export declare function isWasmHistogram(histogram: Histogram): boolean;
/** Compressed base64 (HdrHistogram V2 format), readable by any HdrHistogram implementation. */
export declare function encodeHistogram(histogram: Histogram): string;
/** The encoding of an empty histogram of that precision, made once: empty series need no histogram of their own. */
export declare function encodeEmptyHistogram(digits: number): string;
/**
 * Decodes into a histogram of our range at the precision it was encoded with (so `add` between
 * histograms of the same precision takes the exact fast path). An encoding of our own range (every
 * one mcp-load writes) decodes straight into the chosen backend; any other is added into one of ours.
 */
export declare function decodeHistogram(base64: string): {
    histogram: Histogram;
    digits: number;
};
/** `into += from`, also across backends (hdr-histogram-js refuses to add a WASM histogram to a JS one). */
export declare function addHistogram(into: Histogram, from: Histogram): void;
