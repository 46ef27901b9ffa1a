// The tokenizer behind the token estimate: a worker thread, started when a run with tool calls starts.
import { Worker } from 'node:worker_threads';

/** Texts to count (tokenizer-thread.mjs), and their counts in the same order. */
interface TokenizeRequest {
  id: number;
  texts: string[];
}
interface TokenizeReply {
  id: number;
  counts: number[];
}

/** The encoding of OpenAI's GPT-4o / o-series / GPT-5 models: a stand-in for "an LLM's tokens". */
export const TOKEN_ENCODING = 'o200k_base';
export const TOKENIZER = 'gpt-tokenizer';

/** Counts the tokens of texts, in order. */
export type CountTokens = (texts: string[]) => Promise<number[]>;

/** A source of token counters: the worker thread, or (tests) a function of the caller's. */
export interface Tokenizer {
  /** Resolves when counting can start; rejects when the tokenizer cannot load. */
  readonly ready: Promise<void>;
  count: CountTokens;
}

let shared: Tokenizer | undefined;

/**
 * The process's one tokenizer thread, started on first use and kept (unref'd, about 30 MB) so that
 * later runs in the process (capacity steps, tests) do not load the rank table again.
 */
export function sharedTokenizer(): Tokenizer {
  shared ??= startTokenizerThread();
  return shared;
}

/**
 * gpt-tokenizer's o200k_base in a worker thread: loading its rank table takes about 0.3 s of CPU
 * and 30 MB (seconds on a busy machine), which on the generator's thread would stall the load.
 * Started from the bundled `tokenizer.js` beside the bundle (dist/cli.js, dist/index.js), or from
 * the sources' tokenizer-thread.mjs.
 */
function startTokenizerThread(): Tokenizer {
  const here = import.meta.url;
  const worker = new Worker(new URL(here.endsWith('.ts') ? './tokenizer-thread.mjs' : './tokenizer.js', here));
  const pending = new Map<number, (counts: number[]) => void>();
  let nextId = 0;
  let failure: Error | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('error', (err) => {
      failure = err;
      reject(err);
      for (const settle of pending.values()) settle([]);
    });
    worker.once('exit', (code) => {
      failure ??= new Error(`the tokenizer thread exited (code ${code})`);
      reject(failure);
      if (shared?.ready === ready) shared = undefined; // the next run starts a new one
      for (const settle of pending.values()) settle([]);
    });
    worker.on('message', (message: 'ready' | TokenizeReply) => {
      if (message === 'ready') {
        if (pending.size === 0) worker.unref();
        return resolve();
      }
      pending.get(message.id)?.(message.counts);
      pending.delete(message.id);
      if (pending.size === 0) worker.unref();
    });
  });
  ready.catch(() => {}); // observed by whoever awaits it; never an unhandled rejection
  // Ref'd while it loads and while a count is awaited, else never the reason a process stays alive.
  return {
    ready,
    count(texts) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise<number[]>((resolve, reject) => {
        pending.set(id, (counts) => (counts.length === texts.length ? resolve(counts) : reject(failure ?? new Error('the tokenizer thread failed'))));
        worker.ref();
        worker.postMessage({ id, texts } satisfies TokenizeRequest);
      });
    },
  };
}
