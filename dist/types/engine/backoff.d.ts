import type { OutcomeError } from '../mcp/index.ts';
/** The first pause after a failed handshake; it doubles per failure in a row, up to the cap. */
export declare const BACKOFF_BASE_MS = 100;
export declare const BACKOFF_CAP_MS = 5000;
/**
 * How long a VU waits after its `failures`-th failed handshake in a row: exponential with equal
 * jitter (half fixed, half random, so VUs that failed together do not retry together), or the
 * server's `Retry-After` on a 429/503 when that is longer.
 */
export declare function backoffDelayMs(failures: number, error: OutcomeError | undefined, rng: () => number): number;
