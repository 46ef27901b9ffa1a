import { createRequire } from 'node:module';

/**
 * node:worker_threads, loaded when the first thread starts (a worker, the tokenizer): a run in one
 * thread does without it before its first request (1 ms of its start-up).
 */
export function workerThreads(): typeof import('node:worker_threads') {
  return createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
}
