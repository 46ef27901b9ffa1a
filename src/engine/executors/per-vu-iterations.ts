import type { ScenarioSpec } from '../../scenario/index.ts';
import { finishGracefully, until, vuLoop, type Executor, type ExecutorContext } from './executor.ts';

type Spec = Extract<ScenarioSpec, { executor: 'per-vu-iterations' }>;

/** Each VU runs the flow `iterations` times, within `maxDuration`. */
export function perVuIterations(spec: Spec): Executor {
  return {
    durationMs: spec.maxDurationMs,
    async run(ctx: ExecutorContext) {
      const end = ctx.now() + spec.maxDurationMs;
      let running = true;
      const vus = Array.from({ length: spec.vus }, () => ctx.newVu());
      const loops = vus.map((vu) => {
        let left = spec.iterations;
        return vuLoop(vu, ctx, () => running && left-- > 0);
      });
      await until(end, ctx, Promise.all(loops));
      running = false;
      await finishGracefully(loops, vus, spec.gracefulStopMs, ctx);
    },
  };
}
