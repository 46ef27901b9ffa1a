import type { LoadOptions } from '../../scenario/index.ts';
import type { Shard } from '../../scenario/index.ts';
import type { MetricsSnapshot } from '../metrics/index.ts';
import type { Progress } from '../run.ts';
import type { RunRecord } from './record.ts';
import type { ShareMessage, ShareOut } from './share.ts';
import type { TokenizerAnswer, TokenizerAsk } from './tokenizer-relay.ts';
/**
 * What a worker is given (its `task` message): a scenario holds functions (templates, checks), so
 * each worker loads the file itself with the parent's options, and runs its slice.
 */
export interface WorkerTask {
    file: string;
    load: Omit<LoadOptions, 'readFile'>;
    url: string;
    /** The slice of the process's load this worker runs: `index` of the worker count. */
    slice: Shard;
    /** The process's own `--shard i/n`, sliced again among the workers. */
    shard?: Shard;
    /** Metrics the parent's abortOnFail thresholds read: sent with each progress tick. */
    thresholdMetrics: readonly string[];
}
/** The file and options a worker loads the scenario with: all of the task a thread started before the parse can be given. */
export type ScenarioSource = Pick<WorkerTask, 'file' | 'load'>;
/** `go`: every worker is ready, start the load (so that none starts late by its own start-up). */
export type ParentMessage = {
    type: 'stop';
} | {
    type: 'abort';
} | {
    type: 'go';
} | ShareMessage | TokenizerAnswer;
/**
 * A worker's first messages: its scenario's source (a thread started early, prestart.ts, loads the
 * scenario on it while the parent parses the file too), then its task, which carries the source as well.
 */
export type SourceMessage = {
    type: 'source';
    source: ScenarioSource;
};
export type TaskMessage = {
    type: 'task';
    task: WorkerTask;
};
export type WorkerMessage = {
    type: 'ready';
} | {
    type: 'progress';
    progress: Progress;
    metrics?: MetricsSnapshot;
} | {
    type: 'done';
    record: RunRecord;
} | {
    type: 'failed';
    name: string;
    message: string;
} | ShareOut | TokenizerAsk;
