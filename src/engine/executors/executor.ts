import type { ScenarioSpec } from '../../scenario/types.ts';
import { settleWithin, type StopSignal } from '../stop-signal.ts';
import type { VirtualUser } from '../virtual-user.ts';

/** What an executor gets from the run: VUs, iterations, the test-wide stop, a clock. */
export interface ExecutorContext {
  /** A new VU (counted in vus_max). */
  newVu(): VirtualUser;
  /** One iteration of the flow; `scheduledAt` for open-model executors. */
  runIteration(vu: VirtualUser, scheduledAt?: number): Promise<void>;
  /** VUs currently running (the `vus` gauge) changed by `delta`. */
  activeVus(delta: number): void;
  droppedIteration(): void;
  /** Fired for a graceful test-wide stop (SIGINT, abortOnFail): no new iterations start. */
  stop: StopSignal;
  now(): number;
}

/** k6's executor interface in small: a planned duration, and a run that schedules VUs and iterations. */
export interface Executor {
  /** Planned duration without the graceful stop, for progress. */
  readonly durationMs: number;
  run(ctx: ExecutorContext): Promise<void>;
}

/** A closed-model VU loop: iterations back to back until `keepGoing` says no. */
export async function vuLoop(vu: VirtualUser, ctx: ExecutorContext, keepGoing: () => boolean): Promise<void> {
  ctx.activeVus(1);
  try {
    while (!vu.retired && !vu.interrupt.fired && !ctx.stop.fired && keepGoing()) {
      await ctx.runIteration(vu);
    }
  } finally {
    ctx.activeVus(-1);
  }
}

/**
 * k6's graceful stop: once the schedule is over, running iterations get `graceMs` to finish;
 * whatever still runs then is interrupted (and not counted).
 */
export async function finishGracefully(loops: Promise<void>[], vus: readonly VirtualUser[], graceMs: number, ctx: ExecutorContext): Promise<void> {
  for (const vu of vus) vu.retired = true;
  const all = Promise.all(loops);
  if (!(await settleWithin(all, graceMs))) {
    for (const vu of vus) vu.interrupt.fire();
    await all;
  }
  void ctx;
}

/** Waits for `work` until `deadline` (ctx clock) at most, or until the test is stopped. */
export async function until(deadline: number, ctx: ExecutorContext, work: Promise<unknown>): Promise<void> {
  await settleWithin(work, deadline - ctx.now(), ctx.stop);
}
