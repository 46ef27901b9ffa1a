import type { IssuedToken } from './client-credentials.ts';
export interface TokenCacheOptions {
    /** Milliseconds clock; performance.now by default. */
    now?: () => number;
    /** Told of every token fetch, for metrics. */
    onFetch?: (durationMs: number, ok: boolean) => void;
}
/**
 * One identity's bearer token, shared by every session that uses it: fetched once, refreshed ahead
 * of expiry by a single request in flight (the others keep the old token meanwhile), and fetched
 * anew once when the server rejects it — however many sessions saw the rejection.
 */
export declare class TokenCache {
    private readonly fetchToken;
    private readonly now;
    private readonly onFetch;
    private held;
    private inFlight;
    private retryAt;
    constructor(fetchToken: () => Promise<IssuedToken>, options?: TokenCacheOptions);
    /** The `Authorization` value to send now, or undefined when no unexpired token is held. */
    header(): string | undefined;
    /** A valid `Authorization` value, fetching one (once, for every caller) when none is held. */
    ready(): Promise<string>;
    /** The server answered 401 to `header`: unless a newer token has come since, fetch one. */
    rejected(header: string | undefined): Promise<string>;
    private refresh;
}
