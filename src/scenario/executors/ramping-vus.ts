import { formatDuration } from '../duration.ts';
import type { Stage } from '../types.ts';
import { DEFAULT_GRACEFUL_RAMP_DOWN, levelsText, peakTarget, readStages, shareStages, stageRows, stagesDurationMs, VU_LIMIT } from './common.ts';
import type { ExecutorDefinition } from './definition.ts';

/** VUs following the stages linearly. */
export interface RampingVusConfig {
  executor: 'ramping-vus';
  startVUs: number;
  stages: readonly Stage[];
  gracefulRampDownMs: number;
}

export const rampingVus: ExecutorDefinition<RampingVusConfig> = {
  keys: ['startVUs', 'stages', 'gracefulRampDown'],
  read(r) {
    const config: RampingVusConfig = {
      executor: 'ramping-vus',
      startVUs: r.integer('startVUs', { default: 1, min: 0, max: VU_LIMIT }),
      stages: readStages(r, 'ramping-vus ramps through stages: [{duration: 30s, target: 10}]', VU_LIMIT),
      gracefulRampDownMs: r.duration('gracefulRampDown', { default: DEFAULT_GRACEFUL_RAMP_DOWN }),
    };
    if (config.startVUs === 0 && config.stages.length > 0 && config.stages.every((s) => s.target === 0)) {
      r.issues.add(r.at('stages'), 'either startVUs or a stage target must be greater than 0');
    }
    return config;
  },
  plannedDurationMs: (c) => stagesDurationMs(c.stages),
  peakVUs: (c) => peakTarget(c.startVUs, c.stages),
  peakVuKey: (c) => (c.stages.some((stage) => stage.target > c.startVUs) ? 'stages' : 'startVUs'),
  openModel: false,
  shardsWithLoad: (c) => Math.max(1, peakTarget(c.startVUs, c.stages)),
  shard: (c, share) => ({ ...c, startVUs: share(c.startVUs), stages: shareStages(c.stages, share) }),
  loadPlan: (c) => ({ initial: c.startVUs, stages: c.stages, scale: 1 }),
  describe: (c) => ({
    summary: `${levelsText(c.startVUs, c.stages)} VUs over ${formatDuration(stagesDurationMs(c.stages))}`,
    stages: stageRows(c.stages, 'VUs'),
    options: [{ label: 'gracefulRampDown', value: formatDuration(c.gracefulRampDownMs) }],
  }),
};
