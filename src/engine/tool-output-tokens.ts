// The tokenizer behind the token estimate, loaded only when there are replies to count.

/** The encoding of OpenAI's GPT-4o / o-series / GPT-5 models: a stand-in for "an LLM's tokens". */
export const TOKEN_ENCODING = 'o200k_base';
export const TOKENIZER = 'gpt-tokenizer';

/** Counts the tokens of a text. */
export type CountTokens = (text: string) => number;

let loading: Promise<CountTokens> | undefined;

/**
 * gpt-tokenizer's o200k_base counter. Imported on first use (about 0.3 s and 30 MB of heap for its
 * 2.4 MB rank table), never at start-up: runs without tool calls never load it.
 */
export function loadTokenCounter(): Promise<CountTokens> {
  loading ??= import('gpt-tokenizer/encoding/o200k_base').then((m) => (text: string) => m.countTokens(text));
  return loading;
}
