import { type Progress, type StopSignal, type WorkerTask } from '../engine/index.ts';
import { type Shard, type WorkerMode } from '../scenario/index.ts';
import type { Scenario } from '../scenario/index.ts';
import type { Result } from './types.ts';
export interface LoadRun {
    url: string;
    stop: StopSignal;
    abort: StopSignal;
    onProgress?: (progress: Progress) => void;
    /** A pre-flight warning (ephemeral ports…), before the load starts. */
    onWarning?: (warning: string) => void;
    shard?: Shard;
    /** Workers (see engine/workers/count.ts for the default); 1 runs the load in this thread. */
    workers: number;
    /** Threads or child processes; undefined: resolveWorkerMode's choice (engine/workers/mode.ts). */
    workerMode?: WorkerMode;
    /** How the workers load the scenario file again: the options this process loaded it with. */
    load: WorkerTask['load'];
    env?: NodeJS.ProcessEnv;
}
/** Runs the scenario (in this thread, or in workers merged exactly) and returns its result. */
export declare function runLoad(scenario: Scenario, run: LoadRun): Promise<Result>;
