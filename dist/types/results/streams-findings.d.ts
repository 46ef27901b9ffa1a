import type { Finding, Result } from './types.ts';
/** Fewer broken replies of one operation than this are too few to call a cluster. */
export declare const BREAK_MIN = 3;
/** The middle 80 % of the silences (or lifetimes) lie within this fraction of their median: one timeout (timers on a busy host add their own spread). */
export declare const BREAK_SPREAD = 0.25;
/**
 * SSE replies (Streamable HTTP) that broke after their headers and before their response, per
 * operation: when the silences before the breaks bunch at one duration, an intermediary's idle or
 * read timeout cut them, and the finding names it (as proxy-deadline does for durations).
 */
export declare function streamFindings(result: Pick<Result, 'metrics' | 'durationMs'>): Finding[];
