import { type MetricsSnapshot } from '../engine/index.ts';
import { TOKEN_ENCODING, TOKENIZER } from '../engine/index.ts';
/** A figure of a tool's output over the sampled replies: percentiles (1 % precision) and the exact mean. */
export interface OutputFigures {
    p50: number;
    p95: number;
    max: number;
    mean: number;
}
/** What one tool's output costs: its size and its tokens, measured on a bounded sample of its replies. */
export interface ToolOutputRow {
    tool: string;
    /** Calls that returned output (successes and tool errors): the calls the sample stands for. */
    replies: number;
    /** Replies measured; equal to `replies` when every one was. */
    sampled: number;
    /** UTF-8 bytes of the text a client hands the model; null without a sampled reply. */
    bytes: OutputFigures | null;
    /** Tokens of that text; null without a sampled reply or when the tokenizer was unavailable. */
    tokens: OutputFigures | null;
    /** Mean tokens per reply: the estimate of what one call of this tool costs a model. */
    tokensPerCall: number | null;
    /** `tokensPerCall × replies`: exact when every reply was sampled, else an estimate. */
    totalTokens: number | null;
}
/** `result.toolOutput`: per tool, most replies first. */
export interface ToolOutputRecord {
    encoding: typeof TOKEN_ENCODING;
    tokenizer: typeof TOKENIZER;
    tools: ToolOutputRow[];
    /** Over all tools: estimated tokens over replies; null without tokens. */
    tokensPerCall: number | null;
    totalTokens: number | null;
}
/**
 * The per-tool output figures of a result, from its tagged series (`tool_output_bytes`,
 * `tool_output_tokens`, and `mcp_calls` for the replies): histograms add exactly, so a merged
 * result (shards, workers) yields the figures of the whole. Undefined for a run without tool calls.
 */
export declare function toolOutputOf(metrics: MetricsSnapshot): ToolOutputRecord | undefined;
