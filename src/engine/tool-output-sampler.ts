import type { OperationResult } from '../mcp/index.ts';
import type { MetricsRegistry, TrendHandle } from './metrics/index.ts';
import { outputParts } from './tool-output-text.ts';
import { sharedTokenizer, TOKEN_ENCODING, type Tokenizer } from './tool-output-tokens.ts';

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
    const kept: Kept | undefined =
      result.result !== undefined ? { result: result.result } : result.replyText !== undefined ? { text: result.replyText } : undefined;
    if (kept === undefined || !this.sampler.reserve(result.bytesReceived)) return;
    this.takenThisSecond++;
    this.kept.push(kept);
  }

  newSecond(): void {
    this.takenThisSecond = 0;
  }

  /** The kept replies' text parts (one list per reply that has a result); the slot lets them go. */
  take(): string[][] {
    const out: string[][] = [];
    for (const kept of this.kept) {
      const result = 'text' in kept ? resultOfReply(kept.text) : kept.result;
      if (result !== undefined) out.push(outputParts(result)); // else not a response with a result: nothing a model reads
    }
    this.kept.length = 0;
    return out;
  }

  record(bytes: number, tokens: number | undefined): void {
    this.bytes.record(bytes * UNIT);
    if (tokens !== undefined) this.tokens.record(tokens * UNIT);
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
 * How long a finished run waits for its sample's tokens: for a tokenizer thread still loading (it
 * loads in about 0.3 s, seconds on a busy machine) and counting (milliseconds for most samples;
 * minutes for a long run of letters, BPE being quadratic in it): a tenth of the run, 2 s to 5 s,
 * so that it never holds a run's end for long. Past it, the report says the tokens were not estimated.
 * At least 2 s: with 0.5 s, runs of a second or less on a loaded 2-core machine often ended before
 * their tokenizer had loaded (bench/tokenizer-load.ts).
 */
export function tokenizerGraceMs(runMs: number): number {
  return Math.min(5_000, Math.max(2_000, runMs / 10));
}

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
export class ToolOutputSampler {
  private readonly slots: ToolOutputSlot[] = [];
  private retained = 0;
  private tokenizer: Tokenizer | undefined;

  constructor(
    private readonly registry: MetricsRegistry,
    readonly limits: ToolOutputLimits = TOOL_OUTPUT_LIMITS,
    private readonly startTokenizer: () => Tokenizer = sharedTokenizer,
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
    this.tokenizer ??= this.startTokenizer();
    return true;
  }

  /** Called by the run's 1 s ticker. */
  newSecond(): void {
    for (const slot of this.slots) slot.newSecond();
  }

  /**
   * Counts the kept replies' bytes and tokens. When it cannot count
   * (it failed to load, or did not within `waitMs`), the bytes are still recorded and the returned
   * warning says why there are no tokens.
   */
  async measure(waitMs: number): Promise<string | undefined> {
    const taken = this.slots.map((slot) => slot.take());
    this.retained = 0;
    const tokenizer = this.tokenizer;
    this.tokenizer = undefined;
    if (tokenizer === undefined) return undefined;
    const texts = taken.flat(2);
    let counts: number[] | undefined = texts.length === 0 ? [] : undefined;
    let warning: string | undefined;
    if (counts === undefined) {
      try {
        counts = await within(tokenizer, texts, waitMs);
      } catch (err) {
        tokenizer.abandon?.();
        warning = `tool output tokens were not estimated (bytes were): the ${TOKEN_ENCODING} tokenizer ${(err as Error).message}`;
      }
    }
    let next = 0;
    taken.forEach((replies, i) => {
      for (const parts of replies) {
        let bytes = 0;
        let tokens = 0;
        for (const part of parts) {
          bytes += Buffer.byteLength(part, 'utf8');
          if (counts) tokens += counts[next++];
        }
        this.slots[i].record(bytes, counts ? tokens : undefined);
      }
    });
    return warning;
  }
}

/** The counts of `texts` once the tokenizer has loaded, both within `ms`. */
async function within(tokenizer: Tokenizer, texts: string[], ms: number): Promise<number[]> {
  let timer: NodeJS.Timeout | undefined;
  let loaded = false;
  let expired = false;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      expired = true;
      reject(
        new Error(
          loaded
            ? `did not count the sample within ${ms / 1000} s after the run (a text too long?)`
            : `did not load within ${ms / 1000} s after the run (a busy machine?)`,
        ),
      );
    }, ms);
  });
  const counted = tokenizer.ready.then(
    () => {
      loaded = true;
      // Loaded after the run stopped waiting: counting now would only cost a core.
      if (expired) return Promise.reject(new Error('loaded too late'));
      return tokenizer.count(texts);
    },
    (err: Error) => Promise.reject(new Error(`failed to load (${err.message})`)),
  );
  counted.catch(() => {}); // late: settled after the race was lost
  try {
    return await Promise.race([counted, late]);
  } finally {
    clearTimeout(timer);
  }
}
