import type { MapReader } from '../fields.ts';
import type { ExecutorConfig, Stage } from '../types.ts';
/**
 * The planned load over time, for the steady-phase analysis: VUs or arrival rate (× `scale`, per ms)
 * linear from `initial` through the stages, zero before the scenario's start and after its last stage.
 */
export interface LoadPlan {
    initial: number;
    stages: readonly Stage[];
    scale: number;
}
/** The CLI's overrides of the simple cases, as k6's shortcut options. */
export type Shortcut = 'vus' | 'duration' | 'iterations';
/** What the reports say about an executor's load: our own words and numbers, nothing from a server. */
export interface ExecutorDescription {
    /** The load in one phrase, e.g. `0 → 20 → 0 VUs over 20s`. */
    summary: string;
    /** One row per stage (ramping executors only). */
    stages: {
        duration: string;
        target: string;
    }[];
    /** Further executor options worth showing, e.g. `gracefulRampDown 30s`. */
    options: {
        label: string;
        value: string;
    }[];
}
/**
 * Everything mcp-load knows about one executor but its run (src/engine/executors/): as k6 keeps
 * config, validation, description and requirements together per executor.
 */
export interface ExecutorDefinition<C extends ExecutorConfig> {
    /** The options it accepts besides the common ones, as in k6. */
    keys: readonly string[];
    /** The option each of the CLI's shortcuts (`--vus`, `--duration`, `--iterations`) sets; a shortcut not named here is refused. */
    shortcuts: Partial<Record<Shortcut, string>>;
    /** Reads and validates its options (unknown keys are the caller's concern). */
    read(r: MapReader): C;
    /** The nominal run time, before graceful stop / ramp-down (k6's "max duration" in the progress bar). */
    plannedDurationMs(config: C): number;
    /** The most VUs it can have at once. */
    peakVUs(config: C): number;
    /** The key that sets its peak VUs, for errors about them. */
    peakVuKey(config: C): string;
    /** Open model: iterations start on a schedule whatever earlier ones do. */
    openModel: boolean;
    /** How many shards can carry a part of its load. */
    shardsWithLoad(config: C): number;
    /** One shard's slice, every quantity split by `share` (see shard.ts). */
    shard(config: C, share: (total: number) => number): C;
    /** The planned load over time; undefined when it has no planned end (iteration counts). */
    loadPlan(config: C): LoadPlan | undefined;
    describe(config: C): ExecutorDescription;
}
