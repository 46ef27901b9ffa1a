import type { ChildProcess } from 'node:child_process';
import type { Worker } from 'node:worker_threads';
import type { WorkerMode } from '../../scenario/index.ts';
import { workerEntry } from './entry.ts';
import { processEntry } from './process-entry.ts';
import type { ParentMessage, SourceMessage, TaskMessage, WorkerMessage } from './protocol.ts';

/** A worker as the pool sees it, whether a thread or a child process. */
export interface WorkerCarrier {
  post(message: ParentMessage | SourceMessage | TaskMessage): void;
  onMessage(listener: (message: WorkerMessage) => void): void;
  /** The worker itself failed (a thread's uncaught error, a process that could not start); never a message that could not be delivered. */
  onError(listener: (error: Error) => void): void;
  /** Resolves with the exit code once the worker has ended. */
  exited: Promise<number | null>;
  /** Its work is done: a handle it still holds (a lingering socket) must not keep the run waiting. */
  end(): void;
}

/** A reported worker process exits by itself; one that does not within this is killed. */
const PROCESS_EXIT_GRACE_MS = 2_000;

/** Starts a worker (or takes a thread started before the parse, prestart.ts); the pool gives it its task. */
export function startCarrier(mode: WorkerMode, prestarted?: Worker): WorkerCarrier {
  return mode === 'process' ? processCarrier(processEntry()) : threadCarrier(prestarted ?? workerEntry());
}

function threadCarrier(worker: Worker): WorkerCarrier {
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.on('message', listener),
    onError: (listener) => worker.once('error', listener),
    exited: new Promise((resolve) => worker.once('exit', resolve)),
    end: () => void worker.terminate(),
  };
}

/** Exported for its test; the pool starts carriers with startCarrier. */
export function processCarrier(child: ChildProcess): WorkerCarrier {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // An 'error' with no listener would end the parent: a failed spawn or kill goes to onError's listener too.
  child.on('error', () => {});
  return {
    // A message sent as the worker ends fails to write (EPIPE): not the worker's failure, which its
    // last message or its exit says. Given a callback, send reports that there, not as an 'error'.
    post: (message) => {
      if (child.connected) child.send(message, ignoreSendError);
    },
    onMessage: (listener) => child.on('message', (message) => listener(message as WorkerMessage)),
    onError: (listener) => child.once('error', listener),
    exited,
    end: () => {
      const kill = setTimeout(() => child.kill('SIGKILL'), PROCESS_EXIT_GRACE_MS);
      kill.unref();
      void exited.then(() => clearTimeout(kill));
    },
  };
}

function ignoreSendError(): void {}
