import { sharedTokenizer, type Tokenizer } from '../tool-output-tokens.ts';

/**
 * One tokenizer per run: a worker's sample is counted by its parent's tokenizer thread (the rank
 * table loads once, not once per worker), over the worker's link. Each worker still records its
 * own replies' counts, so the merged result is exact as before.
 */
export type TokenizerAsk = { type: 'tokenizer-start' } | { type: 'count-tokens'; id: number; texts: string[] };
/** The parent's answers: its tokenizer loaded (or why not), a request's counts (or why not). */
export type TokenizerAnswer = { type: 'tokenizer-ready'; error?: string } | { type: 'token-counts'; id: number; counts?: number[]; error?: string };

/** A worker's tokenizer: its parent's, asked over the link. */
export class TokenizerRelay {
  private tokenizer: Tokenizer | undefined;
  private loaded: { resolve: () => void; reject: (error: Error) => void } | undefined;
  private readonly pending = new Map<number, { resolve: (counts: number[]) => void; reject: (error: Error) => void }>();
  private nextId = 0;

  constructor(private readonly post: (message: TokenizerAsk) => void) {}

  /** The run's tokenizer: the parent starts loading its own at the first call. */
  start(): Tokenizer {
    if (this.tokenizer !== undefined) return this.tokenizer;
    const ready = new Promise<void>((resolve, reject) => (this.loaded = { resolve, reject }));
    ready.catch(() => {}); // observed by whoever awaits it
    this.post({ type: 'tokenizer-start' });
    this.tokenizer = {
      ready,
      count: (texts) =>
        new Promise<number[]>((resolve, reject) => {
          const id = this.nextId++;
          this.pending.set(id, { resolve, reject });
          this.post({ type: 'count-tokens', id, texts });
        }),
    };
    return this.tokenizer;
  }

  receive(message: TokenizerAnswer): void {
    if (message.type === 'tokenizer-ready') {
      if (message.error === undefined) this.loaded?.resolve();
      else this.loaded?.reject(new Error(message.error));
      return;
    }
    const request = this.pending.get(message.id);
    this.pending.delete(message.id);
    if (message.counts !== undefined) request?.resolve(message.counts);
    else request?.reject(new Error(message.error ?? 'failed to count'));
  }
}

/** The parent's side: its tokenizer, answering every worker of one run. */
export class TokenizerService {
  private tokenizer: Tokenizer | undefined;

  constructor(private readonly start: () => Tokenizer = sharedTokenizer) {}

  answer(message: TokenizerAsk, reply: (answer: TokenizerAnswer) => void): void {
    this.tokenizer ??= this.start();
    if (message.type === 'tokenizer-start') {
      this.tokenizer.ready.then(
        () => reply({ type: 'tokenizer-ready' }),
        (err: Error) => reply({ type: 'tokenizer-ready', error: err.message }),
      );
    } else {
      this.tokenizer.count(message.texts).then(
        (counts) => reply({ type: 'token-counts', id: message.id, counts }),
        (err: Error) => reply({ type: 'token-counts', id: message.id, error: err.message }),
      );
    }
  }

  /** Every worker has reported: a count still running was given up by its worker (its grace ran out). */
  end(): void {
    this.tokenizer?.abandon?.();
  }
}
