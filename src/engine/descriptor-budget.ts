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

/** Descriptors a fresh worker process has open before its first connection: 21–28 measured (Node 20, engine loaded). */
export const FRESH_PROCESS_DESCRIPTORS = 32;

/** VUs at once and the descriptors they need (their connections and the reserve). */
export function descriptorsNeeded(scenario: Scenario, openStream: boolean): { vus: number; perVu: number; needed: number } {
  const vus = scenario.scenarios.reduce((sum, spec) => sum + peakVUs(spec), 0);
  const perVu = connectionsPerVu(scenario, openStream);
  return { vus, perVu, needed: vus * perVu + RESERVE };
}

export function fitsDescriptors(scenario: Scenario, openStream: boolean, limits: DescriptorLimits): boolean {
  return descriptorsNeeded(scenario, openStream).needed <= limits.limit - limits.inUse;
}

/** What a worker process starts with: the parent's soft limit (inherited), and a fresh process's own descriptors. */
export function freshProcessLimits(limits: DescriptorLimits): DescriptorLimits {
  return { limit: limits.limit, inUse: FRESH_PROCESS_DESCRIPTORS };
}

/** The fewest worker processes whose slices each fit a fresh process's descriptors (0: no count does). */
export function processesNeeded(scenario: Scenario, openStream: boolean, limits: DescriptorLimits): number {
  const { vus, perVu } = descriptorsNeeded(scenario, openStream);
  const perProcess = Math.floor((limits.limit - FRESH_PROCESS_DESCRIPTORS - RESERVE) / perVu);
  if (perProcess < 1) return 0;
  return Math.ceil(vus / perProcess);
}

/**
 * Refuses up front a run whose VUs cannot all have their connections: past the limit every new
 * connection fails with EMFILE, which measures the generator, not the server. `where` names the
 * process checked (a worker process checks its own slice); `processes`, when given, is the count
 * of worker processes that would hold the load, which the refusal then names as the way out;
 * `estimated`: the descriptors in use are a fresh process's, not counted.
 */
export function checkDescriptorBudget(
  scenario: Scenario,
  openStream: boolean,
  limits = currentDescriptorLimits(),
  context: { where?: string; processes?: number; estimated?: boolean } = {},
): void {
  if (limits === undefined) return;
  const { vus, perVu, needed } = descriptorsNeeded(scenario, openStream);
  const available = limits.limit - limits.inUse;
  if (needed <= available) return;
  const fits = Math.max(0, Math.floor((available - RESERVE) / perVu));
  const where = context.where ?? 'this process';
  const processes = context.processes ?? 0;
  const split =
    processes > 1
      ? `or run it in worker processes, each with its own limit: --workers ${processes} --worker-mode process (scenario: workers: { count: ${processes}, mode: process }; action inputs workers, worker-mode), `
      : '';
  throw new DescriptorBudgetError(
    `the scenario runs up to ${vus} VUs at once${context.where ? ` in ${context.where}` : ''}, which need about ${needed} file descriptors (${perVu} per VU and ${RESERVE} in reserve), ` +
      `but ${where} may open ${limits.limit} (ulimit -n) and ${context.estimated ? 'starts with about' : 'already has'} ${limits.inUse} open: about ${fits} VUs fit. ` +
      `Raise the limit (ulimit -n ${needed + limits.inUse}), lower the VUs, ${split}or split the load over processes or machines (--shard i/n).`,
  );
}
