import type { ParentMessage, ScenarioSource, WorkerMessage, WorkerTask } from './protocol.ts';
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
export declare function parentLink(): ParentLink;
