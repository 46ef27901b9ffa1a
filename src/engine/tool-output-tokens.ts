// The tokenizer behind the token estimate: one worker thread per process, started at a run's first
// sampled reply; a run's worker threads and processes count through their parent's (workers/tokenizer-relay.ts).
import type { Worker } from 'node:worker_threads';
import { workerThreads } from './worker-threads.ts';

/** Texts to count (tokenizer-thread.mjs), and their counts in the same order, or why there are none. */
interface TokenizeRequest {
  id: number;
  texts: string[];
}
interface TokenizeReply {
  id: number;
  counts: number[];
  error?: string;
}

/** The encoding of OpenAI's GPT-4o / o-series / GPT-5 models: a stand-in for "an LLM's tokens". */
export const TOKEN_ENCODING = 'o200k_base';
export const TOKENIZER = 'gpt-tokenizer';

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
 * Started from the bundled `tokenizer.cjs` beside the bundle (dist/cli-main.cjs, dist/index.js),
 * or from the sources' tokenizer-thread.mjs.
 */
function startTokenizerThread(): Tokenizer {
  const here = import.meta.url;
  // At the first sampled reply, after the first request.
  const { Worker: WorkerThread } = workerThreads();
  const worker: Worker = new WorkerThread(new URL(here.endsWith('.ts') ? './tokenizer-thread.mjs' : './tokenizer.cjs', here));
  // Ref'd only while a count is awaited: a thread that never loads (its files unreadable, the
  // process out of descriptors) must not keep the process alive; a run's wait for it is bounded.
  worker.unref();
  let loaded = false;
  const pending = new Map<number, (reply: TokenizeReply | undefined) => void>();
  let nextId = 0;
  let failure: Error | undefined;
  const forget = (): void => {
    if (shared === tokenizer) shared = undefined; // the next run starts a new one
  };
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('error', (err) => {
      failure = err;
      reject(err);
      for (const settle of pending.values()) settle(undefined);
    });
    worker.once('exit', (code) => {
      failure ??= new Error(`the tokenizer thread exited (code ${code})`);
      reject(failure);
      forget();
      for (const settle of pending.values()) settle(undefined);
    });
    worker.on('message', (message: 'ready' | TokenizeReply) => {
      if (message === 'ready') {
        loaded = true;
        return resolve();
      }
      pending.get(message.id)?.(message);
      pending.delete(message.id);
      if (pending.size === 0) worker.unref();
    });
  });
  ready.catch(() => {}); // observed by whoever awaits it; never an unhandled rejection
  const tokenizer: Tokenizer = {
    ready,
    count(texts) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise<number[]>((resolve, reject) => {
        pending.set(id, (reply) => {
          if (reply !== undefined && reply.counts.length === texts.length) return resolve(reply.counts);
          reject(reply?.error !== undefined ? new Error(`failed to count (${reply.error})`) : (failure ?? new Error('the tokenizer thread failed')));
        });
        worker.ref();
        worker.postMessage({ id, texts } satisfies TokenizeRequest);
      });
    },
    abandon() {
      if (loaded && pending.size === 0) return; // idle: kept for the process's next run
      failure ??= new Error(`was ended while it ${loaded ? 'counted' : 'loaded'} (the run stopped waiting)`);
      forget();
      void worker.terminate();
    },
  };
  return tokenizer;
}
