import { StopSignal } from './stop-signal.ts';
/**
 * SIGINT/SIGTERM (Ctrl-C, a cancelled workflow) stop the run gracefully so the results of what ran
 * are still written; a second signal stops it at once. Returns the function that unhooks them.
 */
export declare function stopOnSignals(stop: StopSignal, abort: StopSignal, onFirst?: () => void): () => void;
/** Runs `run` with a graceful `stop` and a hard `abort` fired by SIGINT/SIGTERM (see stopOnSignals). */
export declare function withStopSignals<T>(onFirst: () => void, run: (signals: {
    stop: StopSignal;
    abort: StopSignal;
}) => Promise<T>): Promise<T>;
