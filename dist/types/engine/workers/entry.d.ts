import { Worker } from 'node:worker_threads';
import type { WorkerTask } from './protocol.ts';
/**
 * Starts a worker thread on worker-main: the bundled `worker.js` beside the bundle that runs this
 * (dist/cli.js, dist/index.js), or, from the TypeScript sources, worker-main.ts through the loader
 * this process was started with (a worker thread does not inherit `--import` hooks on Node 20):
 * one given as a file URL (the test suite's, scripts/test-loader/), else tsx's.
 */
export declare function workerEntry(task: WorkerTask): Worker;
