import type { ScenarioSpec } from '../../scenario/index.ts';
import type { ArrivalSchedule } from '../schedule.ts';
import { sleep } from '../stop-signal.ts';
import type { VirtualUser } from '../virtual-user.ts';
import { finishGracefully, type Executor, type ExecutorContext } from './executor.ts';

type ConstantSpec = Extract<ScenarioSpec, { executor: 'constant-arrival-rate' }>;
type RampingSpec = Extract<ScenarioSpec, { executor: 'ramping-arrival-rate' }>;

/** Timers are not finer than this; iterations due within it start together. */
const TIMER_SLACK_MS = 1;

/**
 * The `preAllocatedVUs` are created and open their sessions in the setup, before the measured
 * window. Each iteration is due at its scheduled time and takes a free VU. With none free it waits
 * for the first VU to become free: one finishing its iteration, or a new one (up to `maxVUs`)
 * opening its session in the background for it. An iteration that would wait beyond what `maxVUs`
 * can serve is dropped (`dropped_iterations`). The wait between the due time and the actual start
 * counts in the latency, so the coordinated omission of closed-loop tools is not hidden.
 *
 * Why not start the iteration on its new VU, handshake included: after a stall of a few ms at
 * thousands per second, every due iteration would then wait for a handshake (a connection, two
 * requests) although warm VUs free up within a ms; those handshakes cost more than the calls
 * and stall the generator further, until `maxVUs` VUs are busy at once and iterations are dropped.
 */
export function arrivalRate(spec: ConstantSpec | RampingSpec, durationMs: number, schedule: () => ArrivalSchedule): Executor {
  let preallocated: VirtualUser[] | undefined;
  const preallocate = (ctx: ExecutorContext): VirtualUser[] => {
    preallocated ??= Array.from({ length: spec.preAllocatedVUs }, () => ctx.newVu());
    return preallocated;
  };
  return {
    durationMs,
    async setup(ctx: ExecutorContext) {
      await Promise.all(preallocate(ctx).map((vu) => ctx.openSession(vu)));
    },
    async run(ctx: ExecutorContext) {
      const start = ctx.now();
      const pool = new VuPool(ctx, preallocate(ctx), spec.maxVUs);
      const plan = schedule();
      let next = plan.next();
      while (next !== undefined && !ctx.stop.fired) {
        const wait = start + next - ctx.now();
        if (wait > TIMER_SLACK_MS) await sleep(wait, ctx.stop);
        if (ctx.stop.fired) break;
        const now = ctx.now();
        while (next !== undefined && start + next <= now + TIMER_SLACK_MS) {
          // performance.now() clock: the due time, converted back for the latency accounting.
          pool.launch(start + next);
          next = plan.next();
        }
      }
      const remaining = start + durationMs - ctx.now();
      if (remaining > 0 && !ctx.stop.fired) await sleep(remaining, ctx.stop);
      await pool.finish(spec.gracefulStopMs);
    },
  };
}

/** The arrival-rate executors' VUs: free ones, busy ones, new ones opening, and the iterations waiting for any of them. */
class VuPool {
  private readonly ctx: ExecutorContext;
  private readonly maxVUs: number;
  private readonly all: VirtualUser[];
  /** Free VUs; the last freed is taken first (its connection is the warmest). */
  private readonly idle: VirtualUser[];
  /** Due times of the iterations waiting for a VU, oldest first from `waitingHead`. */
  private waiting: number[] = [];
  private waitingHead = 0;
  /** New VUs opening their sessions: each will take a waiting iteration, so no more wait than this. */
  private opening = 0;
  private busy = 0;
  private settled: (() => void) | null = null;
  private readonly offStop: () => void;

  constructor(ctx: ExecutorContext, preallocated: readonly VirtualUser[], maxVUs: number) {
    this.ctx = ctx;
    this.maxVUs = maxVUs;
    this.all = [...preallocated];
    this.idle = [...preallocated];
    this.offStop = ctx.stop.onFire(() => this.dropWaiting());
  }

  /** An iteration due at `scheduledAt` (ctx clock): it starts now, waits for a VU, or is dropped. */
  launch(scheduledAt: number): void {
    const vu = this.idle.pop();
    if (vu !== undefined) return this.start(vu, scheduledAt);
    const waitingNow = this.waiting.length - this.waitingHead;
    if (waitingNow < this.opening) return void this.waiting.push(scheduledAt);
    if (this.all.length >= this.maxVUs) return this.ctx.droppedIteration();
    this.waiting.push(scheduledAt);
    const fresh = this.ctx.newVu();
    this.all.push(fresh);
    this.opening++;
    // A failed handshake leaves the VU without a session: its iteration tries again, charged as a first call's handshake.
    void this.ctx.openSession(fresh).finally(() => {
      this.opening--;
      this.release(fresh);
    });
  }

  /** Waits for what runs and what waits (the graceful stop), then interrupts and abandons as every executor does. */
  async finish(gracefulStopMs: number): Promise<void> {
    const drained = new Promise<void>((resolve) => {
      this.settled = resolve;
    });
    this.checkSettled();
    const offInterrupt = this.all.map((vu) => vu.interrupt.onFire(() => this.dropWaiting()));
    try {
      await finishGracefully([drained], this.all, gracefulStopMs, this.ctx);
    } finally {
      for (const off of offInterrupt) off();
      this.offStop();
    }
  }

  private start(vu: VirtualUser, scheduledAt: number): void {
    this.busy++;
    this.ctx.activeVus(1);
    void this.ctx.runIteration(vu, scheduledAt).finally(() => {
      this.busy--;
      this.ctx.activeVus(-1);
      this.release(vu);
    });
  }

  /** A VU is free: it takes the oldest waiting iteration, or waits itself. */
  private release(vu: VirtualUser): void {
    if (!vu.interrupt.fired) {
      if (this.waitingHead < this.waiting.length && !this.ctx.stop.fired) {
        const scheduledAt = this.waiting[this.waitingHead++];
        if (this.waitingHead === this.waiting.length) this.clearWaiting();
        return this.start(vu, scheduledAt);
      }
      this.idle.push(vu);
    }
    this.checkSettled();
  }

  /** Iterations that never got a VU before a stop or the interrupt: dropped, as k6 counts what could not start. */
  private dropWaiting(): void {
    for (let i = this.waitingHead; i < this.waiting.length; i++) this.ctx.droppedIteration();
    this.clearWaiting();
    this.checkSettled();
  }

  private clearWaiting(): void {
    this.waiting = [];
    this.waitingHead = 0;
  }

  private checkSettled(): void {
    if (this.settled !== null && this.busy === 0 && this.opening === 0 && this.waitingHead === this.waiting.length) this.settled();
  }
}
