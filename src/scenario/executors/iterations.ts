import type { MapReader } from '../fields.ts';
import { DEFAULT_MAX_DURATION, ITERATION_LIMIT, VU_LIMIT } from './common.ts';

/** The options both iteration-count executors read. */
export function readIterations(r: MapReader): { vus: number; iterations: number; maxDurationMs: number } {
  return {
    vus: r.integer('vus', { default: 1, min: 1, max: VU_LIMIT }),
    iterations: r.integer('iterations', { default: 1, min: 1, max: ITERATION_LIMIT }),
    maxDurationMs: r.duration('maxDuration', { default: DEFAULT_MAX_DURATION, positive: true }),
  };
}
