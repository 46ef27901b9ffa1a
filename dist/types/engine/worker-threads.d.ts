/**
 * node:worker_threads, loaded when the first thread starts (a worker, the tokenizer): a run in one
 * thread does without it before its first request (1 ms of its start-up).
 */
export declare function workerThreads(): typeof import('node:worker_threads');
