import { formatDuration } from '../duration.ts';
import type { ExecutorDefinition } from './definition.ts';
import { readIterations } from './iterations.ts';

/** `iterations` in all, shared by the VUs: whichever is free takes the next one. */
export interface SharedIterationsConfig {
  executor: 'shared-iterations';
  vus: number;
  iterations: number;
  maxDurationMs: number;
}

export const sharedIterations: ExecutorDefinition<SharedIterationsConfig> = {
  keys: ['vus', 'iterations', 'maxDuration'],
  read(r) {
    const config: SharedIterationsConfig = { executor: 'shared-iterations', ...readIterations(r) };
    if (config.iterations < config.vus) {
      r.issues.add(r.at('iterations'), `the number of iterations (${config.iterations}) can't be less than the number of VUs (${config.vus})`);
    }
    return config;
  },
  plannedDurationMs: (c) => c.maxDurationMs,
  peakVUs: (c) => c.vus,
  peakVuKey: () => 'vus',
  openModel: false,
  shardsWithLoad: (c) => Math.max(1, c.vus),
  shard: (c, share) => ({ ...c, vus: share(c.vus), iterations: share(c.iterations) }),
  loadPlan: () => undefined,
  describe: (c) => ({
    summary: `${c.iterations} iterations over ${c.vus} VUs`,
    stages: [],
    options: [{ label: 'maxDuration', value: formatDuration(c.maxDurationMs) }],
  }),
};
