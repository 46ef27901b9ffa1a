import { StopSignal } from './stop-signal.ts';

/**
 * SIGINT/SIGTERM (Ctrl-C, a cancelled workflow) stop the run gracefully so the results of what ran
 * are still written; a second signal stops it at once. Returns the function that unhooks them.
 */
export function stopOnSignals(stop: StopSignal, abort: StopSignal, onFirst?: () => void): () => void {
  const onSignal = (): void => {
    if (!stop.fired) {
      onFirst?.();
      stop.fire();
    } else {
      abort.fire();
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/** Runs `run` with a graceful `stop` and a hard `abort` fired by SIGINT/SIGTERM (see stopOnSignals). */
export async function withStopSignals<T>(onFirst: () => void, run: (signals: { stop: StopSignal; abort: StopSignal }) => Promise<T>): Promise<T> {
  const stop = new StopSignal();
  const abort = new StopSignal();
  const unhook = stopOnSignals(stop, abort, onFirst);
  try {
    return await run({ stop, abort });
  } finally {
    unhook();
  }
}
