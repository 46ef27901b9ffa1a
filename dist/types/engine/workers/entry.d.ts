import { Worker } from 'node:worker_threads';
import type { WorkerTask } from './protocol.ts';
/**
 * Starts a worker thread on worker-main: the bundled `worker.js` beside the bundle that runs this
 * (dist/cli.js, dist/index.js), or, from the TypeScript sources, worker-main.ts through tsx's
 * loader (a worker thread does not inherit the parent's `--import tsx` hooks on Node 20).
 */
export declare function workerEntry(task: WorkerTask): Worker;
