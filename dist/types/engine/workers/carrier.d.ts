import type { ChildProcess } from 'node:child_process';
import type { Worker } from 'node:worker_threads';
import type { WorkerMode } from '../../scenario/index.ts';
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
/** Starts a worker (or takes a thread started before the parse, prestart.ts); the pool gives it its task. */
export declare function startCarrier(mode: WorkerMode, prestarted?: Worker): WorkerCarrier;
/** Exported for its test; the pool starts carriers with startCarrier. */
export declare function processCarrier(child: ChildProcess): WorkerCarrier;
