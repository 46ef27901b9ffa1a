/** POSTs one body to a receiver within a bounded time; resolves to undefined on a 2xx, else to why not. */
export declare function push(url: string, body: Uint8Array, headers: Record<string, string>): Promise<string | undefined>;
/**
 * Live pushes one at a time, without blocking the caller: a sample that arrives while one is in
 * flight waits, and only the newest waiting batch is kept (the receiver wants the latest figures).
 */
export declare class PushQueue {
    private inFlight;
    private waiting;
    readonly failures: string[];
    attempts: number;
    enqueue(send: () => Promise<string | undefined>): void;
    /** Waits for what is in flight and waiting. */
    settle(): Promise<void>;
    private drain;
}
