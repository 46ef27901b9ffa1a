import { type MetricsSnapshot } from '../engine/index.ts';
/** One upstream instance, as responses named it. Durations in ms, of its successful calls. */
export interface InstanceRow {
    instance: string;
    /** HTTP requests it answered, and those that failed (http_req_failed's rule). */
    requests: number;
    httpFailed: number;
    /** Share of the attributed requests (0..1). */
    share: number;
    /** MCP calls whose answer came from it, and those that failed. */
    calls: number;
    errors: number;
    p50: number | null;
    p95: number | null;
    /** Sessions whose handshake it answered. */
    sessions: number;
}
/** Who served the run: per instance, and how sessions moved between instances. */
export interface InstanceBreakdown {
    /** Most requests first; `other` (the instances past the cap, folded) last. */
    rows: InstanceRow[];
    /** Instances past MAX_INSTANCES were folded into the `other` row. */
    folded: boolean;
    /** Every HTTP request of the run, and those no response header or cookie attributed to an instance. */
    requests: number;
    unattributed: number;
    /** Sessions served by more than one instance, and the MCP calls that failed in such sessions. */
    sessionHops: number;
    callsFailedAfterHop: number;
}
/** The per-instance table from the `instance`-tagged series (histograms added, never averaged); undefined when no response named an instance. */
export declare function instanceBreakdown(snapshot: MetricsSnapshot): InstanceBreakdown | undefined;
