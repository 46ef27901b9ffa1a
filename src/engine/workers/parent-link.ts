import { parentPort, workerData } from 'node:worker_threads';
import type { ParentMessage, TaskMessage, WorkerMessage, WorkerTask } from './protocol.ts';

/** A worker's side of its messages, whether it is a thread (its MessagePort) or a child process (its IPC channel). */
export interface ParentLink {
  /** Threads or processes: a process checks its own descriptors, and ignores signals (the parent forwards them). */
  mode: 'thread' | 'process';
  task: Promise<WorkerTask>;
  post(message: WorkerMessage): Promise<void>;
  /** Stop and abort from the parent; a process whose parent went away is aborted. */
  onMessage(listener: (message: ParentMessage) => void): void;
  /** The last message is posted: let the worker end. */
  close(): void;
}

export function parentLink(): ParentLink {
  return parentPort ? threadLink() : processLink();
}

function threadLink(): ParentLink {
  const port = parentPort!;
  return {
    mode: 'thread',
    task: Promise.resolve(workerData as WorkerTask),
    post: async (message) => port.postMessage(message),
    onMessage: (listener) => port.on('message', listener),
    close: () => port.close(),
  };
}

function processLink(): ParentLink {
  if (!process.send) throw new Error('worker-main runs as a worker thread or a forked child process, not on its own');
  // A terminal's Ctrl-C reaches the whole process group: only the parent decides, and tells each worker.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => {});
  const listeners: ((message: ParentMessage) => void)[] = [];
  // Held until the worker listens, as a MessagePort holds a thread's: a stop sent during start-up still stops.
  const early: ParentMessage[] = [];
  const deliver = (message: ParentMessage): void => {
    if (listeners.length === 0) early.push(message);
    for (const listener of listeners) listener(message);
  };
  const task = new Promise<WorkerTask>((resolve) => {
    process.on('message', (message: TaskMessage | ParentMessage) => (message.type === 'task' ? resolve(message.task) : deliver(message)));
  });
  process.once('disconnect', () => deliver({ type: 'abort' }));
  return {
    mode: 'process',
    task,
    post: (message) =>
      new Promise((resolve) => {
        if (!process.connected) return resolve();
        process.send!(message, undefined, {}, () => resolve());
      }),
    onMessage: (listener) => {
      listeners.push(listener);
      for (const message of early.splice(0)) listener(message);
    },
    // Sockets the run left (a lingering keep-alive) must not keep the process: its record is sent.
    close: () => process.exit(0),
  };
}
