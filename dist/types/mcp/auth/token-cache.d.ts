import type { IssuedToken } from './client-credentials.ts';
export interface TokenCacheOptions {
    /** Milliseconds clock; performance.now by default. */
    now?: () => number;
    /** Told of every token fetch, for metrics. */
    onFetch?: (durationMs: number, ok: boolean) => void;
}
/** A held token as another process can use it: the header, and how long from now it is to be refreshed and valid. */
export interface TokenValidity {
    header: string;
    refreshInMs: number;
    expiresInMs: number;
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
    /** The token held now with its times from now (Infinity for a token without a lifetime), or undefined. */
    validity(): TokenValidity | undefined;
    /** A valid `Authorization` value, fetching one (once, for every caller) when none is held. */
    ready(): Promise<string>;
    /** The server answered 401 to `header`: unless a newer token has come since, fetch one. */
    rejected(header: string | undefined): Promise<string>;
    private refresh;
}
