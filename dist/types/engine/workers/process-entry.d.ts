import { type ChildProcess } from 'node:child_process';
/**
 * Starts a worker process on worker-main, as workerEntry starts a thread: the bundled `worker.cjs`
 * beside the bundle, or worker-main.ts under tsx from the sources. `advanced` serialization is the
 * structured clone a thread's messages use, so both carry the same protocol. The task goes as the
 * first message, sent by the carrier (it holds the environment the scenario reads, which argv would show to `ps`).
 */
export declare function processEntry(): ChildProcess;
