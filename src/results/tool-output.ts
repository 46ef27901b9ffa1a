import { mergeTrendStates, type MetricsSnapshot, type TrendState } from '../engine/index.ts';
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

interface Acc {
  replies: number;
  bytes: TrendState[];
  tokens: TrendState[];
}

/**
 * The per-tool output figures of a result, from its tagged series (`tool_output_bytes`,
 * `tool_output_tokens`, and `mcp_calls` for the replies): histograms add exactly, so a merged
 * result (shards, workers) yields the figures of the whole. Undefined for a run without tool calls.
 */
export function toolOutputOf(metrics: MetricsSnapshot): ToolOutputRecord | undefined {
  const durationMs = Math.max(0, metrics.endMs - metrics.startMs);
  const byTool = new Map<string, Acc>();
  const accFor = (tool: string): Acc => {
    let acc = byTool.get(tool);
    if (acc === undefined) byTool.set(tool, (acc = { replies: 0, bytes: [], tokens: [] }));
    return acc;
  };
  for (const s of metrics.metrics) {
    const tool = s.tags.tool;
    if (tool === undefined || s.tags.method !== 'tools/call') continue;
    if (s.metric === 'mcp_calls' && s.type === 'counter') {
      const errorClass = s.tags.error_class;
      if (errorClass === undefined || errorClass === 'tool') accFor(tool).replies += s.summary.count;
    } else if (s.type === 'trend' && (s.metric === 'tool_output_bytes' || s.metric === 'tool_output_tokens')) {
      if (s.summary.count > 0) accFor(tool)[s.metric === 'tool_output_bytes' ? 'bytes' : 'tokens'].push(s);
    }
  }
  if (byTool.size === 0) return undefined;
  const tools = [...byTool].map(([tool, acc]) => rowOf(tool, acc, durationMs)).sort((a, b) => b.replies - a.replies || a.tool.localeCompare(b.tool));
  const withTokens = tools.filter((t) => t.totalTokens !== null);
  const replies = withTokens.reduce((n, t) => n + t.replies, 0);
  const totalTokens = withTokens.length === 0 ? null : withTokens.reduce((n, t) => n + (t.totalTokens as number), 0);
  return {
    encoding: TOKEN_ENCODING,
    tokenizer: TOKENIZER,
    tools,
    tokensPerCall: totalTokens === null || replies === 0 ? null : totalTokens / replies,
    totalTokens,
  };
}

function rowOf(tool: string, acc: Acc, durationMs: number): ToolOutputRow {
  const bytes = figuresOf(acc.bytes, durationMs);
  const tokens = figuresOf(acc.tokens, durationMs);
  const sampled = bytes?.count ?? 0;
  const tokensPerCall = tokens === undefined ? null : tokens.figures.mean;
  return {
    tool,
    replies: acc.replies,
    sampled,
    bytes: bytes?.figures ?? null,
    tokens: tokens?.figures ?? null,
    tokensPerCall,
    totalTokens: tokensPerCall === null ? null : tokens!.count === acc.replies ? tokens!.sum : tokensPerCall * acc.replies,
  };
}

/** Trends of tool output record thousandths (see ToolOutputSlot): summaries read in whole bytes and tokens. */
function figuresOf(states: readonly TrendState[], durationMs: number): { figures: OutputFigures; count: number; sum: number } | undefined {
  if (states.length === 0) return undefined;
  const merged = mergeTrendStates(states, durationMs);
  const { summary } = merged;
  if (summary.count === 0) return undefined;
  return {
    figures: { p50: summary.p50, p95: summary.p95, max: summary.max, mean: merged.sumUs / summary.count / 1000 },
    count: summary.count,
    sum: merged.sumUs / 1000,
  };
}
