/**
 * `inconclusive`: a gated metric that could not be tested (too few windows, or an interval too wide
 * to exclude the minimum effect either way); its note says why. Never shown as unchanged.
 */
export type Verdict = 'regression' | 'improvement' | 'unchanged' | 'inconclusive' | 'new' | 'gone' | 'not comparable';
/** One metric (overall, or of one tool) judged against the baseline. */
export interface ComparisonVerdict {
    /** `mcp_call_duration_p95`, `mcp_error_rate`, `throughput`, `http_per_call_calls`, … */
    metric: string;
    /** The tool (or `method:name` for prompts and resources) of a per-tool row. */
    tool?: string;
    verdict: Verdict;
    /** A regression of a gated metric fails the comparison; the others are informational. */
    gated: boolean;
    /** The value the test compared: a window median, a whole-run figure, or a rate. Ms for durations. */
    baseline: number | null;
    current: number | null;
    /**
     * What `baseline` and `current` are, to label them beside whole-run figures: `median of 1 s
     * window p95` (not the whole-run p95 of a headline), `whole run`; for a history, the baseline is
     * the median of the earlier runs' figures.
     */
    basis?: string;
    /** current / baseline − 1. */
    change?: number;
    /**
     * In the same relative units as `change`. Rank interval: the confidence interval of the change
     * (its coverage in `note`). History band: the range of changes still within the history's normal spread.
     */
    interval?: [number, number];
    /** Why, in a few words (the test, or what kept a change from being flagged). */
    note?: string;
}
export interface Comparison {
    comparable: boolean;
    /** Why the runs cannot be compared. */
    reason?: string;
    verdicts: ComparisonVerdict[];
    /** Any gated metric regressed. */
    regression: boolean;
    /**
     * Some gated metric could not be tested (its verdict is `inconclusive`). A headline may say
     * "no regression detected" only when both this and `regression` are false.
     */
    inconclusive: boolean;
    /** One baseline run: a rank interval of the window figures; ≥ minHistory earlier runs: a band over them. */
    method: 'rank-interval' | 'history-band';
}
/** What must match for two runs to be compared: same workload, same tool line, same kind of runner. */
export interface Fingerprint {
    scenarioHash: string;
    /** mcp-load major.minor. */
    version: string;
    os: string;
    arch: string;
    cpus: number;
    /** `2/4` for one shard of a sharded run: a slice of the load compares only with the same slice. */
    shard?: string;
}
/** Whole-run figures of one tool row. Durations in ms. */
export interface ToolSummary {
    /** The tool name for tools/call, `method:name` for prompts and resources. */
    key: string;
    calls: number;
    errors: number;
    p50: number | null;
    p95: number | null;
    httpPerCall: number | null;
    /** Estimated tokens per reply (o200k_base); absent from runs before it was measured or without output. */
    tokensPerCall?: number | null;
    /** The replies the estimate rests on: `sampled` of `replies`. */
    tokenSample?: TokenSample;
}
/** How many replies a token estimate was measured on, of how many returned. */
export interface TokenSample {
    sampled: number;
    replies: number;
}
export interface RunSummary {
    calls: number;
    errors: number;
    /** Whole measured run, ms; null without calls. */
    p50: number | null;
    p95: number | null;
    p99: number | null;
    /** MCP calls per second of measured time. */
    throughput: number | null;
    /**
     * HTTP requests per MCP call overall; per target for discovery (the `server/discover` probe),
     * per session for setup and teardown, per call for calls. `discovery` is absent from older runs.
     */
    httpPerCall: {
        overall: number | null;
        discovery?: number | null;
        setup: number | null;
        calls: number | null;
        teardown: number | null;
    };
    /** Estimated tokens per tool reply over all tools; absent from older runs. */
    tokensPerCall?: number | null;
    tokenSample?: TokenSample;
    tools: ToolSummary[];
}
/**
 * One run, reduced to what a comparison needs: the per-window samples of the windowed metrics,
 * whole-run summaries and the fingerprint. Also what a history keeps per run.
 */
export interface HistoryEntry {
    /** The run's start, ISO 8601. */
    date: string;
    sha?: string;
    fingerprint: Fingerprint;
    /** Length of the windows below (a short run gets shorter windows). */
    windowMs: number;
    /** One value per steady-state window, in time order; ms for p50/p95, calls/s for throughput. */
    windows: {
        p50: number[];
        p95: number[];
        throughput: number[];
    };
    summary: RunSummary;
}
export declare const HISTORY_SCHEMA_VERSION = 1;
/** Earlier runs of one workload (oldest first), the baseline of the history-band method. */
export interface History {
    schemaVersion: typeof HISTORY_SCHEMA_VERSION;
    runs: HistoryEntry[];
}
