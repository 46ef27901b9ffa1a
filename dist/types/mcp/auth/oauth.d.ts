import { type ClientIdentity, type SecretAuth } from './client-credentials.ts';
import { type TokenValidity } from './token-cache.ts';
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
/**
 * OAuth 2.1 client credentials for one protected MCP target: the authorization server found once
 * (RFC 9728 / RFC 8414, or as configured), one token cache per identity.
 */
export declare class ClientCredentialsAuth {
    private readonly target;
    private readonly settings;
    private readonly identities;
    private discovery;
    private unprotected;
    constructor(target: URL, settings: ClientCredentialsSettings, observer?: AuthObserver);
    /** True once discovery found that the target asks for no authorization (its probe was not answered 401): no token is sent. */
    get notRequired(): boolean;
    /** The identity of virtual user `vu` (1-based): identities are dealt round-robin. */
    forVu(vu: number): Authorization;
    /** Identity `index` (0-based), as forVu deals them. */
    identity(index: number): Authorization;
    private get timeoutMs();
    /** The authorization server, found once for all identities; a failed discovery is tried again by the next caller. */
    private server;
    private fetchToken;
    private discover;
    private discoverOnce;
    private proof;
    private secretMethod;
}
/** Which of `count` identities virtual user `vu` (1-based) is dealt: round-robin. */
export declare function identityIndex(vu: number, count: number): number;
