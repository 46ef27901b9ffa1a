import type { Result } from '../results/index.ts';
/**
 * Availability by send time and what followed each scenario event, as plain text for every
 * renderer (untrusted parts — command output — included: renderers escape).
 */
export interface ResilienceView {
    /** `99.20 % of 1,234 calls succeeded (by send time)`; absent: the result has no send-time windows or no calls. */
    availability?: string;
    /** `8–9 s: 3 of 9 calls failed (66.7 % available)`. */
    worstWindow?: string;
    events: EventRow[];
    /** How SSE streams fared: `SSE replies: 6 of 6 broke after their headers, before their response (…)`. */
    streams: string[];
}
export interface EventRow {
    name: string;
    /** `8.0 s` (planned 8.0 s when it fired later), or `not reached (planned 20.0 s)`. */
    at: string;
    /** `shell: docker kill b`, `argv: kill -9 123`, `mark only`. */
    command: string;
    /** `exited 0 after 0.1 s`… or empty for a mark. */
    outcome: string;
    /** The command's output, cut for the page. */
    output: string;
    /** `12 of 40 failed` in the 5 s after it. */
    errorsAfter: string;
    /** `100 % → 70.0 % → 100 %`: 5 s before, 5 s after, the 5 s after that. */
    availability: string;
    /** `6.2 s (first failure +0.1 s, last +6.3 s)`, `no failures`, `during kill-b's failures`, `not recovered by the end`. */
    recovery: string;
    /** `p95 12.0ms → 40.0ms`. */
    p95: string;
}
export declare function resilienceView(result: Result): ResilienceView;
