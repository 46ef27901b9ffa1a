/** Counts per explicit bucket (OTLP's `(b[i-1], b[i]]`, the last one open) from an encoded HDR histogram of µs. */
export declare function explicitBucketCounts(encoded: string, boundariesSeconds: readonly number[]): number[];
