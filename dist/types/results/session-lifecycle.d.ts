import type { MetricsSnapshot } from '../engine/index.ts';
/** How the run's sessions were lost and re-established, beyond SessionCounts. Durations in ms. */
export interface SessionLifecycle {
    /** Sessions the server no longer knew (404, or a 400 that said so)... */
    lost: number;
    /** ... of which right after their handshake (initialize answered, its follow-up refused), the rest while in use... */
    lostAtHandshake: number;
    /** ... by the status that said so, most first... */
    lostByStatus: {
        status: number;
        count: number;
    }[];
    /** ... their age since the handshake when found lost (null without a loss)... */
    lostAgeMs: {
        p50: number;
        p95: number;
        max: number;
    } | null;
    /** ... and the agent's calls they had made, on average. */
    lostMeanCalls: number | null;
    /** New sessions started after a loss, and those whose handshake succeeded. */
    reinitAttempts: number;
    reinitialized: number;
}
export declare function sessionLifecycle(snapshot: MetricsSnapshot): SessionLifecycle;
