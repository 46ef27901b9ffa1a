import type { ScenarioSpec, ThinkTime } from './types.ts';

/** Idle connections are kept at least this long, as before the key existed. */
export const MIN_DEFAULT_KEEP_ALIVE_MS = 10_000;
/** The default outlives the longest think by this much, so an agent's next call finds its connection. */
const THINK_MARGIN_MS = 5_000;
/** An exponential think is taken at its 99th percentile (mean × ln 100): 1 % of such thinks outlast the default. */
const EXPONENTIAL_P99 = Math.log(100);

/**
 * The idle lifetime of a kept-alive connection when the scenario sets no `keepAlive`: 5 s longer
 * than the longest think of any flow, and at least 10 s, so that thinking agents hold their
 * connections as production agents do. The server's `Keep-Alive: timeout` still caps it.
 */
export function defaultKeepAliveMs(scenarios: readonly ScenarioSpec[]): number {
  let longest = 0;
  for (const spec of scenarios) {
    for (const step of spec.flow) if (step.kind === 'think') longest = Math.max(longest, longestThinkMs(step.think));
  }
  return Math.max(MIN_DEFAULT_KEEP_ALIVE_MS, Math.ceil(longest) + THINK_MARGIN_MS);
}

function longestThinkMs(think: ThinkTime): number {
  switch (think.kind) {
    case 'constant':
      return think.ms;
    case 'uniform':
      return think.maxMs;
    case 'exponential':
      return think.meanMs * EXPONENTIAL_P99;
  }
}
