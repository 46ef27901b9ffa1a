import type { ErrorKind, TraceExemplar, MetricsSnapshot, TimeSeriesJSON } from '../engine/index.ts';
import type { AvailabilitySeriesJSON } from '../engine/index.ts';
import type { EventRecord } from '../engine/index.ts';
import type { ScenarioEcho } from '../scenario/index.ts';
import type { OperationBreakdown } from './breakdown.ts';
import type { ToolOutputRecord } from './tool-output.ts';
import type { InstanceBreakdown } from './instances.ts';
import type { SessionLifecycle } from './session-lifecycle.ts';
/** Bumped on any change a reader of an older version would misread (a new optional field is not one). */
export declare const RESULT_SCHEMA_VERSION = 2;
/**
 * HTTP requests per MCP call. `overall`: every request the run sent over the agent's calls (the
 * headline; it depends on pace, since session cost is spread over however many calls a session
 * makes). Per phase, each over its own unit: `discovery` is the count of 2026 `server/discover`
 * probes (per target, not per session), `setup` and `teardown` per session, `calls` per call.
 */
export interface HttpPerCall {
    overall: number | null;
    byMethod: Record<string, number | null>;
    byPhase: {
        discovery: number;
        setup: number | null;
        calls: number | null;
        teardown: number | null;
    };
}
/** A run's sessions: handshakes that succeeded and failed, re-initialisations, ends, back-offs. */
export interface SessionCounts {
    created: number;
    /** Handshakes that failed (each one charged the agent's next call as failed). */
    failed: number;
    reinitialized: number;
    /** Ended with a DELETE (or nothing to end, when stateless). */
    closed: number;
    /** Their DELETE failed or never finished: the server may still hold them. */
    notClosed: number;
    /** Pauses after a failed handshake. */
    backoffs: number;
}
export interface ThresholdOutcome {
    /** `mcp_call_duration{tool:send_sms}` */
    key: string;
    /** `p(95)<200` */
    source: string;
    ok: boolean;
    observed: number | null;
    error?: string;
    /** The default health gate's, not the scenario's own. */
    default?: true;
}
export interface CheckOutcome {
    scenario: string;
    step: string;
    check: string;
    passes: number;
    fails: number;
}
/**
 * What a detector concluded from a result, as data: every report renders it, and a baseline can
 * show the findings that are new. Detectors read the result, never the live engine.
 */
