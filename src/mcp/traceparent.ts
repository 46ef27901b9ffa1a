import { randomBytes } from 'node:crypto';

/** W3C Trace Context `traceparent`: version 00, a 16-byte trace id, an 8-byte parent id, the flags. */
export const TRACEPARENT = /^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-0[01]$/;

/**
 * A fresh traceparent for one tool call; `sampled` sets the sampled flag (01). Random ids per W3C;
 * an all-zero id (invalid) is drawn again.
 */
export function newTraceparent(sampled: boolean): string {
  for (;;) {
    const hex = randomBytes(24).toString('hex');
    const value = `00-${hex.slice(0, 32)}-${hex.slice(32)}-${sampled ? '01' : '00'}`;
    if (TRACEPARENT.test(value)) return value;
  }
}

/** The trace id (32 hex digits) of a traceparent made by newTraceparent. */
export function traceIdOf(traceparent: string): string {
  return traceparent.slice(3, 35);
}
