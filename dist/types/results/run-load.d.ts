import { type Progress } from '../engine/index.ts';
import type { StopSignal } from '../engine/index.ts';
import type { WorkerTask } from '../engine/index.ts';
import { type Shard } from '../scenario/index.ts';
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
    /** Worker threads (see engine/workers/count.ts for the default); 1 runs the load in this thread. */
    workers: number;
    /** How the workers load the scenario file again: the options this process loaded it with. */
    load: WorkerTask['load'];
    env?: NodeJS.ProcessEnv;
}
/** Runs the scenario (in this thread, or in worker threads merged exactly) and returns its result. */
export declare function runLoad(scenario: Scenario, run: LoadRun): Promise<Result>;
