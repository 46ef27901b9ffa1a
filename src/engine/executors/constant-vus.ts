import type { ScenarioSpec } from '../../scenario/index.ts';
import { finishGracefully, until, vuLoop, type Executor, type ExecutorContext } from './executor.ts';

type Spec = Extract<ScenarioSpec, { executor: 'constant-vus' }>;

/** A fixed number of VUs looping over the flow for a duration. */
export function constantVus(spec: Spec): Executor {
  return {
    durationMs: spec.durationMs,
    async run(ctx: ExecutorContext) {
      const end = ctx.now() + spec.durationMs;
      let running = true;
      const vus = Array.from({ length: spec.vus }, () => ctx.newVu());
      const loops = vus.map((vu) => vuLoop(vu, ctx, () => running));
      await until(end, ctx, Promise.all(loops));
      running = false;
      await finishGracefully(loops, vus, spec.gracefulStopMs, ctx);
    },
  };
}
