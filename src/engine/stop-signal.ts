/** A one-shot signal: `fired` for polling in loops, listeners for waking sleepers early. */
export class StopSignal {
  fired = false;
  private readonly listeners = new Set<() => void>();

  fire(): void {
    if (this.fired) return;
    this.fired = true;
    for (const listener of this.listeners) listener();
    this.listeners.clear();
  }

  /** Calls `listener` once when fired; returns the function that unsubscribes it. */
  onFire(listener: () => void): () => void {
    if (this.fired) {
      listener();
      return noop;
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when fired. */
  wait(): Promise<void> {
    return new Promise<void>((resolve) => this.onFire(resolve));
  }
}

function noop(): void {}

/** Waits `ms`, or less when `stop` fires first; neither the timer nor the listener outlives the wait. */
export function sleep(ms: number, stop?: StopSignal): Promise<void> {
  if (ms <= 0 || stop?.fired) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const unsubscribe = stop ? stop.onFire(done) : noop;
  });
}

/**
 * Waits for `work` to settle, for at most `ms` or until `stop` fires; true when the work settled
 * first. The timer is cleared either way, so a long bound (maxDuration, gracefulStop) does not
 * keep the process alive after the work is done.
 */
export async function settleWithin(work: Promise<unknown>, ms: number, stop?: StopSignal): Promise<boolean> {
  const over = new StopSignal();
  const unsubscribe = stop ? stop.onFire(() => over.fire()) : noop;
  let settled = false;
  try {
    await Promise.race([work.then(() => (settled = true)), sleep(ms, over)]);
  } finally {
    unsubscribe();
    over.fire();
  }
  return settled;
}
