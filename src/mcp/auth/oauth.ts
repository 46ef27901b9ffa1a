import type { KeyObject } from 'node:crypto';
import { registerSecret } from '../../secrets/index.ts';
import { displayUrl } from '../target.ts';
import { parsePrivateKey } from './client-assertion.ts';
import { requestToken, TOKEN_ENDPOINT_AUTH_METHODS, type ClientIdentity, type ClientProof, type IssuedToken, type SecretAuth } from './client-credentials.ts';
import { AuthError } from './http.ts';
import { discoverAuthorizationServer, type AuthorizationServer } from './metadata.ts';
import { TokenCache, type TokenValidity } from './token-cache.ts';

/** What a session consults for its `Authorization` header (one per identity, shared by its sessions). */
export interface Authorization {
  /** The value to send now; undefined when none is held (or the server needs none). Never waits. */
  header(): string | undefined;
  /** Waits until a value is held: discovery and a token fetch the first time, shared by every caller. */
  ready(): Promise<string | undefined>;
  /** A request sent with `header` was answered 401: a new token, fetched once however many sessions ask. */
  rejected(header: string | undefined): Promise<string | undefined>;
  /** The token held now and its times, for workers that use this one's tokens (see engine/workers/shared-auth.ts). */
  validity?(): TokenValidity | undefined;
  /** As rejected, but for a 401 another worker saw and counted. */
  renew?(header: string | undefined): Promise<string | undefined>;
}

/** Token fetches and rejections, for metrics; never the values. */
export interface AuthObserver {
  tokenFetched(durationMs: number, ok: boolean): void;
  /** The MCP server answered 401 to a request that carried a token (or none while one was needed). */
  unauthorized(): void;
  /** Identity `index` (0-based) holds a new token. */
  tokenHeld?(index: number): void;
}

export interface ClientCredentialsSettings {
  /** One or more clients; sessions take them in turn (see `forVu`). */
  identities: readonly ClientIdentity[];
  /** Skips discovery: tokens come from here. */
  tokenEndpoint?: string;
  /** Skips protected-resource discovery: the authorization server's metadata comes from this issuer (RFC 8414). */
  issuer?: string;
  /** RFC 8707 resource indicator; by default the protected resource metadata's, else the target URL. */
  resource?: string;
  /** Requested for every identity without its own; by default what the server's challenge or metadata names. */
  scope?: string;
  /** For client secrets; by default the first the authorization server supports, client_secret_basic first. */
  tokenEndpointAuth?: SecretAuth;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * OAuth 2.1 client credentials for one protected MCP target: the authorization server found once
 * (RFC 9728 / RFC 8414, or as configured), one token cache per identity.
 */
export class ClientCredentialsAuth {
  private readonly target: URL;
  private readonly settings: ClientCredentialsSettings;
  private readonly identities: IdentityAuthorization[];
  private discovery: Promise<AuthorizationServer | undefined> | undefined;
  private unprotected = false;

  constructor(target: URL, settings: ClientCredentialsSettings, observer?: AuthObserver) {
    if (settings.identities.length === 0) throw new TypeError('auth needs at least one client identity (clientId and clientSecret)');
    for (const identity of settings.identities) {
      if ((identity.clientSecret === undefined) === (identity.privateKey === undefined)) {
        throw new TypeError(`client ${identity.clientId} needs either a clientSecret or a privateKey`);
      }
    }
    this.target = target;
    this.settings = settings;
    const server = (): Promise<AuthorizationServer | undefined> => this.server();
    this.identities = settings.identities.map((identity, index) => {
      const key = identity.privateKey === undefined ? undefined : parsePrivateKey(identity.privateKey, identity.clientId);
      const onFetch = (ms: number, ok: boolean): void => {
        observer?.tokenFetched(ms, ok);
        if (ok) observer?.tokenHeld?.(index);
      };
      const cache = new TokenCache(() => this.fetchToken(identity, key), { onFetch });
      return new IdentityAuthorization(cache, server, observer);
    });
  }

  /** True once discovery found that the target asks for no authorization (its probe was not answered 401): no token is sent. */
  get notRequired(): boolean {
    return this.unprotected;
  }

  /** The identity of virtual user `vu` (1-based): identities are dealt round-robin. */
  forVu(vu: number): Authorization {
    return this.identities[identityIndex(vu, this.identities.length)];
  }

  /** Identity `index` (0-based), as forVu deals them. */
  identity(index: number): Authorization {
    return this.identities[index];
  }

