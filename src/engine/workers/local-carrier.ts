// The parent's own slice: worker 1's share of the load run in this thread, beside the merge of the
// others', so a run with workers sends its first request without waiting for a thread to start
// (bench/startup.ts). It carries the protocol's messages as a thread does, so the pool treats it as
// one: each message a structured clone, delivered after the current task, held until a listener.
import type { Scenario } from '../../scenario/index.ts';
import type { WorkerCarrier } from './carrier.ts';
import type { ParentMessage, WorkerMessage } from './protocol.ts';
import { runSlice } from './slice.ts';

/** One direction of messages: sent in order, each delivered in a microtask, none lost before the first listener. */
function channel<M>() {
  const listeners: ((message: M) => void)[] = [];
  const held: M[] = [];
  return {
    send(message: M): void {
      const copy = structuredClone(message);
      queueMicrotask(() => {
        if (listeners.length === 0) return void held.push(copy);
        for (const listener of listeners) listener(copy);
      });
    },
    listen(listener: (message: M) => void): void {
      listeners.push(listener);
      for (const message of held.splice(0)) listener(message);
    },
  };
}

/**
 * A carrier whose worker is this thread: given its task, it runs the slice of `scenario` (the one
 * the parent loaded: no second parse). A failure reaches the pool as the error itself (its class and
 * stack), as this thread's own run would throw it.
 */
export function localCarrier(scenario: Scenario): WorkerCarrier {
  const toSlice = channel<ParentMessage>();
  const toPool = channel<WorkerMessage>();
  const errorListeners: ((error: Error) => void)[] = [];
  let exit!: (code: number) => void;
  const exited = new Promise<number | null>((resolve) => (exit = resolve));
  const link = { post: async (message: WorkerMessage) => toPool.send(message), onMessage: toSlice.listen };
  return {
    post(message) {
      if (message.type === 'source') return;
      if (message.type !== 'task') return toSlice.send(message);
      runSlice(scenario, message.task, link).then(
        (record) => {
          toPool.send({ type: 'done', record });
          // After the record's delivery (microtasks run in order): the pool takes an exit before it as a worker lost.
          queueMicrotask(() => exit(0));
        },
        (error: unknown) => {
          const e = error instanceof Error ? error : new Error(String(error));
          for (const listener of errorListeners) listener(e);
          exit(1);
        },
      );
    },
    onMessage: toPool.listen,
    onError: (listener) => void errorListeners.push(listener),
    exited,
    end: () => {},
  };
}
