import type { Scenario, WorkerMode } from '../../scenario/index.ts';
import type { Progress } from '../run.ts';
import type { StopSignal } from '../stop-signal.ts';
import type { WorkerTask } from './protocol.ts';
import type { RunRecord } from './record.ts';
export interface WorkersOptions {
    /** The scenario's file name and the parent's own options (without a readFile): each worker parses `scenario.source` with them. */
    file: string;
    load: WorkerTask['load'];
    url: string;
    workers: number;
    /** Threads of this process, or child processes with descriptors of their own (see mode.ts). */
    mode: WorkerMode;
    shard?: WorkerTask['shard'];
    stop: StopSignal;
    abort: StopSignal;
    onProgress?: (progress: Progress) => void;
}
export interface WorkersOutcome {
    /** Each worker's record, in worker order: worker i ran slice i/n. */
    records: RunRecord[];
    /** Set when the parent stopped the run because an abortOnFail threshold failed on the whole load. */
    interrupted?: 'threshold';
}
/** A worker failed before it could report (its scenario, its shard, our own bug). */
export declare class WorkerError extends Error {
    name: string;
}
/**
 * Runs the load in `workers` threads or processes, each its exact slice (`--shard i/n` inside one process):
 * one combined progress line, abortOnFail judged on the whole (each tick, from the workers' metric
 * snapshots), stop and abort forwarded to every worker. Resolves when every worker has reported.
 */
export declare function runInWorkers(scenario: Scenario, options: WorkersOptions): Promise<WorkersOutcome>;
/**
 * Whether this thread runs worker 1's slice itself (local-carrier.ts) rather than a thread of its
 * own: its first request then leaves as soon as one thread's would, and one thread fewer starts on
 * cores the others need. Not for child processes (they are chosen for descriptors of their own),
 * nor beside the embedded demo server (a run without a target), which keeps this thread busy.
 */
export declare function runsFirstSliceHere(scenario: Scenario, mode: WorkerMode): boolean;
