/** A one-shot signal: `fired` for polling in loops, listeners for waking sleepers early. */
export declare class StopSignal {
    fired: boolean;
    private readonly listeners;
    fire(): void;
    /** Calls `listener` once when fired; returns the function that unsubscribes it. */
    onFire(listener: () => void): () => void;
    /** Resolves when fired. */
    wait(): Promise<void>;
}
/** Waits `ms`, or less when `stop` fires first; neither the timer nor the listener outlives the wait. */
export declare function sleep(ms: number, stop?: StopSignal): Promise<void>;
/**
 * Waits for `work` to settle, for at most `ms` or until `stop` fires; true when the work settled
 * first. The timer is cleared either way, so a long bound (maxDuration, gracefulStop) does not
 * keep the process alive after the work is done.
 */
export declare function settleWithin(work: Promise<unknown>, ms: number, stop?: StopSignal): Promise<boolean>;
