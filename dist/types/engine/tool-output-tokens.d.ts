/** The encoding of OpenAI's GPT-4o / o-series / GPT-5 models: a stand-in for "an LLM's tokens". */
export declare const TOKEN_ENCODING = "o200k_base";
export declare const TOKENIZER = "gpt-tokenizer";
/** Counts the tokens of texts, in order. */
export type CountTokens = (texts: string[]) => Promise<number[]>;
/** A source of token counters: the worker thread, or (tests) a function of the caller's. */
export interface Tokenizer {
    /** Resolves when counting can start; rejects when the tokenizer cannot load. */
    readonly ready: Promise<void>;
    count: CountTokens;
}
/**
 * The process's one tokenizer thread, started on first use and kept (unref'd, about 30 MB) so that
 * later runs in the process (capacity steps, tests) do not load the rank table again.
 */
export declare function sharedTokenizer(): Tokenizer;
