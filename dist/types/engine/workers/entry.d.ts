import type { Worker } from 'node:worker_threads';
/**
 * Starts a worker thread on worker-main: the bundled `worker.cjs` beside the bundle that runs this
 * (dist/cli-main.cjs, dist/index.js), or, from the TypeScript sources, worker-main.ts through the loader
 * this process was started with (a worker thread does not inherit `--import` hooks on Node 20):
 * one given as a file URL (the test suite's, scripts/test-loader/), else tsx's. Its task comes as
 * messages (protocol.ts), so that it can be started before the task is known (prestart.ts).
 */
export declare function workerEntry(): Worker;
