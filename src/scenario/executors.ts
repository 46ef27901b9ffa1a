import { show } from './errors.ts';
import { MapReader, type Maximum } from './fields.ts';
import { MAX_ITERATIONS, MAX_RATE_PER_SECOND, MAX_VUS } from './limits.ts';
import type { ExecutorConfig, ExecutorName, Stage } from './types.ts';

export const EXECUTORS = [
  'constant-vus',
  'ramping-vus',
  'per-vu-iterations',
  'shared-iterations',
  'constant-arrival-rate',
  'ramping-arrival-rate',
] as const satisfies readonly ExecutorName[];

/** The options each executor accepts besides the common ones, as in k6. */
export const EXECUTOR_KEYS: Readonly<Record<ExecutorName, readonly string[]>> = {
  'constant-vus': ['vus', 'duration'],
  'ramping-vus': ['startVUs', 'stages', 'gracefulRampDown'],
  'per-vu-iterations': ['vus', 'iterations', 'maxDuration'],
  'shared-iterations': ['vus', 'iterations', 'maxDuration'],
  'constant-arrival-rate': ['rate', 'timeUnit', 'duration', 'preAllocatedVUs', 'maxVUs'],
  'ramping-arrival-rate': ['startRate', 'timeUnit', 'stages', 'preAllocatedVUs', 'maxVUs'],
};

export const STAGE_KEYS = ['duration', 'target'] as const;

const VU_LIMIT: Maximum = { max: MAX_VUS, advice: 'one mcp-load process drives at most that many VUs; split the load over machines with --shard i/n' };
const ITERATION_LIMIT: Maximum = { max: MAX_ITERATIONS, advice: 'bound the test by a duration instead' };

// k6's defaults.
const SECOND = 1_000;
const DEFAULT_GRACEFUL_RAMP_DOWN = 30 * SECOND;
const DEFAULT_MAX_DURATION = 10 * 60 * SECOND;
const DEFAULT_TIME_UNIT = SECOND;

/** Reads the executor-specific options of one scenario (unknown keys are the caller's concern). */
export function readExecutor(r: MapReader, executor: ExecutorName): ExecutorConfig {
  switch (executor) {
    case 'constant-vus':
      return {
        executor,
        vus: r.integer('vus', { default: 1, min: 1, max: VU_LIMIT }),
        durationMs: r.duration('duration', { positive: true, hint: 'constant-vus runs for a duration, e.g. 30s' }),
      };
    case 'ramping-vus': {
      const config = {
        executor,
        startVUs: r.integer('startVUs', { default: 1, min: 0, max: VU_LIMIT }),
        stages: readStages(r, 'ramping-vus ramps through stages: [{duration: 30s, target: 10}]', VU_LIMIT),
        gracefulRampDownMs: r.duration('gracefulRampDown', { default: DEFAULT_GRACEFUL_RAMP_DOWN }),
      };
      if (config.startVUs === 0 && config.stages.length > 0 && config.stages.every((s) => s.target === 0)) {
        r.issues.add(r.at('stages'), 'either startVUs or a stage target must be greater than 0');
      }
      return config;
    }
    case 'per-vu-iterations':
    case 'shared-iterations': {
      const config = {
        executor,
        vus: r.integer('vus', { default: 1, min: 1, max: VU_LIMIT }),
        iterations: r.integer('iterations', { default: 1, min: 1, max: ITERATION_LIMIT }),
        maxDurationMs: r.duration('maxDuration', { default: DEFAULT_MAX_DURATION, positive: true }),
      };
      if (executor === 'shared-iterations' && config.iterations < config.vus) {
        r.issues.add(
          r.at('iterations'),
          `the number of iterations (${config.iterations}) can't be less than the number of VUs (${config.vus})`,
        );
      }
      return config;
    }
    case 'constant-arrival-rate': {
      const config = {
        executor,
        rate: r.integer('rate', { min: 1, hint: 'iterations started per timeUnit' }),
        timeUnitMs: r.duration('timeUnit', { default: DEFAULT_TIME_UNIT, positive: true }),
        durationMs: r.duration('duration', { positive: true, hint: 'constant-arrival-rate runs for a duration, e.g. 30s' }),
        ...readVuPool(r),
      };
      checkRate(r, r.at('rate'), config.rate, config.timeUnitMs);
      return config;
    }
    case 'ramping-arrival-rate': {
      const config = {
        executor,
        startRate: r.integer('startRate', { default: 0, min: 0 }),
        timeUnitMs: r.duration('timeUnit', { default: DEFAULT_TIME_UNIT, positive: true }),
        stages: readStages(r, 'ramping-arrival-rate ramps through stages: [{duration: 30s, target: 50}]'),
        ...readVuPool(r),
      };
      checkRate(r, r.at('startRate'), config.startRate, config.timeUnitMs);
      config.stages.forEach((stage, index) => checkRate(r, [...r.at('stages'), index, 'target'], stage.target, config.timeUnitMs));
      return config;
    }
  }
}

