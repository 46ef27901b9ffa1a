import type { Worker } from 'node:worker_threads';
import type { ScenarioSource } from './protocol.ts';
/** Starts `count` worker threads that wait for their source and task. */
export declare function prestartWorkerThreads(count: number): void;
/** The scenario's file, text and options: the waiting threads parse it now. */
export declare function sendSourceToPrestarted(source: ScenarioSource): void;
/**
 * Up to `count` waiting threads, given this very source (the same options object the CLI sent:
 * they parsed the scenario with it); the threads not taken end.
 */
export declare function takePrestarted(count: number, source: Pick<ScenarioSource, 'file' | 'load'>): Worker[];
/** The run needs no worker thread (one worker, child processes): the waiting ones end. */
export declare function endPrestarted(): void;
/** Threads started and not yet taken (the tests' view). */
export declare function prestartedCount(): number;
