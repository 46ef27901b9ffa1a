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
/**
 * Refuses up front a run whose VUs cannot all have their connections: past the limit every new
 * connection fails with EMFILE, which measures the generator, not the server.
 */
export declare function checkDescriptorBudget(scenario: Scenario, openStream: boolean, limits?: DescriptorLimits | undefined): void;
