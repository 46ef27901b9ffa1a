/** The target never answered `initialize` within the wait. */
export declare class TargetNotReadyError extends Error {
    name: string;
}
/** A signal (Ctrl-C, a cancelled workflow) stopped the wait before the target answered: no load ran. */
export declare class WaitInterruptedError extends Error {
    name: string;
}
