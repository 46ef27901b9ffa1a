import type { ErrorKind } from '../engine/index.ts';
import type { Finding, Result } from './types.ts';
/** Generator event-loop p99 (worst second) above this means the generator, not the server, set the pace. */
export declare const GENERATOR_LAG_LIMIT_MS = 50;
/** Dropped iterations above this share of the scheduled ones are a finding (and fail the default gate). */
export declare const DROPPED_SHARE_LIMIT = 0.01;
/** Everything a result says about the run, as findings: most severe first. Reads the result only. */
export declare function findingsOf(result: Omit<Result, 'findings'>): Finding[];
/** What a failure kind means for the person running the test: a name, what happened, what to do. */
export interface FailureKind {
    id: string;
    /** `target unreachable`, `target unauthorised`… */
    title: string;
    /** How the calls failed, after "N of M MCP calls failed: …". */
    what: string;
    advice: string;
}
/** Names an error kind in words, with the fix a user would try first. */
export declare function describeFailure(kind: ErrorKind, target: string): FailureKind;
/** Calls made and calls failed, from the untagged totals. */
export declare function callTotals(result: Pick<Result, 'metrics'>): {
    calls: number;
    failed: number;
};
/** `transport · initialize · HTTP 401` */
export declare function kindLabel(kind: ErrorKind): string;
