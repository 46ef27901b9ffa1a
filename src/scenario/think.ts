import { DURATION_HINT, parseDuration } from './duration.ts';
import { show, type Issues, type Path } from './errors.ts';
import { MapReader } from './fields.ts';
import type { Sampler, ThinkTime } from './types.ts';

export const THINK_KEYS = ['exponential'] as const;

const THINK_HINT = `use 5s, 5s..10s (uniform) or {exponential: 7s} (mean); ${DURATION_HINT}`;

/** `5s` (constant), `5s..10s` (uniform) or `{exponential: 7s}` (mean); undefined after reporting a problem. */
export function readThinkTime(value: unknown, path: Path, issues: Issues): ThinkTime | undefined {
  if (typeof value === 'string' || value === 0) {
    const [low, high, ...rest] = String(value).split('..');
    const minMs = parseDuration(low);
    const maxMs = high === undefined ? minMs : parseDuration(high);
    if (minMs === undefined || maxMs === undefined || rest.length > 0) {
      issues.add(path, `${show(value)} is not a think time (${THINK_HINT})`);
      return undefined;
    }
    if (high === undefined) return { kind: 'constant', ms: minMs };
    if (minMs > maxMs) {
      issues.add(path, `${show(value)}: the lower bound is above the upper bound`);
      return undefined;
    }
    return { kind: 'uniform', minMs, maxMs };
  }
  const r = MapReader.open(value, path, issues);
  if (!r) return undefined;
  r.allowOnly(THINK_KEYS);
  if (!r.has('exponential')) {
    issues.add(path, `needs a distribution (${THINK_HINT})`);
    return undefined;
  }
  return { kind: 'exponential', meanMs: r.duration('exponential', { positive: true }) };
}

/** A sampler for the think time; `rng` is uniform on [0, 1). */
export function compileThink(think: ThinkTime): Sampler {
  switch (think.kind) {
    case 'constant': {
      const ms = think.ms;
      return () => ms;
    }
    case 'uniform': {
      const { minMs, maxMs } = think;
      const span = maxMs - minMs;
      return (rng) => minMs + span * rng();
    }
    case 'exponential': {
      const mean = think.meanMs;
      // Inverse CDF; 1 - u is in (0, 1], so the logarithm is finite (and 0 for u = 0, not -0).
      return (rng) => mean * -Math.log1p(-rng());
    }
  }
}
