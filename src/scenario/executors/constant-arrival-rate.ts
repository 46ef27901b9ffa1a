import { formatDuration } from '../duration.ts';
import { checkRate, DEFAULT_TIME_UNIT, readVuPool } from './common.ts';
import type { ExecutorDefinition } from './definition.ts';

/** Open model: iterations start at `rate` per `timeUnit` whether or not earlier ones finished. */
export interface ConstantArrivalRateConfig {
  executor: 'constant-arrival-rate';
  rate: number;
  timeUnitMs: number;
  durationMs: number;
  preAllocatedVUs: number;
  maxVUs: number;
}

export const constantArrivalRate: ExecutorDefinition<ConstantArrivalRateConfig> = {
  keys: ['rate', 'timeUnit', 'duration', 'preAllocatedVUs', 'maxVUs'],
  read(r) {
    const config: ConstantArrivalRateConfig = {
      executor: 'constant-arrival-rate',
      rate: r.integer('rate', { min: 1, hint: 'iterations started per timeUnit' }),
      timeUnitMs: r.duration('timeUnit', { default: DEFAULT_TIME_UNIT, positive: true }),
      durationMs: r.duration('duration', { positive: true, hint: 'constant-arrival-rate runs for a duration, e.g. 30s' }),
      ...readVuPool(r),
    };
    checkRate(r, r.at('rate'), config.rate, config.timeUnitMs);
    return config;
  },
  plannedDurationMs: (c) => c.durationMs,
  peakVUs: (c) => c.maxVUs,
  peakVuKey: () => 'maxVUs',
  openModel: true,
  shardsWithLoad: (c) => Math.max(1, Math.min(c.maxVUs, c.rate)),
  shard: (c, share) => ({ ...c, rate: share(c.rate), preAllocatedVUs: share(c.preAllocatedVUs), maxVUs: share(c.maxVUs) }),
  loadPlan: (c) => ({ initial: c.rate, stages: [{ durationMs: c.durationMs, target: c.rate }], scale: 1 / c.timeUnitMs }),
  describe: (c) => ({
    summary: `${c.rate} per ${formatDuration(c.timeUnitMs)} for ${formatDuration(c.durationMs)} (${c.preAllocatedVUs}–${c.maxVUs} VUs)`,
    stages: [],
    options: [],
  }),
};
