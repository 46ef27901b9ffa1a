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
 * Each iteration is due at its scheduled time and takes a free VU; with none free, a new VU is
 * allocated up to `maxVUs`, beyond which the iteration is dropped (`dropped_iterations`). The
 * wait between the due time and the actual start counts in the latency, so the coordinated
 * omission of closed-loop tools is not hidden.
 */
export function arrivalRate(spec: ConstantSpec | RampingSpec, durationMs: number, schedule: () => ArrivalSchedule): Executor {
  return {
    durationMs,
    async run(ctx: ExecutorContext) {
      const start = ctx.now();
      const all: VirtualUser[] = [];
      const idle: VirtualUser[] = [];
      const running = new Set<Promise<void>>();
      for (let i = 0; i < spec.preAllocatedVUs; i++) all.push(ctx.newVu());
      idle.push(...all);

      const launch = (scheduledAt: number): void => {
        let vu = idle.pop();
        if (vu === undefined) {
          if (all.length >= spec.maxVUs) {
            ctx.droppedIteration();
            return;
          }
          vu = ctx.newVu();
          all.push(vu);
        }
        const busy = vu;
        ctx.activeVus(1);
        const iteration = ctx.runIteration(busy, scheduledAt).finally(() => {
          ctx.activeVus(-1);
          running.delete(iteration);
          if (!busy.interrupt.fired) idle.push(busy);
        });
        running.add(iteration);
      };

      const plan = schedule();
      let next = plan.next();
      while (next !== undefined && !ctx.stop.fired) {
        const wait = start + next - ctx.now();
        if (wait > TIMER_SLACK_MS) await sleep(wait, ctx.stop);
        if (ctx.stop.fired) break;
        const now = ctx.now();
        while (next !== undefined && start + next <= now + TIMER_SLACK_MS) {
          // performance.now() clock: the due time, converted back for the latency accounting.
          launch(start + next);
          next = plan.next();
        }
      }
      const remaining = start + durationMs - ctx.now();
      if (remaining > 0 && !ctx.stop.fired) await sleep(remaining, ctx.stop);
      await finishGracefully([...running], all, spec.gracefulStopMs, ctx);
    },
  };
}
