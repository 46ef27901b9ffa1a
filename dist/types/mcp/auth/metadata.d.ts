/** Where and how a client gets tokens for one protected MCP server. */
export interface AuthorizationServer {
    /** The RFC 8707 resource indicator: the protected resource metadata's `resource`, else the target URL. */
    resource: string;
    issuer: string | undefined;
    tokenEndpoint: URL;
    /** `token_endpoint_auth_methods_supported`; RFC 8414's default is client_secret_basic. */
    authMethods: readonly string[];
    /** From the 401's challenge, else the resource metadata's `scopes_supported` (space-separated). */
    scope: string | undefined;
}
export interface DiscoveryOptions {
    timeoutMs: number;
    /** Known already, e.g. from the `auth:` settings: no discovery of it. */
    issuer?: string;
    resource?: string;
}
/**
 * Finds the authorization server of a protected MCP endpoint as MCP's authorization spec says:
 * an unauthenticated request's 401 names the protected resource metadata (RFC 9728), whose
 * `authorization_servers` lead to the server's own metadata (RFC 8414, then OpenID Connect
 * discovery). Returns undefined when the endpoint does not ask for authorization at all.
 */
export declare function discoverAuthorizationServer(target: URL, options: DiscoveryOptions): Promise<AuthorizationServer | undefined>;
