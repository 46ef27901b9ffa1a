import type { Scenario } from '../scenario/index.ts';
/** The run needs more file descriptors than the process may open. */
export declare class DescriptorBudgetError extends Error {
    name: string;
}
export interface DescriptorLimits {
    /** The soft RLIMIT_NOFILE (what `ulimit -n` shows). */
    limit: number;
    /** Descriptors this process has open now. */
    inUse: number;
}
/**
 * The process's descriptor limit and use, where the platform tells (Linux /proc); undefined elsewhere.
 * Loading a scenario checks its VUs against the limit alone (with file:line); this check, just
 * before the run, adds what loading cannot know: descriptors already open and each VU's streams.
 */
export declare function currentDescriptorLimits(): DescriptorLimits | undefined;
/**
 * Connections (so descriptors, and local ports) one VU holds at most: its session's connection,
 * the legacy transport's GET stream beside its POSTs, the optional GET stream of Streamable HTTP.
 */
export declare function connectionsPerVu(scenario: Scenario, openStream: boolean): number;
/** Descriptors a fresh worker process has open before its first connection: 21–28 measured (Node 20, engine loaded). */
export declare const FRESH_PROCESS_DESCRIPTORS = 32;
/** VUs at once and the descriptors they need (their connections and the reserve). */
export declare function descriptorsNeeded(scenario: Scenario, openStream: boolean): {
    vus: number;
    perVu: number;
    needed: number;
};
export declare function fitsDescriptors(scenario: Scenario, openStream: boolean, limits: DescriptorLimits): boolean;
/** What a worker process starts with: the parent's soft limit (inherited), and a fresh process's own descriptors. */
export declare function freshProcessLimits(limits: DescriptorLimits): DescriptorLimits;
/** The fewest worker processes whose slices each fit a fresh process's descriptors (0: no count does). */
export declare function processesNeeded(scenario: Scenario, openStream: boolean, limits: DescriptorLimits): number;
/**
 * Refuses up front a run whose VUs cannot all have their connections: past the limit every new
 * connection fails with EMFILE, which measures the generator, not the server. `where` names the
 * process checked (a worker process checks its own slice); `processes`, when given, is the count
 * of worker processes that would hold the load, which the refusal then names as the way out;
 * `estimated`: the descriptors in use are a fresh process's, not counted.
 */
export declare function checkDescriptorBudget(scenario: Scenario, openStream: boolean, limits?: DescriptorLimits | undefined, context?: {
    where?: string;
    processes?: number;
    estimated?: boolean;
}): void;
