import { formatDuration } from '../duration.ts';
import { show } from '../errors.ts';
import { MapReader, type Maximum } from '../fields.ts';
import { MAX_ITERATIONS, MAX_RATE_PER_SECOND, MAX_VUS } from '../limits.ts';
import type { Stage } from '../types.ts';

export const STAGE_KEYS = ['duration', 'target'] as const;

export const VU_LIMIT: Maximum = { max: MAX_VUS, advice: 'one mcp-load process drives at most that many VUs; split the load over machines with --shard i/n' };
export const ITERATION_LIMIT: Maximum = { max: MAX_ITERATIONS, advice: 'bound the test by a duration instead' };

// k6's defaults.
const SECOND = 1_000;
export const DEFAULT_GRACEFUL_RAMP_DOWN = 30 * SECOND;
export const DEFAULT_MAX_DURATION = 10 * 60 * SECOND;
export const DEFAULT_TIME_UNIT = SECOND;

/** An arrival rate (iterations per timeUnit) above what one process can start is refused. */
export function checkRate(r: MapReader, path: readonly (string | number)[], rate: number, timeUnitMs: number): void {
  if (timeUnitMs <= 0) return;
  const perSecond = (rate * 1000) / timeUnitMs;
  if (perSecond > MAX_RATE_PER_SECOND) {
    r.issues.add(
      path,
      `${rate} per ${timeUnitMs} ms is ${Math.round(perSecond)} iterations/s; one mcp-load process starts at most ${MAX_RATE_PER_SECOND}/s: split the load over machines with --shard i/n`,
    );
  }
}

export function readVuPool(r: MapReader): { preAllocatedVUs: number; maxVUs: number } {
  const preAllocatedVUs = r.integer('preAllocatedVUs', { min: 0, max: VU_LIMIT, hint: 'VUs started before the run, e.g. 10' });
  const maxVUs = r.integer('maxVUs', { default: preAllocatedVUs, min: 0, max: VU_LIMIT });
  if (maxVUs < preAllocatedVUs) {
    r.issues.add(r.at('maxVUs'), `must be at least preAllocatedVUs (${preAllocatedVUs}), got ${maxVUs}`);
  } else if (maxVUs === 0 && r.has('preAllocatedVUs')) {
    r.issues.add(r.at(r.has('maxVUs') ? 'maxVUs' : 'preAllocatedVUs'), 'at least one VU is needed');
  }
  return { preAllocatedVUs, maxVUs };
}

export function readStages(r: MapReader, hint: string, targetLimit?: Maximum): Stage[] {
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

export function stagesDurationMs(stages: readonly Stage[]): number {
  return stages.reduce((sum, stage) => sum + stage.durationMs, 0);
}

export function peakTarget(start: number, stages: readonly Stage[]): number {
  return Math.max(start, ...stages.map((stage) => stage.target));
}

export function shareStages(stages: readonly Stage[], share: (total: number) => number): Stage[] {
  return stages.map((s) => ({ durationMs: s.durationMs, target: share(s.target) }));
}

const MAX_DESCRIBED_LEVELS = 12;

/** `0 → 20 → 20 → 0`: the start and each stage's target (the first dozen). */
export function levelsText(start: number, stages: readonly Stage[]): string {
  return [start, ...stages.map((s) => s.target)].slice(0, MAX_DESCRIBED_LEVELS).join(' → ');
}

export function stageRows(stages: readonly Stage[], unit: string): { duration: string; target: string }[] {
  return stages.map((s) => ({ duration: formatDuration(s.durationMs), target: `${s.target} ${unit}` }));
}

export function vuPoolText(config: { preAllocatedVUs: number; maxVUs: number }): { label: string; value: string } {
  return { label: 'VUs', value: `${config.preAllocatedVUs} pre-allocated, ${config.maxVUs} at most` };
}
