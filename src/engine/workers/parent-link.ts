import { parentPort } from 'node:worker_threads';
import type { ParentMessage, ScenarioSource, SourceMessage, TaskMessage, WorkerMessage, WorkerTask } from './protocol.ts';

/** A worker's side of its messages, whether it is a thread (its MessagePort) or a child process (its IPC channel). */
export interface ParentLink {
  /** Threads or processes: a process checks its own descriptors, and ignores signals (the parent forwards them). */
  mode: 'thread' | 'process';
  /** The scenario's file, text and options: known before the task to a thread started early. */
  source: Promise<ScenarioSource>;
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

/** The first messages (source, task) resolve their promises; the others go to the listeners, held until there is one. */
function messageRouter() {
  let gotSource!: (source: ScenarioSource) => void;
  let gotTask!: (task: WorkerTask) => void;
  const source = new Promise<ScenarioSource>((resolve) => (gotSource = resolve));
  const task = new Promise<WorkerTask>((resolve) => (gotTask = resolve));
  const listeners: ((message: ParentMessage) => void)[] = [];
  // Held until the worker listens: a stop sent during start-up still stops.
  const early: ParentMessage[] = [];
  const deliver = (message: ParentMessage): void => {
    if (listeners.length === 0) early.push(message);
    for (const listener of listeners) listener(message);
  };
  const route = (message: SourceMessage | TaskMessage | ParentMessage): void => {
    if (message.type === 'source') return gotSource(message.source);
    if (message.type !== 'task') return deliver(message);
    gotSource({ file: message.task.file, load: message.task.load, ...message.task.source });
    gotTask(message.task);
  };
  const onMessage = (listener: (message: ParentMessage) => void): void => {
    listeners.push(listener);
    for (const message of early.splice(0)) listener(message);
  };
  return { source, task, route, deliver, onMessage };
}

function threadLink(): ParentLink {
  const port = parentPort!;
  const router = messageRouter();
  port.on('message', router.route);
  return {
    mode: 'thread',
    source: router.source,
    task: router.task,
    post: async (message) => port.postMessage(message),
    onMessage: router.onMessage,
    close: () => port.close(),
  };
}

function processLink(): ParentLink {
  if (!process.send) throw new Error('worker-main runs as a worker thread or a forked child process, not on its own');
  // A terminal's Ctrl-C reaches the whole process group: only the parent decides, and tells each worker.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => {});
  const router = messageRouter();
  process.on('message', router.route);
  process.once('disconnect', () => router.deliver({ type: 'abort' }));
  return {
    mode: 'process',
    source: router.source,
    task: router.task,
    post: (message) =>
      new Promise((resolve) => {
        if (!process.connected) return resolve();
        process.send!(message, undefined, {}, () => resolve());
      }),
    onMessage: router.onMessage,
    // Sockets the run left (a lingering keep-alive) must not keep the process: its record is sent.
    close: () => process.exit(0),
  };
}
