/** The encoding of OpenAI's GPT-4o / o-series / GPT-5 models: a stand-in for "an LLM's tokens". */
export declare const TOKEN_ENCODING = "o200k_base";
export declare const TOKENIZER = "gpt-tokenizer";
/** Counts the tokens of texts, in order. */
export type CountTokens = (texts: string[]) => Promise<number[]>;
/** A source of token counters: the worker thread, its parent's over a relay, or (tests) a function of the caller's. */
export interface Tokenizer {
    /** Resolves when counting can start; rejects when the tokenizer cannot load. */
    readonly ready: Promise<void>;
    count: CountTokens;
    /**
     * The counts awaited are no longer wanted (the run stopped waiting): a thread still counting is
     * ended, so that a text that takes minutes (BPE is quadratic in a long run of letters) holds no
     * core and no process; the next run starts a new one.
     */
    abandon?(): void;
}
/**
 * The process's one tokenizer thread, started on first use and kept (unref'd, about 30 MB) so that
 * later runs in the process (capacity steps, tests) do not load the rank table again.
 */
export declare function sharedTokenizer(): Tokenizer;
