import type { OutcomeError } from '../mcp/index.ts';

/** The first pause after a failed handshake; it doubles per failure in a row, up to the cap. */
export const BACKOFF_BASE_MS = 100;
export const BACKOFF_CAP_MS = 5000;
/** A server's Retry-After is honoured up to this long (a longer one is cut by the run's end anyway). */
const RETRY_AFTER_CAP_MS = 5 * 60_000;

/**
 * How long a VU waits after its `failures`-th failed handshake in a row: exponential with equal
 * jitter (half fixed, half random, so VUs that failed together do not retry together), or the
 * server's `Retry-After` on a 429/503 when that is longer.
 */
export function backoffDelayMs(failures: number, error: OutcomeError | undefined, rng: () => number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  const delay = ceiling / 2 + rng() * (ceiling / 2);
  const asked = error?.status === 429 || error?.status === 503 ? error.retryAfterMs : undefined;
  return asked === undefined ? delay : Math.max(delay, Math.min(asked, RETRY_AFTER_CAP_MS));
}
