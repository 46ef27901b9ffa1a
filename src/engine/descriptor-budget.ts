import { readdirSync } from 'node:fs';
import { peakVUs, openFileLimit, RESERVED_DESCRIPTORS } from '../scenario/index.ts';
import type { Scenario } from '../scenario/index.ts';

/** The run needs more file descriptors than the process may open. */
export class DescriptorBudgetError extends Error {
  override name = 'DescriptorBudgetError';
}

export interface DescriptorLimits {
  /** The soft RLIMIT_NOFILE (what `ulimit -n` shows). */
  limit: number;
  /** Descriptors this process has open now. */
  inUse: number;
}

/** Descriptors the process needs beyond the VUs' own: the same reserve the scenario's load-time check keeps. */
const RESERVE = RESERVED_DESCRIPTORS;

/**
 * The process's descriptor limit and use, where the platform tells (Linux /proc); undefined elsewhere.
 * Loading a scenario checks its VUs against the limit alone (with file:line); this check, just
 * before the run, adds what loading cannot know: descriptors already open and each VU's streams.
 */
export function currentDescriptorLimits(): DescriptorLimits | undefined {
  const limit = openFileLimit();
  if (limit === undefined) return undefined;
  try {
    return { limit, inUse: readdirSync('/proc/self/fd').length };
  } catch {
    return undefined;
  }
}

/**
 * Connections (so descriptors, and local ports) one VU holds at most: its session's connection,
 * the legacy transport's GET stream beside its POSTs, the optional GET stream of Streamable HTTP.
 */
export function connectionsPerVu(scenario: Scenario, openStream: boolean): number {
  return 1 + (scenario.transport === 'sse' ? 1 : 0) + (openStream ? 1 : 0);
}

/**
 * Refuses up front a run whose VUs cannot all have their connections: past the limit every new
 * connection fails with EMFILE, which measures the generator, not the server.
 */
export function checkDescriptorBudget(scenario: Scenario, openStream: boolean, limits = currentDescriptorLimits()): void {
  if (limits === undefined) return;
  const vus = scenario.scenarios.reduce((sum, spec) => sum + peakVUs(spec), 0);
  const perVu = connectionsPerVu(scenario, openStream);
  const needed = vus * perVu + RESERVE;
  const available = limits.limit - limits.inUse;
  if (needed <= available) return;
  const fits = Math.max(0, Math.floor((available - RESERVE) / perVu));
  throw new DescriptorBudgetError(
    `the scenario runs up to ${vus} VUs at once, which need about ${needed} file descriptors (${perVu} per VU and ${RESERVE} in reserve), ` +
      `but this process may open ${limits.limit} (ulimit -n) and already has ${limits.inUse} open: about ${fits} VUs fit. ` +
      `Raise the limit (ulimit -n ${needed + limits.inUse}), lower the VUs, or split the load over processes or machines (--shard i/n).`,
  );
}
