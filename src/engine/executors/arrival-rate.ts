import type { ScenarioSpec } from '../../scenario/index.ts';
import type { ArrivalSchedule } from '../schedule.ts';
import { sleep } from '../stop-signal.ts';
import type { VirtualUser } from '../virtual-user.ts';
import { finishGracefully, type Executor, type ExecutorContext } from './executor.ts';

type ConstantSpec = Extract<ScenarioSpec, { executor: 'constant-arrival-rate' }>;
type RampingSpec = Extract<ScenarioSpec, { executor: 'ramping-arrival-rate' }>;

/** Timers are not finer than this; iterations due within it start together. */
const TIMER_SLACK_MS = 1;
/** The schedule is late when it starts its iterations more than this after their due time: the generator itself stalled. */
const LATE_MS = 20;

/**
 * New VUs opening their sessions at once. While the iterations waiting were all due after the
 * schedule last ran late, they wait for a server that holds every VU: one new VU for each (the
 * target still takes handshakes in turns, 128 at once). Otherwise a few, or an eighth of the VUs:
 * after a stall of the generator's own (tens of ms at thousands per second) the busy VUs free up
 * within a ms, and hundreds of handshakes (a connection and two requests each) would cost more than
 * the calls waiting for them and prolong the stall.
 */
function openingAtOnce(vus: number, waitingForServer: boolean): number {
  return waitingForServer ? Number.POSITIVE_INFINITY : Math.max(4, Math.ceil(vus / 8));
}

/**
 * The `preAllocatedVUs` are created and open their sessions in the setup, before the measured
 * window. Each iteration is due at its scheduled time and takes a free VU. With none free it waits
 * for the first VU to become free: one finishing its iteration, or a new one (up to `maxVUs`; see
 * openingAtOnce for how many at a time) opening its session in the background. When every one of `maxVUs` VUs would be taken
 * by the iterations running and waiting, a due iteration is dropped (`dropped_iterations`). The
 * wait between the due time and the actual start counts in the latency, so the coordinated
 * omission of closed-loop tools is not hidden.
 *
 * Why an iteration does not simply start on a new VU, handshake included: after a stall of some ms
 * at thousands per second, every due iteration then waited for a handshake although a warm VU was
 * free within a ms, the handshakes held the generator's core, and 400 VUs were busy at once at
 * 2,000/s (bench/open-model.ts: 3-9 % of the iterations dropped). Why new VUs open a few at a time
 * only for iterations the generator's own stall held: against a slow server that holds every VU,
 * from few preallocated, a pool that grew by an eighth per handshake dropped 246 of 600 at 200/s.
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
        pool.startingAt(now, start + next);
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
  /** New VUs opening their sessions in the background. */
  private opening = 0;
  /** When (ctx clock) the schedule last started iterations late (LATE_MS). */
  private lateAt = Number.NEGATIVE_INFINITY;
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

  /** The schedule starts, at `now`, the iterations due from `dueAt` on: late by the generator's own stall, or not. */
  startingAt(now: number, dueAt: number): void {
    if (now - dueAt > LATE_MS) this.lateAt = now + TIMER_SLACK_MS;
  }

  /** An iteration due at `scheduledAt` (ctx clock): it starts now, waits for a VU, or is dropped. */
  launch(scheduledAt: number): void {
    const vu = this.idle.pop();
    if (vu !== undefined) return this.start(vu, scheduledAt);
    // Every waiting iteration will have a VU: one freed, or one of the maxVUs not busy.
    if (this.busy + this.waitingCount() >= this.maxVUs) return this.ctx.droppedIteration();
    this.waiting.push(scheduledAt);
    this.openMore();
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
      if (this.waitingCount() > 0 && !this.ctx.stop.fired) {
        const scheduledAt = this.waiting[this.waitingHead++];
        if (this.waitingHead === this.waiting.length) this.clearWaiting();
        this.start(vu, scheduledAt);
      } else this.idle.push(vu);
    }
    this.openMore();
    this.checkSettled();
  }

  /** New VUs for the iterations waiting beyond those opening: as many, or a few at a time after the schedule ran late. */
  private openMore(): void {
    while (
      this.waitingCount() > this.opening &&
      this.opening < openingAtOnce(this.all.length, this.waitingForServer()) &&
      this.all.length < this.maxVUs &&
      !this.ctx.stop.fired
    ) {
      const fresh = this.ctx.newVu();
      this.all.push(fresh);
      this.opening++;
      // A failed handshake leaves the VU without a session: its iteration tries again, charged as a first call's handshake.
      void this.ctx.openSession(fresh).finally(() => {
        this.opening--;
        this.release(fresh);
      });
    }
  }

  /** Whether every waiting iteration was due after the schedule last ran late: none of them waits because the generator stalled. */
  private waitingForServer(): boolean {
    return this.waiting[this.waitingHead] > this.lateAt;
  }

  private waitingCount(): number {
    return this.waiting.length - this.waitingHead;
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
    if (this.settled !== null && this.busy === 0 && this.opening === 0 && this.waitingCount() === 0) this.settled();
  }
}
