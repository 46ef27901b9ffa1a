import type { Comparison } from '../compare/index.ts';
import type { Result } from '../results/index.ts';
/** One second of the live run, as the engine's ticker reports it. */
export interface LiveSample {
    /** Epoch ms. */
    timeMs: number;
    vus: number;
    /** Since the start of the run. */
    totalCalls: number;
    totalErrors: number;
    /** In the last second. */
    callsPerSecond: number;
    errorsPerSecond: number;
}
/**
 * Where a run's figures go besides result.json. `sample` is called once a second and must not block
 * (pushes go out in the background, one at a time); `finish` gets the finished result and, where
 * one was made, the comparison with a baseline. Failures are returned as lines for the user, never thrown.
 */
export interface Output {
    /** `junit=results.xml`, as given. */
    readonly description: string;
    sample?(sample: LiveSample): void;
    finish(result: Result, comparison?: Comparison): Promise<string[]>;
}