export interface Finding {
    /** Stable, for comparing with a baseline: `target-unreachable`, `session-hops`, `proxy-deadline`… */
    id: string;
    severity: 'error' | 'warning' | 'info';
    /** One sentence of what happened, in plain words (no server strings unescaped: renderers escape). */
    statement: string;
    /** The figures behind it: counts, instances, durations, already formatted for reading. */
    evidence: string[];
    /** The likely fix. */
    advice?: string;
}
/** Why a capacity step did not hold: the first limit that broke. */
export type CapacityLimit = 'latency' | 'errors' | 'dropped' | 'generator';
/** One arrival rate a capacity search ran, judged against the SLO. */
export interface CapacityStep {
    /** Planned iterations (flows) per second. */
    rate: number;
    durationMs: number;
    /** MCP calls per second measured (after the step's warm-up). */
    callsPerSecond: number;
    /**
     * The figure the SLO judges, as compare judges a run: the median over the step's steady 1 s
     * windows of each window's percentile of the flow's calls (initialize left out), ms.
     */
    latencyMs: number | null;
    latencyPercentile: 'p50' | 'p90' | 'p95' | 'p99';
    /** The windows behind `latencyMs`; 0: the step had none, and `latencyMs` is the whole step's percentile. */
    latencyWindows?: number;
    /** The 90 % distribution-free interval of that median; absent with too few windows (fewer than 5). */
    latencyIntervalMs?: [number, number];
    /** The percentile over the whole measured step (all its calls' histograms merged), for reference. */
    stepLatencyMs?: number | null;
    /** The calls behind `latencyMs`. */
    flowCalls: number;
    errorRate: number;
    dropped: number;
    generatorLagP99Ms: number;
    held: boolean;
    limit?: CapacityLimit;
}
/** `mcp-load capacity`: every step, and what the search concluded. */
export interface CapacityRecord {
    slo: string;
    steps: CapacityStep[];
    /** The highest rate that held the SLO; null when even the first step broke it. */
    highestHeld: number | null;
    /** The lowest rate that broke it; null when none did (capacity at least `highestHeld`). */
    lowestBroken: number | null;
    /** The limit that broke at `lowestBroken`. */
    limit?: CapacityLimit;
    /** `server-bound`, `generator-bound` (a lower bound only: the generator gave out first), or `not reached`. */
    verdict: 'server-bound' | 'generator-bound' | 'not reached' | 'below start';
}
/** `result.json`: everything a report, a baseline comparison or a shard merge needs. */
export interface Result {
    schemaVersion: typeof RESULT_SCHEMA_VERSION;
    tool: {
        name: 'mcp-load';
        version: string;
    };
    scenario: {
        id: string;
        hash: string;
        file: string;
        echo: ScenarioEcho;
    };
    /** Origin and path only: no credentials or query strings. */
    target: string;
    environment: {
        os: string;
        arch: string;
        node: string;
        cpus: number;
        ci: boolean;
        /** Workers the load ran in (`--workers`); absent in results before workers existed (one). */
        workers?: number;
        /** With workers: threads of one process, or child processes (`--worker-mode`); absent before process workers existed (threads). */
        workerMode?: 'thread' | 'process';
        git?: {
            sha?: string;
            ref?: string;
        };
    };
    startedAt: string;
    endedAt: string;
    durationMs: number;
    interrupted?: 'signal' | 'threshold';
    metrics: MetricsSnapshot;
    timeSeries: TimeSeriesJSON;
    httpPerCall: HttpPerCall;
    sessions: SessionCounts;
    /** tools/call, prompts/get and resources/read rows per tool, prompt or resource; most called first. */
    byTool: OperationBreakdown[];
    /** One row per MCP method of the agent's calls. */
    byMethod: OperationBreakdown[];
    thresholds: ThresholdOutcome[];
    checks: CheckOutcome[];
    errors: ErrorKind[];
    warnings: string[];
    /** What detectors concluded (target health, generator saturation, dropped iterations…), most severe first. */
    findings: Finding[];
    /** The generator's own health: the worst per-second p99 of its event-loop delay. */
    generator?: {
        eventLoopLagP99Ms: number;
    };
    vusMax: number;
    /** Set when this run was one slice of a sharded test (`--shard 2/4`): `mcp-load merge` combines the n slices. */
    shard?: {
        index: number;
        count: number;
    };
    /** Set on the result of `mcp-load merge`: how many shard results it combines. */
    mergedShards?: number;
    /** Set by `mcp-load capacity`: the search's steps and conclusion (the rest of the result is its highest held step). */
    capacity?: CapacityRecord;
    /** Calls and failures per second by when they were sent: availability and recovery times. */
    availability?: AvailabilitySeriesJSON;
    /** The scenario's `events:`: when each happened and what its command did. */
    events?: EventRecord[];
    /**
     * Per tool: the size and the estimated LLM tokens of its output, measured on a bounded sample of
     * replies (derived from the `tool_output_*` metrics, so merges recompute it). Absent without tool calls.
     */
    toolOutput?: ToolOutputRecord;
    /** With `trace:` on: the slowest sampled tool calls (at most 10, slowest first) and their W3C trace ids. */
    traceExemplars?: TraceExemplar[];
    /** Per upstream instance (named by a response header or stickiness cookie) and session hops; absent when no response named one. */
    instances?: InstanceBreakdown;
    /** Sessions lost (by status, age, calls) and re-initialised (attempts and successes). */
    sessionLifecycle?: SessionLifecycle;
}
