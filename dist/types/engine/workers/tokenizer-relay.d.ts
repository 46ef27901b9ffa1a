import { type Tokenizer } from '../tool-output-tokens.ts';
/**
 * One tokenizer per run: a worker's sample is counted by its parent's tokenizer thread (the rank
 * table loads once, not once per worker), over the worker's link. Each worker still records its
 * own replies' counts, so the merged result is exact as before.
 */
export type TokenizerAsk = {
    type: 'tokenizer-start';
} | {
    type: 'count-tokens';
    id: number;
    texts: string[];
};
/** The parent's answers: its tokenizer loaded (or why not), a request's counts (or why not). */
export type TokenizerAnswer = {
    type: 'tokenizer-ready';
    error?: string;
} | {
    type: 'token-counts';
    id: number;
    counts?: number[];
    error?: string;
};
/** A worker's tokenizer: its parent's, asked over the link. */
export declare class TokenizerRelay {
    private readonly post;
    private tokenizer;
    private loaded;
    private readonly pending;
    private nextId;
    constructor(post: (message: TokenizerAsk) => void);
    /** The run's tokenizer: the parent starts loading its own at the first call. */
    start(): Tokenizer;
    receive(message: TokenizerAnswer): void;
}
/** The parent's side: its tokenizer, answering every worker of one run. */
export declare class TokenizerService {
    private readonly start;
    private tokenizer;
    constructor(start?: () => Tokenizer);
    answer(message: TokenizerAsk, reply: (answer: TokenizerAnswer) => void): void;
    /** Every worker has reported: a count still running was given up by its worker (its grace ran out). */
    end(): void;
}
