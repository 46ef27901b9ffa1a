import { type SessionOptions } from '../mcp/index.ts';
import { type Shard, type Scenario } from '../scenario/index.ts';
import { type ErrorKind } from './error-samples.ts';
import { type TraceExemplar } from './trace-exemplars.ts';
import { type AvailabilitySeriesJSON } from './availability.ts';
import type { Tokenizer } from './tool-output-tokens.ts';
import { type EventRecord } from './events.ts';
import { MetricsRegistry, TimeSeries, type ThresholdResult } from './metrics/index.ts';
import type { RunShare } from './workers/share.ts';
import { StopSignal } from './stop-signal.ts';
export interface Progress {
    elapsedMs: number;
    totalMs: number;
    vus: number;
    /** MCP calls and errors in the last second. */
    callsPerSecond: number;
    errorsPerSecond: number;
    totalCalls: number;
    totalErrors: number;
    warmingUp: boolean;
}
export interface RunOptions {
    /** The URL to load (the scenario's target, a --target override, or the embedded demo server). */
    url: string;
    /** Fire for a graceful stop (SIGINT): no new iterations, running ones finish within gracefulStop. */
    stop?: StopSignal;
    /** Fire for an immediate stop (a second SIGINT). */
    abort?: StopSignal;
    /** Each second; `registry` is the live metrics (read, never kept: a worker snapshots it for its parent's thresholds). */
    onProgress?: (progress: Progress, registry: MetricsRegistry) => void;
    /** Options for each MCP session (canned replies, stream, …). */
    session?: SessionOptions;
    /** Run only this shard's slice of the load (`--shard i/n`); n shards together run the whole. */
    shard?: Shard;
    /** Check the local limits before the load (default); a worker thread does not, its parent checked them for all. */
    preflight?: boolean;
    /** A pre-flight warning, as soon as it is known (it is also in the outcome's warnings). */
    onWarning?: (warning: string) => void;
    /** In a worker: what the workers find out once for all (the discovery probe, OAuth tokens; workers/share.ts). */
    share?: RunShare;
    /** What counts the sampled replies' tokens: the process's tokenizer thread, or a worker's parent's (workers/tokenizer-relay.ts). */
    tokenizer?: () => Tokenizer;
}
export interface RunOutcome {
    registry: MetricsRegistry;
    timeSeries: TimeSeries;
    thresholds: ThresholdResult[];
    /** Error kinds with counts and bounded message samples. */
    errors: ErrorKind[];
    /** Epoch ms. */
    startedAt: number;
    endedAt: number;
    /** Why the run ended early, if it did. */
    interrupted?: 'signal' | 'threshold';
    /** Things the user should know about the run itself. */
    warnings: string[];
    /** The worst per-second p99 of the generator's event-loop delay (its saturation is a finding). */
    generatorLagP99Ms: number;
    vusMax: number;
    /** The slice this run was, when sharded. */
    shard?: Shard;
    /** With tracing on: the slowest sampled calls' trace ids. */
    traceExemplars?: TraceExemplar[];
    /** Calls and failures per second by send time. */
    availability: AvailabilitySeriesJSON;
    /** The scenario's `events:`, with when they fired and what their commands did; absent without any. */
    events?: EventRecord[];
}
/** Runs every scenario of the test against the target and returns its metrics. */
export declare function runTest(whole: Scenario, options: RunOptions): Promise<RunOutcome>;
