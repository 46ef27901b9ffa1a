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

/** Refresh once this share of a token's lifetime has passed, so requests never wait for one. */
const REFRESH_AT_SHARE = 0.8;
/** After a failed refresh ahead of expiry, the old token serves this long before the next try. */
const RETRY_AFTER_MS = 1_000;

interface Held {
  header: string;
  refreshAt: number;
  expiresAt: number;
}

/**
 * One identity's bearer token, shared by every session that uses it: fetched once, refreshed ahead
 * of expiry by a single request in flight (the others keep the old token meanwhile), and fetched
 * anew once when the server rejects it — however many sessions saw the rejection.
 */
export class TokenCache {
  private readonly fetchToken: () => Promise<IssuedToken>;
  private readonly now: () => number;
  private readonly onFetch: ((durationMs: number, ok: boolean) => void) | undefined;
  private held: Held | undefined;
  private inFlight: Promise<string> | undefined;
  private retryAt = 0;

  constructor(fetchToken: () => Promise<IssuedToken>, options: TokenCacheOptions = {}) {
    this.fetchToken = fetchToken;
    this.now = options.now ?? (() => performance.now());
    this.onFetch = options.onFetch;
  }

  /** The `Authorization` value to send now, or undefined when no unexpired token is held. */
  header(): string | undefined {
    const held = this.held;
    if (held === undefined) return undefined;
    const now = this.now();
    if (now >= held.expiresAt) return undefined;
    if (now >= held.refreshAt && this.inFlight === undefined && now >= this.retryAt) {
      this.refresh().catch(() => (this.retryAt = this.now() + RETRY_AFTER_MS));
    }
    return held.header;
  }

  /** The token held now with its times from now (Infinity for a token without a lifetime), or undefined. */
  validity(): TokenValidity | undefined {
    const held = this.held;
    if (held === undefined) return undefined;
    const now = this.now();
    if (now >= held.expiresAt) return undefined;
    return { header: held.header, refreshInMs: held.refreshAt - now, expiresInMs: held.expiresAt - now };
  }

  /** A valid `Authorization` value, fetching one (once, for every caller) when none is held. */
  ready(): Promise<string> {
    const header = this.header();
    if (header !== undefined) return Promise.resolve(header);
    return this.inFlight ?? this.refresh();
  }

  /** The server answered 401 to `header`: unless a newer token has come since, fetch one. */
  rejected(header: string | undefined): Promise<string> {
    if (this.inFlight) return this.inFlight;
    if (this.held !== undefined && this.held.header === header) this.held = undefined;
    return this.ready();
  }

  private refresh(): Promise<string> {
    const started = this.now();
    const flight = this.fetchToken().then(
      (token) => {
        const lifetime = token.lifetimeMs ?? Infinity;
        // Counted from the request, not the answer: the server's clock started before ours could.
        this.held = { header: `Bearer ${token.accessToken}`, refreshAt: started + lifetime * REFRESH_AT_SHARE, expiresAt: started + lifetime };
        this.inFlight = undefined;
        this.onFetch?.(this.now() - started, true);
        return this.held.header;
      },
      (err: unknown) => {
        this.inFlight = undefined;
        this.onFetch?.(this.now() - started, false);
        throw err;
      },
    );
    this.inFlight = flight;
    return flight;
  }
}
