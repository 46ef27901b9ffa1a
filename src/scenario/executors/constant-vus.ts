import { formatDuration } from '../duration.ts';
import { VU_LIMIT } from './common.ts';
import type { ExecutorDefinition } from './definition.ts';

/** A fixed number of VUs looping over the flow for a duration. */
export interface ConstantVusConfig {
  executor: 'constant-vus';
  vus: number;
  durationMs: number;
}

export const constantVus: ExecutorDefinition<ConstantVusConfig> = {
  keys: ['vus', 'duration'],
  read: (r) => ({
    executor: 'constant-vus',
    vus: r.integer('vus', { default: 1, min: 1, max: VU_LIMIT }),
    durationMs: r.duration('duration', { positive: true, hint: 'constant-vus runs for a duration, e.g. 30s' }),
  }),
  plannedDurationMs: (c) => c.durationMs,
  peakVUs: (c) => c.vus,
  peakVuKey: () => 'vus',
  openModel: false,
  shardsWithLoad: (c) => Math.max(1, c.vus),
  shard: (c, share) => ({ ...c, vus: share(c.vus) }),
  loadPlan: (c) => ({ initial: c.vus, stages: [{ durationMs: c.durationMs, target: c.vus }], scale: 1 }),
  describe: (c) => ({ summary: `${c.vus} VUs for ${formatDuration(c.durationMs)}`, stages: [], options: [] }),
};
