import type { LoadOptions, ScenarioText } from '../../scenario/index.ts';
import type { Shard } from '../../scenario/index.ts';
import type { MetricsSnapshot } from '../metrics/index.ts';
import type { Progress } from '../run.ts';
import type { RunRecord } from './record.ts';
import type { ShareMessage, ShareOut } from './share.ts';
import type { TokenizerAnswer, TokenizerAsk } from './tokenizer-relay.ts';
/**
 * What a worker is given (its `task` message): a scenario holds functions (templates, checks), so
 * each worker parses it itself, from the bytes the parent parsed and with the parent's options, and runs its slice.
 */
export interface WorkerTask {
    /** Names the scenario in errors and anchors its data paths; the worker does not read it. */
    file: string;
    /** The parent's scenario text and data files: a file changed during the run changes no worker's scenario. */
    source: ScenarioText;
    load: Omit<LoadOptions, 'readFile'>;
    url: string;
    /** The slice of the process's load this worker runs: `index` of the worker count. */
    slice: Shard;
    /** The process's own `--shard i/n`, sliced again among the workers. */
    shard?: Shard;
    /** Metrics the parent's abortOnFail thresholds read: sent with each progress tick. */
    thresholdMetrics: readonly string[];
}
/**
 * What a worker parses the scenario from: the file's name, its text and the options, and the data
 * files as the parent read them. A thread started before the parse is given no data files: it reads
 * them itself, and its task's `source` confirms or replaces that parse.
 */
export type ScenarioSource = Pick<WorkerTask, 'file' | 'load'> & {
    text: string;
    dataFiles?: ScenarioText['dataFiles'];
};
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
