import { formatDuration } from '../duration.ts';
import type { Stage } from '../types.ts';
import { checkRate, DEFAULT_TIME_UNIT, levelsText, peakTarget, readStages, readVuPool, shareStages, stageRows, stagesDurationMs } from './common.ts';
import type { ExecutorDefinition } from './definition.ts';

/** Open model with the rate following the stages linearly. */
export interface RampingArrivalRateConfig {
  executor: 'ramping-arrival-rate';
  startRate: number;
  timeUnitMs: number;
  stages: readonly Stage[];
  preAllocatedVUs: number;
  maxVUs: number;
}

export const rampingArrivalRate: ExecutorDefinition<RampingArrivalRateConfig> = {
  keys: ['startRate', 'timeUnit', 'stages', 'preAllocatedVUs', 'maxVUs'],
  read(r) {
    const config: RampingArrivalRateConfig = {
      executor: 'ramping-arrival-rate',
      startRate: r.integer('startRate', { default: 0, min: 0 }),
      timeUnitMs: r.duration('timeUnit', { default: DEFAULT_TIME_UNIT, positive: true }),
      stages: readStages(r, 'ramping-arrival-rate ramps through stages: [{duration: 30s, target: 50}]'),
      ...readVuPool(r),
    };
    checkRate(r, r.at('startRate'), config.startRate, config.timeUnitMs);
    config.stages.forEach((stage, index) => checkRate(r, [...r.at('stages'), index, 'target'], stage.target, config.timeUnitMs));
    return config;
  },
  plannedDurationMs: (c) => stagesDurationMs(c.stages),
  peakVUs: (c) => c.maxVUs,
  peakVuKey: () => 'maxVUs',
  openModel: true,
  shardsWithLoad: (c) => Math.max(1, Math.min(c.maxVUs, peakTarget(c.startRate, c.stages))),
  shard: (c, share) => ({
    ...c,
    startRate: share(c.startRate),
    stages: shareStages(c.stages, share),
    preAllocatedVUs: share(c.preAllocatedVUs),
    maxVUs: share(c.maxVUs),
  }),
  loadPlan: (c) => ({ initial: c.startRate, stages: c.stages, scale: 1 / c.timeUnitMs }),
  describe: (c) => ({
    summary: `${levelsText(c.startRate, c.stages)} per ${formatDuration(c.timeUnitMs)} over ${formatDuration(stagesDurationMs(c.stages))} (${c.preAllocatedVUs}–${c.maxVUs} VUs)`,
    stages: stageRows(c.stages, `per ${formatDuration(c.timeUnitMs)}`),
    options: [],
  }),
};
