import { formatDuration } from '../duration.ts';
import type { ExecutorDefinition } from './definition.ts';
import { readIterations } from './iterations.ts';

/** Each VU runs the flow `iterations` times, within `maxDuration`. */
export interface PerVuIterationsConfig {
  executor: 'per-vu-iterations';
  vus: number;
  iterations: number;
  maxDurationMs: number;
}

export const perVuIterations: ExecutorDefinition<PerVuIterationsConfig> = {
  keys: ['vus', 'iterations', 'maxDuration'],
  read: (r) => ({ executor: 'per-vu-iterations', ...readIterations(r) }),
  plannedDurationMs: (c) => c.maxDurationMs,
  peakVUs: (c) => c.vus,
  peakVuKey: () => 'vus',
  openModel: false,
  shardsWithLoad: (c) => Math.max(1, c.vus),
  // The iterations are per VU: each shard's VUs keep them.
  shard: (c, share) => ({ ...c, vus: share(c.vus) }),
  loadPlan: () => undefined,
  describe: (c) => ({
    summary: `${c.vus} VUs × ${c.iterations} iterations`,
    stages: [],
    options: [{ label: 'maxDuration', value: formatDuration(c.maxDurationMs) }],
  }),
};
