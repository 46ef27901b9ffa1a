// Worker threads started before the scenario is parsed: a thread's start-up (its isolate, Node's
// bootstrap, dist/worker.cjs compiled and run, about 0.1 s of CPU) then overlaps the parent's own
// (its modules, the scenario file), and each thread parses the scenario as soon as the CLI has read
// it (its text and options are sent), while the parent parses it too. The pool (pool.ts) takes the threads it needs;
// the others end. Started threads are unref'd until taken: a run that fails before it needs them
// (a scenario error, one worker after all) exits as it would have without them.
import type { Worker } from 'node:worker_threads';
import { workerEntry } from './entry.ts';
import type { ScenarioSource, SourceMessage } from './protocol.ts';

let waiting: Worker[] = [];
let sent: ScenarioSource | undefined;

/** Starts `count` worker threads that wait for their source and task. */
export function prestartWorkerThreads(count: number): void {
  for (let i = 0; i < count; i++) {
    const worker = workerEntry();
    worker.unref();
    // A thread that failed or ended before it was taken is not handed out: the pool starts a new one, and says why if it fails too.
    const drop = (): void => void (waiting = waiting.filter((w) => w !== worker));
    worker.once('error', drop);
    worker.once('exit', drop);
    waiting.push(worker);
  }
}

/** The scenario's file, text and options: the waiting threads parse it now. */
export function sendSourceToPrestarted(source: ScenarioSource): void {
  sent = source;
  for (const worker of waiting) worker.postMessage({ type: 'source', source } satisfies SourceMessage);
}

/**
 * Up to `count` waiting threads, given this very source (the same options object the CLI sent:
 * they parsed the scenario with it); the threads not taken end.
 */
export function takePrestarted(count: number, source: Pick<ScenarioSource, 'file' | 'load'>): Worker[] {
  const usable = sent !== undefined && sent.load === source.load && sent.file === source.file ? waiting.splice(0, count) : [];
  endPrestarted();
  for (const worker of usable) worker.ref();
  return usable;
}

/** The run needs no worker thread (one worker, child processes): the waiting ones end. */
export function endPrestarted(): void {
  for (const worker of waiting.splice(0)) void worker.terminate();
  sent = undefined;
}

/** Threads started and not yet taken (the tests' view). */
export function prestartedCount(): number {
  return waiting.length;
}
