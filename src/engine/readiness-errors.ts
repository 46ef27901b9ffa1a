// The wait for the target's errors, on their own: the CLI and the worker pool check for them
// without loading the wait itself (the MCP client).

/** The target never answered `initialize` within the wait. */
export class TargetNotReadyError extends Error {
  override name = 'TargetNotReadyError';
}

/** A signal (Ctrl-C, a cancelled workflow) stopped the wait before the target answered: no load ran. */
export class WaitInterruptedError extends Error {
  override name = 'WaitInterruptedError';
}
