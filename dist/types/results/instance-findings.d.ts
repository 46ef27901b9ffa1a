import type { Finding, Result } from './types.ts';
/** One instance serving at least this share of the requests, with others seen, is pinning. */
export declare const PINNED_SHARE = 0.9;
/** Shares or p95s this many times apart are an imbalance... */
export declare const IMBALANCE_RATIO = 2;
/** ... judged only with this many attributed requests in all, and this many successful calls per instance for latency. */
export declare const IMBALANCE_MIN_REQUESTS = 100;
export declare const IMBALANCE_MIN_CALLS = 20;
type Input = Pick<Result, 'sessions' | 'vusMax' | 'instances' | 'sessionLifecycle'>;
/** What the per-instance figures say about the balancer in front of the server. Reads the result only. */
export declare function instanceFindings(result: Input): Finding[];
export {};
