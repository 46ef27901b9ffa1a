import type { Finding, Result } from './types.ts';
/** Fewer gateway failures than this of one operation are too few to call a cluster. */
export declare const DEADLINE_MIN_FAILURES = 5;
/** The middle 80 % of the gateway failures lie within this fraction of their median: one deadline. */
export declare const DEADLINE_SPREAD = 0.05;
/**
 * A proxy's deadline: an operation's gateway failures (a proxy's 502/503/504) bunched at one
 * duration while its successful calls run as long or longer. The proxy gave up at that duration,
 * the server may well have finished the work. Reads the per-tool `mcp_call_duration` histograms.
 */
export declare function proxyDeadlines(result: Pick<Result, 'metrics' | 'errors' | 'durationMs'>): Finding[];
