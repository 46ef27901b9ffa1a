import type { ScenarioSpec } from '../../scenario/index.ts';
import { finishGracefully, until, vuLoop, type Executor, type ExecutorContext } from './executor.ts';

type Spec = Extract<ScenarioSpec, { executor: 'shared-iterations' }>;

/** `iterations` in all, shared by the VUs: whichever is free takes the next one. */
export function sharedIterations(spec: Spec): Executor {
  return {
    durationMs: spec.maxDurationMs,
    async run(ctx: ExecutorContext) {
      const end = ctx.now() + spec.maxDurationMs;
      let running = true;
      let left = spec.iterations;
      const vus = Array.from({ length: Math.min(spec.vus, spec.iterations) }, () => ctx.newVu());
      const loops = vus.map((vu) => vuLoop(vu, ctx, () => running && left-- > 0));
      await until(end, ctx, Promise.all(loops));
      running = false;
      await finishGracefully(loops, vus, spec.gracefulStopMs, ctx);
    },
  };
}
