import type { Scenario, WorkerMode } from '../../scenario/index.ts';
import { evaluateThresholds, mergeSnapshots, type MetricsSnapshot } from '../metrics/index.ts';
import { WaitInterruptedError } from '../readiness-errors.ts';
import type { Progress } from '../run.ts';
import type { StopSignal } from '../stop-signal.ts';
import { combineProgress } from './progress.ts';
import type { ParentMessage, WorkerMessage, WorkerTask } from './protocol.ts';
import type { RunRecord } from './record.ts';
import { startCarrier, type WorkerCarrier } from './carrier.ts';
import { localCarrier } from './local-carrier.ts';
import { takePrestarted } from './prestart.ts';
import { TokenizerService } from './tokenizer-relay.ts';

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
export class WorkerError extends Error {
  override name = 'WorkerError';
}

/**
 * Runs the load in `workers` threads or processes, each its exact slice (`--shard i/n` inside one process):
 * one combined progress line, abortOnFail judged on the whole (each tick, from the workers' metric
 * snapshots), stop and abort forwarded to every worker. Resolves when every worker has reported.
 */
export async function runInWorkers(scenario: Scenario, options: WorkersOptions): Promise<WorkersOutcome> {
  const aborting = scenario.thresholds.filter((t) => t.abortOnFail);
  const thresholdMetrics = [...new Set(aborting.map((t) => t.metric))];
  const n = options.workers;
  const latest: (Progress | undefined)[] = new Array(n).fill(undefined);
  const ticks: number[] = new Array(n).fill(0);
  const metrics: (MetricsSnapshot | undefined)[] = new Array(n).fill(undefined);
  const finished: boolean[] = new Array(n).fill(false);
  let shown = 0;
  let ready = 0;
  let interrupted: WorkersOutcome['interrupted'];

  const here = runsFirstSliceHere(scenario, options.mode) ? 1 : 0;
  // Threads the CLI started before it parsed the scenario (prestart.ts), as many as there are and are needed.
  const prestarted = takePrestarted(options.mode === 'thread' ? n - here : 0, { file: options.file, load: options.load });
  const threads = Array.from({ length: n }, (_, i) => {
    const task: WorkerTask = {
      file: options.file,
      source: scenario.source,
      load: options.load,
      url: options.url,
      slice: { index: i + 1, count: n },
      thresholdMetrics,
    };
    if (options.shard) task.shard = options.shard;
    return startWorker(task, i < here ? localCarrier(scenario) : startCarrier(options.mode, prestarted[i - here]));
  });
  const send = (message: ParentMessage): void => {
    for (const [i, t] of threads.entries()) if (!finished[i]) t.carrier.post(message);
  };
  // The leader's findings go to every other worker (see share.ts).
  const forwardShare = (from: number, message: ParentMessage): void => {
    for (const [i, t] of threads.entries()) if (i !== from && !finished[i]) t.carrier.post(message);
  };
  // One tokenizer for the run, the parent's: every worker's sample is counted by it.
  const tokens = new TokenizerService();
  const offStop = options.stop.onFire(() => send({ type: 'stop' }));
  const offAbort = options.abort.onFire(() => send({ type: 'abort' }));

  // A second of the whole is shown once every running worker has reported it.
  const onTick = (): void => {
    const running = ticks.filter((_, i) => !finished[i]);
    const round = running.length === 0 ? Math.max(...ticks) : Math.min(...running);
    if (round <= shown) return;
    shown = round;
    const parts = latest.filter((p): p is Progress => p !== undefined);
    const whole = combineProgress(parts);
    options.onProgress?.(whole);
    if (interrupted === undefined && abortingThresholdFailed(aborting, metrics, whole)) {
      interrupted = 'threshold';
      options.stop.fire();
    }
  };

  try {
    const records = await Promise.all(
      threads.map(async (t, i) => {
        const record = await t
          .run((message) => {
            if (message.type === 'ready') return void (++ready === n && send({ type: 'go' }));
            if (message.type === 'share') return forwardShare(i, message);
            if (message.type === 'ask') return void (i !== 0 && !finished[0] && threads[0].carrier.post(message));
            if (message.type === 'tokenizer-start' || message.type === 'count-tokens')
              return tokens.answer(message, (answer) => void (!finished[i] && threads[i].carrier.post(answer)));
            if (message.type !== 'progress') return;
            latest[i] = message.progress;
            if (message.metrics) metrics[i] = message.metrics;
            ticks[i]++;
            onTick();
          })
          .finally(() => {
            finished[i] = true;
            // Followers no longer wait on the leader: they find out for themselves from now on.
            if (i === 0) send({ type: 'leader-gone' });
          });
        return record;
      }),
    ).catch(async (error: unknown) => {
      // One worker failed: the others stop at once, and the failure is the run's.
      options.abort.fire();
      await Promise.allSettled(threads.map((t) => t.exited));
      throw error;
    });
    return interrupted ? { records, interrupted } : { records };
  } finally {
    offStop();
    offAbort();
    tokens.end();
  }
}

/**
 * Whether this thread runs worker 1's slice itself (local-carrier.ts) rather than a thread of its
 * own: its first request then leaves as soon as one thread's would, and one thread fewer starts on
 * cores the others need. Not for child processes (they are chosen for descriptors of their own),
 * nor beside the embedded demo server (a run without a target), which keeps this thread busy.
 */
export function runsFirstSliceHere(scenario: Scenario, mode: WorkerMode): boolean {
  return mode === 'thread' && scenario.target !== undefined;
}

function abortingThresholdFailed(aborting: Scenario['thresholds'], metrics: readonly (MetricsSnapshot | undefined)[], whole: Progress): boolean {
  const due = aborting.filter((t) => whole.elapsedMs >= t.delayAbortEvalMs);
  const parts = metrics.filter((m): m is MetricsSnapshot => m !== undefined);
  if (due.length === 0 || whole.warmingUp || parts.length === 0) return false;
  const merged = parts.reduce((a, b) => mergeSnapshots(a, b));
  return evaluateThresholds(merged, due, { nowMs: Date.now(), ignoreEmpty: true }).some((r) => !r.ok);
}

interface RunningWorker {
  carrier: WorkerCarrier;
  /** Resolves with the worker's record; rejects with its failure. */
  run(onMessage: (message: WorkerMessage) => void): Promise<RunRecord>;
  exited: Promise<unknown>;
}

function startWorker(task: WorkerTask, carrier: WorkerCarrier): RunningWorker {
  carrier.post({ type: 'task', task });
  return {
    carrier,
    exited: carrier.exited,
    run: (onMessage) =>
      new Promise<RunRecord>((resolve, reject) => {
        let settled = false;
        carrier.onMessage((message) => {
          if (message.type !== 'done' && message.type !== 'failed') return onMessage(message);
          settled = true;
          if (message.type === 'failed') return reject(rebuilt(message));
          resolve(message.record);
          carrier.end();
        });
        carrier.onError((error) => {
          if (!settled) reject(error);
          settled = true;
        });
        void carrier.exited.then((code) => {
          if (!settled) reject(new WorkerError(`worker ${task.slice.index}/${task.slice.count} exited (code ${code}) without a result`));
          settled = true;
        });
      }),
  };
}

/** The worker's failure as the parent's error: an interrupted readiness wait keeps its class (the CLI exits 130 on it). */
function rebuilt(message: { name: string; message: string }): Error {
  const error = message.name === 'WaitInterruptedError' ? new WaitInterruptedError(message.message) : new WorkerError(message.message);
  if (message.name !== 'WaitInterruptedError') error.name = message.name;
  return error;
}