  private get timeoutMs(): number {
    return this.settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** The authorization server, found once for all identities; a failed discovery is tried again by the next caller. */
  private server(): Promise<AuthorizationServer | undefined> {
    if (this.discovery === undefined) {
      const discovery = this.discover();
      this.discovery = discovery;
      discovery.catch(() => {
        if (this.discovery === discovery) this.discovery = undefined;
      });
    }
    return this.discovery;
  }

  private async fetchToken(identity: ClientIdentity, key: KeyObject | undefined): Promise<IssuedToken> {
    const server = await this.server();
    if (!server) throw new AuthError('discovery', 'the target asks for no authorization');
    const token = await requestToken({
      tokenEndpoint: server.tokenEndpoint,
      clientId: identity.clientId,
      proof: this.proof(server, identity, key),
      resource: server.resource,
      scope: identity.scope ?? this.settings.scope ?? server.scope,
      timeoutMs: this.timeoutMs,
    });
    // Redacted from every text mcp-load writes from now on, and masked in the action's log.
    registerSecret(token.accessToken);
    return token;
  }

  private async discover(): Promise<AuthorizationServer | undefined> {
    try {
      const server = await this.discoverOnce();
      this.unprotected = server === undefined;
      return server;
    } catch (err) {
      if (err instanceof AuthError) throw err;
      throw new AuthError('discovery', `cannot find the authorization server of ${displayUrl(this.target)}: ${(err as Error).message}`);
    }
  }

  private async discoverOnce(): Promise<AuthorizationServer | undefined> {
    const { tokenEndpoint, resource, issuer } = this.settings;
    if (tokenEndpoint !== undefined) {
      return {
        resource: resource ?? `${this.target.origin}${this.target.pathname}`,
        issuer,
        tokenEndpoint: new URL(tokenEndpoint),
        authMethods: [this.settings.tokenEndpointAuth ?? 'client_secret_basic', 'private_key_jwt'],
        scope: undefined,
      };
    }
    return discoverAuthorizationServer(this.target, { timeoutMs: this.timeoutMs, issuer, resource });
  }

  private proof(server: AuthorizationServer, identity: ClientIdentity, key: KeyObject | undefined): ClientProof {
    if (key === undefined) return { method: this.secretMethod(server), secret: identity.clientSecret! };
    if (!server.authMethods.includes('private_key_jwt')) {
      throw new AuthError(
        'token',
        `the authorization server supports ${server.authMethods.join(', ') || 'no'} token endpoint authentication, not private_key_jwt`,
      );
    }
    // RFC 7523bis: the audience is the authorization server's issuer identifier (the token endpoint when none is known).
    const audience = server.issuer ?? server.tokenEndpoint.href;
    return { method: 'private_key_jwt', key, algorithm: identity.signingAlgorithm ?? 'ES256', audience };
  }

  private secretMethod(server: AuthorizationServer): SecretAuth {
    if (this.settings.tokenEndpointAuth) return this.settings.tokenEndpointAuth;
    const method = TOKEN_ENDPOINT_AUTH_METHODS.find((m) => server.authMethods.includes(m));
    if (!method) {
      throw new AuthError(
        'token',
        `the authorization server supports ${server.authMethods.join(', ') || 'no'} token endpoint authentication; mcp-load sends ${TOKEN_ENDPOINT_AUTH_METHODS.join(' or ')}`,
      );
    }
    return method;
  }
}

/** Which of `count` identities virtual user `vu` (1-based) is dealt: round-robin. */
export function identityIndex(vu: number, count: number): number {
  return (Math.max(1, vu) - 1) % count;
}

class IdentityAuthorization implements Authorization {
  private readonly cache: TokenCache;
  private readonly server: () => Promise<AuthorizationServer | undefined>;
  private readonly observer: AuthObserver | undefined;

  constructor(cache: TokenCache, server: () => Promise<AuthorizationServer | undefined>, observer: AuthObserver | undefined) {
    this.cache = cache;
    this.server = server;
    this.observer = observer;
  }

  header(): string | undefined {
    return this.cache.header();
  }

  async ready(): Promise<string | undefined> {
    const held = this.cache.header();
    if (held !== undefined) return held;
    if (!(await this.server())) return undefined;
    return this.cache.ready();
  }

  validity(): TokenValidity | undefined {
    return this.cache.validity();
  }

  rejected(header: string | undefined): Promise<string | undefined> {
    this.observer?.unauthorized();
    return this.renew(header);
  }

  /** As rejected, for a 401 another worker saw (and counted). */
  async renew(header: string | undefined): Promise<string | undefined> {
    if (!(await this.server())) return undefined;
    return this.cache.rejected(header);
  }
}
