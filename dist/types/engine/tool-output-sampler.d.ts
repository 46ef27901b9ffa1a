import type { OperationResult } from '../mcp/index.ts';
import type { MetricsRegistry, TrendHandle } from './metrics/index.ts';
import { type Tokenizer } from './tool-output-tokens.ts';
/**
 * How much of a run's tool output is kept to be measured. The hot path only keeps a reference to
 * a reply (its parsed result, or its JSON text when the transport did not parse it); sizes and
 * tokens are counted after the run (tokens in a worker thread), so a fast tool is not slowed by a tokenizer.
 */
export interface ToolOutputLimits {
    /** Replies kept per tool in each 1 s tick of the run: spreads the sample over the run. */
    perToolPerSecond: number;
    /** Replies kept per tool over the run. */
    perTool: number;
    /** Wire bytes of the kept replies over all tools: bounds the memory the sample holds. */
    retainedBytes: number;
}
export declare const TOOL_OUTPUT_LIMITS: ToolOutputLimits;
/** The replies of one tool of one scenario, and the trends they are recorded in. */
export declare class ToolOutputSlot {
    private readonly sampler;
    readonly bytes: TrendHandle;
    readonly tokens: TrendHandle;
    private readonly kept;
    private takenThisSecond;
    constructor(sampler: ToolOutputSampler, bytes: TrendHandle, tokens: TrendHandle);
    /** A call's reply (a result, or a tool error: both reach the model); kept if the sample has room. */
    offer(result: OperationResult): void;
    newSecond(): void;
    /** The kept replies' text parts (one list per reply that has a result); the slot lets them go. */
    take(): string[][];
    record(bytes: number, tokens: number | undefined): void;
}
/**
 * How long a finished run waits for its sample's tokens: for a tokenizer thread still loading (it
 * loads in about 0.3 s, seconds on a busy machine) and counting (milliseconds for most samples;
 * minutes for a long run of letters, BPE being quadratic in it): a tenth of the run, 2 s to 5 s,
 * so that it never holds a run's end for long. Past it, the report says the tokens were not estimated.
 * At least 2 s: with 0.5 s, runs of a second or less on a loaded 2-core machine often ended before
 * their tokenizer had loaded (bench/tokenizer-load.ts).
 */
export declare function tokenizerGraceMs(runMs: number): number;
/**
 * A bounded sample of every tool's replies (see ToolOutputLimits), measured after the run:
 * `tool_output_bytes` and `tool_output_tokens` per tool, one sample per kept reply, so the sample
 * size is the trend's count and the calls it stands for are the tool's replies. The tokenizer
 * starts at the first kept reply (after the first requests: never part of start-up, and not at all
 * for a run without one), so it loads while the run goes on. Loading it while the load runs takes
 * cores from a load that has none to spare (about a tenth of the calls of a 3 s, two-worker run on
 * two cores with its server beside it: bench/tokenizer-load.ts --interference), once per process;
 * started after the load instead, it did not load within the grace on a busy machine (the test
 * suite's), and the run's end waited for it.
 */
export declare class ToolOutputSampler {
    private readonly registry;
    readonly limits: ToolOutputLimits;
    private readonly startTokenizer;
    private readonly slots;
    private retained;
    private tokenizer;
    constructor(registry: MetricsRegistry, limits?: ToolOutputLimits, startTokenizer?: () => Tokenizer);
    /** The slot of one tool of one scenario; resolved once, before the run. */
    slot(scenario: string, tool: string): ToolOutputSlot;
    reserve(bytes: number): boolean;
    /** Called by the run's 1 s ticker. */
    newSecond(): void;
    /**
     * Counts the kept replies' bytes and tokens. When it cannot count
     * (it failed to load, or did not within `waitMs`), the bytes are still recorded and the returned
     * warning says why there are no tokens.
     */
    measure(waitMs: number): Promise<string | undefined>;
}