/** An arrival rate (iterations per timeUnit) above what one process can start is refused. */
function checkRate(r: MapReader, path: readonly (string | number)[], rate: number, timeUnitMs: number): void {
  if (timeUnitMs <= 0) return;
  const perSecond = (rate * 1000) / timeUnitMs;
  if (perSecond > MAX_RATE_PER_SECOND) {
    r.issues.add(path, `${rate} per ${timeUnitMs} ms is ${Math.round(perSecond)} iterations/s; one mcp-load process starts at most ${MAX_RATE_PER_SECOND}/s: split the load over machines with --shard i/n`);
  }
}

function readVuPool(r: MapReader): { preAllocatedVUs: number; maxVUs: number } {
  const preAllocatedVUs = r.integer('preAllocatedVUs', { min: 0, max: VU_LIMIT, hint: 'VUs started before the run, e.g. 10' });
  const maxVUs = r.integer('maxVUs', { default: preAllocatedVUs, min: 0, max: VU_LIMIT });
  if (maxVUs < preAllocatedVUs) {
    r.issues.add(r.at('maxVUs'), `must be at least preAllocatedVUs (${preAllocatedVUs}), got ${maxVUs}`);
  } else if (maxVUs === 0 && r.has('preAllocatedVUs')) {
    r.issues.add(r.at(r.has('maxVUs') ? 'maxVUs' : 'preAllocatedVUs'), 'at least one VU is needed');
  }
  return { preAllocatedVUs, maxVUs };
}

function readStages(r: MapReader, hint: string, targetLimit?: Maximum): Stage[] {
  if (!r.has('stages')) {
    r.issues.add(r.at('stages'), `required (${hint})`);
    return [];
  }
  const value = r.get('stages');
  if (!Array.isArray(value) || value.length === 0) {
    r.issues.add(r.at('stages'), `must be a non-empty list, got ${show(value)} (${hint})`);
    return [];
  }
  const stages: Stage[] = [];
  value.forEach((item, index) => {
    const stage = MapReader.open(item, [...r.path, 'stages', index], r.issues);
    if (!stage) return;
    stage.allowOnly(STAGE_KEYS);
    stages.push({ durationMs: stage.duration('duration'), target: stage.integer('target', { min: 0, ...(targetLimit ? { max: targetLimit } : {}) }) });
  });
  return stages;
}

/** The executor's nominal run time, before graceful stop / ramp-down (k6's "max duration" in the progress bar). */
export function plannedDurationMs(config: ExecutorConfig): number {
  switch (config.executor) {
    case 'constant-vus':
    case 'constant-arrival-rate':
      return config.durationMs;
    case 'ramping-vus':
    case 'ramping-arrival-rate':
      return config.stages.reduce((sum, stage) => sum + stage.durationMs, 0);
    case 'per-vu-iterations':
    case 'shared-iterations':
      return config.maxDurationMs;
  }
}

/** The most VUs the executor can have at once. */
export function peakVUs(config: ExecutorConfig): number {
  switch (config.executor) {
    case 'constant-vus':
    case 'per-vu-iterations':
    case 'shared-iterations':
      return config.vus;
    case 'ramping-vus':
      return Math.max(config.startVUs, ...config.stages.map((stage) => stage.target));
    case 'constant-arrival-rate':
    case 'ramping-arrival-rate':
      return config.maxVUs;
  }
}

export function isExecutorName(value: unknown): value is ExecutorName {
  return typeof value === 'string' && (EXECUTORS as readonly string[]).includes(value);
}
