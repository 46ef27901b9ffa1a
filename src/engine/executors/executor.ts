import { settleWithin, type StopSignal } from '../stop-signal.ts';
import type { VirtualUser } from '../virtual-user.ts';

/** What an executor gets from the run: VUs, iterations, the test-wide stop, a clock. */
export interface ExecutorContext {
  /** A new VU (counted in vus_max). */
  newVu(): VirtualUser;
  /** One iteration of the flow; `scheduledAt` for open-model executors. */
  runIteration(vu: VirtualUser, scheduledAt?: number): Promise<void>;
  /** Opens the VU's warm session ahead of its first iteration (a no-op for per-iteration sessions). */
  openSession(vu: VirtualUser): Promise<void>;
  /** VUs currently running (the `vus` gauge) changed by `delta`. */
  activeVus(delta: number): void;
  droppedIteration(): void;
  /** Fired for a graceful test-wide stop (SIGINT, abortOnFail): no new iterations start. */
  stop: StopSignal;
  /** Fired for an immediate stop (a second signal): the graceful stop is not waited for. */
  abort: StopSignal;
  /** Gives up on a VU whose interrupted iteration did not return: it is counted as interrupted, and no longer awaited. */
  abandon(vu: VirtualUser): void;
  now(): number;
}

/** k6's executor interface in small: a planned duration, and a run that schedules VUs and iterations. */
export interface Executor {
  /** Planned duration without the graceful stop, for progress. */
  readonly durationMs: number;
  /**
   * Work before the measured window starts (the open model's preallocated VUs open their
   * sessions), so the schedule does not begin with a handshake storm. Bounded by the run.
   */
  setup?(ctx: ExecutorContext): Promise<void>;
  run(ctx: ExecutorContext): Promise<void>;
}

/** A closed-model VU loop: iterations back to back until `keepGoing` says no. */
export async function vuLoop(vu: VirtualUser, ctx: ExecutorContext, keepGoing: () => boolean): Promise<void> {
  ctx.activeVus(1);
  try {
    while (!vu.retired && !vu.interrupt.fired && !ctx.stop.fired && keepGoing()) {
      await ctx.runIteration(vu);
      // An iteration can fail without ever leaving the microtask queue (EMFILE arrives by nextTick):
      // a turn of the event loop lets timers and signal handlers run.
      await yieldToEventLoop();
    }
  } finally {
    ctx.activeVus(-1);
  }
}

/** The turn every VU that yields now waits for: one immediate and one promise for all of them, not one each per iteration. */
let nextTurn: Promise<void> | null = null;

function yieldToEventLoop(): Promise<void> {
  nextTurn ??= new Promise<void>((resolve) =>
    setImmediate(() => {
      nextTurn = null;
      resolve();
    }),
  );
  return nextTurn;
}

/**
 * After an interrupt, how long VUs get to return before the run stops waiting for them. An
 * interrupt aborts a VU's requests, so they return at once unless something ignores it.
 */
export const INTERRUPT_GRACE_MS = 1000;

/**
 * k6's graceful stop: once the schedule is over, running iterations get `graceMs` to finish (none
 * after a hard stop); whatever still runs then is interrupted (counted as interrupted iterations).
 * An iteration that ignores its interrupt cannot hold the run: after INTERRUPT_GRACE_MS it is
 * abandoned, and the run goes on to its results.
 */
export async function finishGracefully(loops: Promise<void>[], vus: readonly VirtualUser[], graceMs: number, ctx: ExecutorContext): Promise<void> {
  for (const vu of vus) vu.retired = true;
  const all = Promise.all(loops);
  if (await settleWithin(all, graceMs, ctx.abort)) return;
  for (const vu of vus) vu.interrupt.fire();
  if (await settleWithin(all, INTERRUPT_GRACE_MS)) return;
  for (const vu of vus) if (vu.running) ctx.abandon(vu);
}

/** Waits for `work` until `deadline` (ctx clock) at most, or until the test is stopped. */
export async function until(deadline: number, ctx: ExecutorContext, work: Promise<unknown>): Promise<void> {
  await settleWithin(work, deadline - ctx.now(), ctx.stop);
}
