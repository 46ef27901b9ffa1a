import { type ExecutorOverrides } from './overrides.ts';
import type { Scenario } from './types.ts';
import type { VariablePolicy } from './variables.ts';
export interface LoadOptions {
    /** Replaces the file's `target` (CLI flag or action input); its `${VARS}` are then not needed. */
    target?: string;
    /** Variables for `${NAME}` interpolation; defaults to process.env. */
    env?: NodeJS.ProcessEnv;
    /** Which of them a scenario may read; by default all but the runner's credentials (GITHUB_TOKEN, ACTIONS_*, INPUT_*). */
    variables?: VariablePolicy;
    /** Reads a data file (absolute path); defaults to fs.readFileSync. */
    readFile?: (path: string) => string;
    /** This process runs 1/shardCount of the load (`--shard i/n`): its share of VUs must fit its descriptors. */
    shardCount?: number;
    /** The open-file limit to check VUs against; defaults to this process's `ulimit -n` (none where unknown). */
    openFileLimit?: number;
    /**
     * false: VUs are not checked against the descriptor limit here but by the pre-flight before the
     * run, which knows whether the load runs in worker processes, each with its own limit (the CLI, the action).
     */
    checkDescriptors?: boolean;
    /** The CLI's `--vus`, `--duration`, `--iterations`, set in every scenario (see overrides.ts). */
    overrides?: ExecutorOverrides;
}
export declare const TOP_LEVEL_KEYS: readonly ["target", "transport", "headers", "auth", "timeout", "keepAlive", "maxResponseSize", "wait", "warmup", "data", "scenarios", "thresholds", "defaults", "regression", "events", "workers", "teardownTimeout", "protocolVersion", "stream", "progress", "replies", "replyGrace", "reissue", "trace", "instance", "cookies"];
export declare const WAIT_KEYS: readonly ["timeout"];
export declare const TRANSPORTS: readonly ["auto", "streamable-http", "sse"];
/** The scenario file's text; throws ScenarioError when it cannot be read. */
export declare function readScenarioText(file: string): string;
/** Reads, validates and resolves a scenario file; throws ScenarioError listing every problem with file:line:column. */
export declare function loadScenario(file: string, opts?: LoadOptions): Promise<Scenario>;
/** As loadScenario, from text; `file` names the source in errors and anchors relative data paths. */
export declare function parseScenario(text: string, file: string, opts?: LoadOptions): Scenario;
export declare const WORKERS_KEYS: readonly ["count", "mode"];
/** `My Scenario` → `my-scenario`. */
export declare function slugify(name: string): string;
