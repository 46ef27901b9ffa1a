import type { OperationResult } from '../mcp/index.ts';
import type { MetricsRegistry, TrendHandle } from './metrics/index.ts';
import { outputParts } from './tool-output-text.ts';
import { loadTokenCounter, TOKEN_ENCODING, type CountTokens } from './tool-output-tokens.ts';

/**
 * How much of a run's tool output is kept to be measured. The hot path only keeps a reference to
 * a reply (its parsed result, or its JSON text when the transport did not parse it); sizes and
 * tokens are counted after the run, so a fast tool is not slowed by a tokenizer.
 */
export interface ToolOutputLimits {
  /** Replies kept per tool in each 1 s tick of the run: spreads the sample over the run. */
  perToolPerSecond: number;
  /** Replies kept per tool over the run. */
  perTool: number;
  /** Wire bytes of the kept replies over all tools: bounds the memory the sample holds. */
  retainedBytes: number;
}

export const TOOL_OUTPUT_LIMITS: ToolOutputLimits = Object.freeze({ perToolPerSecond: 10, perTool: 500, retainedBytes: 16 * 1024 * 1024 });

/** Trends record thousandths (their summaries divide by 1000, as µs become ms): a byte or a token is 1000. */
const UNIT = 1000;

type Kept = { result: unknown } | { text: string };

/** The replies of one tool of one scenario, and the trends they are recorded in. */
export class ToolOutputSlot {
  private readonly kept: Kept[] = [];
  private takenThisSecond = 0;

  constructor(
    private readonly sampler: ToolOutputSampler,
    readonly bytes: TrendHandle,
    readonly tokens: TrendHandle,
  ) {}

  /** A call's reply (a result, or a tool error: both reach the model); kept if the sample has room. */
  offer(result: OperationResult): void {
    const limits = this.sampler.limits;
    if (this.takenThisSecond >= limits.perToolPerSecond || this.kept.length >= limits.perTool) return;
    const kept: Kept | undefined = result.result !== undefined ? { result: result.result } : result.replyText !== undefined ? { text: result.replyText } : undefined;
    if (kept === undefined || !this.sampler.reserve(result.bytesReceived)) return;
    this.takenThisSecond++;
    this.kept.push(kept);
  }

  newSecond(): void {
    this.takenThisSecond = 0;
  }

  /** Measures the kept replies into the trends and lets them go. */
  measure(count: CountTokens | undefined): void {
    for (const kept of this.kept) {
      const parts = outputParts('text' in kept ? resultOfReply(kept.text) : kept.result);
      let bytes = 0;
      let tokens = 0;
      for (const part of parts) {
        bytes += Buffer.byteLength(part, 'utf8');
        if (count) tokens += count(part);
      }
      this.bytes.record(bytes * UNIT);
      if (count) this.tokens.record(tokens * UNIT);
    }
    this.kept.length = 0;
  }
}

/** The `result` of a JSON-RPC response kept as text; undefined when it is not one. */
function resultOfReply(text: string): unknown {
  try {
    const message = JSON.parse(text) as { result?: unknown };
    return message?.result;
  } catch {
    return undefined;
  }
}

/**
 * A bounded sample of every tool's replies (see ToolOutputLimits), measured after the run:
 * `tool_output_bytes` and `tool_output_tokens` per tool, one sample per kept reply, so the sample
 * size is the trend's count and the calls it stands for are the tool's replies.
 */
export class ToolOutputSampler {
  private readonly slots: ToolOutputSlot[] = [];
  private retained = 0;

  constructor(
    private readonly registry: MetricsRegistry,
    readonly limits: ToolOutputLimits = TOOL_OUTPUT_LIMITS,
  ) {}

  /** The slot of one tool of one scenario; resolved once, before the run. */
  slot(scenario: string, tool: string): ToolOutputSlot {
    const tags = { scenario, method: 'tools/call', tool };
    const slot = new ToolOutputSlot(this, this.registry.trend('tool_output_bytes').handle(tags), this.registry.trend('tool_output_tokens').handle(tags));
    this.slots.push(slot);
    return slot;
  }

  reserve(bytes: number): boolean {
    if (this.retained + bytes > this.limits.retainedBytes) return false;
    this.retained += bytes;
    return true;
  }

  /** Called by the run's 1 s ticker. */
  newSecond(): void {
    for (const slot of this.slots) slot.newSecond();
  }

  /**
   * Counts the kept replies' bytes and tokens. Without a tokenizer (it failed to load) the bytes
   * are still recorded and the returned warning says why there are no tokens.
   */
  async measure(count?: CountTokens): Promise<string | undefined> {
    let warning: string | undefined;
    if (count === undefined && this.retained > 0) {
      try {
        count = await loadTokenCounter();
      } catch (err) {
        warning = `tool output tokens were not estimated: the ${TOKEN_ENCODING} tokenizer failed to load (${(err as Error).message})`;
      }
    }
    for (const slot of this.slots) slot.measure(count);
    this.retained = 0;
    return warning;
  }
}
