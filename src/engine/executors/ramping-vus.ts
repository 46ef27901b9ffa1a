import type { ScenarioSpec } from '../../scenario/index.ts';
import { rampingVusAt, stagesDurationMs } from '../schedule.ts';
import { sleep } from '../stop-signal.ts';
import type { VirtualUser } from '../virtual-user.ts';
import { finishGracefully, vuLoop, type Executor, type ExecutorContext } from './executor.ts';

type Spec = Extract<ScenarioSpec, { executor: 'ramping-vus' }>;

/** How often the VU count is brought to the stage's line. */
const ADJUST_EVERY_MS = 50;

/**
 * VUs follow the stages linearly. A VU removed on ramp-down finishes its iteration, or is
 * interrupted after `gracefulRampDown`; VUs are reused (with their warm sessions) when the count rises again.
 */
export function rampingVus(spec: Spec): Executor {
  const durationMs = stagesDurationMs(spec.stages);
  return {
    durationMs,
    async run(ctx: ExecutorContext) {
      const start = ctx.now();
      const active: VirtualUser[] = [];
      const idle: VirtualUser[] = [];
      const all: VirtualUser[] = [];
      const loops = new Map<VirtualUser, Promise<void>>();

      const startVu = (): void => {
        let vu = idle.pop();
        if (vu === undefined) {
          vu = ctx.newVu();
          all.push(vu);
        }
        vu.revive();
        const running = vu;
        active.push(running);
        const loop = vuLoop(running, ctx, () => true).then(() => {
          loops.delete(running);
          if (!active.includes(running)) idle.push(running);
        });
        loops.set(running, loop);
      };
      const retireVu = (): void => {
        const vu = active.pop()!;
        vu.retired = true;
        const loop = loops.get(vu);
        if (loop) {
          const cut = setTimeout(() => vu.interrupt.fire(), spec.gracefulRampDownMs);
          void loop.then(() => clearTimeout(cut));
        } else {
          idle.push(vu);
        }
      };

      for (;;) {
        const elapsed = ctx.now() - start;
        if (elapsed >= durationMs || ctx.stop.fired) break;
        const target = rampingVusAt(spec.startVUs, spec.stages, elapsed);
        while (active.length < target) startVu();
        while (active.length > target) retireVu();
        await sleep(Math.min(ADJUST_EVERY_MS, durationMs - elapsed), ctx.stop);
      }
      await finishGracefully([...loops.values()], all, spec.gracefulStopMs, ctx);
    },
  };
}
