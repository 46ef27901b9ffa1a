import { snippet } from '../json-rpc.ts';
import { parseBearerChallenge, type BearerChallenge } from './challenge.ts';
import { displayUrl } from '../target.ts';
import { AuthError, authRequest, jsonObject, type AuthHttpReply } from './http.ts';

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

const PING = JSON.stringify({ jsonrpc: '2.0', id: 'mcp-load-auth-probe', method: 'ping' });

/**
 * Finds the authorization server of a protected MCP endpoint as MCP's authorization spec says:
 * an unauthenticated request's 401 names the protected resource metadata (RFC 9728), whose
 * `authorization_servers` lead to the server's own metadata (RFC 8414, then OpenID Connect
 * discovery). Returns undefined when the endpoint does not ask for authorization at all.
 */
export async function discoverAuthorizationServer(target: URL, options: DiscoveryOptions): Promise<AuthorizationServer | undefined> {
  let challenge: BearerChallenge | undefined;
  let resourceMetadata: Record<string, unknown> | undefined;
  if (options.issuer === undefined) {
    const probe = await authRequest(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: PING,
      timeoutMs: options.timeoutMs,
    });
    if (probe.status !== 401) return undefined;
    challenge = parseBearerChallenge(headerValue(probe, 'www-authenticate'));
    resourceMetadata = await fetchResourceMetadata(target, challenge?.resourceMetadata, options.timeoutMs);
  }
  const resource = options.resource ?? checkedResource(resourceMetadata?.resource, target);
  const servers = resourceMetadata?.authorization_servers;
  const issuer = options.issuer ?? (Array.isArray(servers) && typeof servers[0] === 'string' ? servers[0] : undefined);
  if (issuer === undefined) {
    throw new AuthError(
      'discovery',
      `the protected resource metadata of ${displayUrl(target)} names no authorization_servers; set auth.issuer or auth.tokenEndpoint`,
    );
  }
  const metadata = await fetchServerMetadata(issuer, options.timeoutMs);
  const tokenEndpoint = urlOf(metadata.token_endpoint);
  if (!tokenEndpoint) throw new AuthError('discovery', `the metadata of authorization server ${issuer} has no valid token_endpoint`);
  const methods = metadata.token_endpoint_auth_methods_supported;
  const scopes = resourceMetadata?.scopes_supported;
  return {
    resource,
    issuer,
    tokenEndpoint,
    authMethods: Array.isArray(methods) ? methods.filter((m): m is string => typeof m === 'string') : ['client_secret_basic'],
    scope: challenge?.scope ?? (Array.isArray(scopes) && scopes.length > 0 ? scopes.join(' ') : undefined),
  };
}

/** RFC 9728 §3: from the challenge's URL, else the well-known URI for the path, then for the root. */
async function fetchResourceMetadata(target: URL, fromChallenge: string | undefined, timeoutMs: number): Promise<Record<string, unknown>> {
  const path = target.pathname === '/' ? '' : target.pathname.replace(/\/$/, '');
  const candidates = fromChallenge
    ? [new URL(fromChallenge, target)]
    : [new URL(`/.well-known/oauth-protected-resource${path}`, target), ...(path ? [new URL('/.well-known/oauth-protected-resource', target)] : [])];
  const tried: string[] = [];
  for (const url of candidates) {
    const reply = await authRequest(url, { method: 'GET', headers: { accept: 'application/json' }, timeoutMs });
    const metadata = reply.status === 200 ? jsonObject(reply) : undefined;
    if (metadata) return metadata;
    tried.push(`${displayUrl(url)} (HTTP ${reply.status})`);
  }
  throw new AuthError(
    'discovery',
    `no protected resource metadata for ${displayUrl(target)}: tried ${tried.join(', ')}; set auth.issuer or auth.tokenEndpoint`,
  );
}

/** RFC 8414 §3.1 with OpenID Connect Discovery's two spellings as fallbacks; the issuer must match (§3.3). */
async function fetchServerMetadata(issuer: string, timeoutMs: number): Promise<Record<string, unknown>> {
  const base = urlOf(issuer);
  if (!base) throw new AuthError('discovery', `authorization server ${snippet(issuer)} is not an http(s) URL`);
  const path = base.pathname === '/' ? '' : base.pathname.replace(/\/$/, '');
  const candidates = [
    new URL(`/.well-known/oauth-authorization-server${path}`, base),
    new URL(`/.well-known/openid-configuration${path}`, base),
    ...(path ? [new URL(`${path}/.well-known/openid-configuration`, base)] : []),
  ];
  const tried: string[] = [];
  for (const url of candidates) {
    const reply = await authRequest(url, { method: 'GET', headers: { accept: 'application/json' }, timeoutMs });
    const metadata = reply.status === 200 ? jsonObject(reply) : undefined;
    if (!metadata) {
      tried.push(`${displayUrl(url)} (HTTP ${reply.status})`);
      continue;
    }
    if (typeof metadata.issuer === 'string' && !sameUrl(metadata.issuer, issuer)) {
      throw new AuthError(
        'discovery',
        `authorization server metadata at ${displayUrl(url)} names issuer ${snippet(metadata.issuer)}, not ${issuer}; refused (RFC 8414 §3.3)`,
      );
    }
    return metadata;
  }
  throw new AuthError('discovery', `no authorization server metadata for ${issuer}: tried ${tried.join(', ')}`);
}

/** The metadata's `resource` must be this endpoint or a parent of it (RFC 9728 §3.3); else the target itself. */
function checkedResource(resource: unknown, target: URL): string {
  const canonical = `${target.origin}${target.pathname}`;
  if (resource === undefined) return canonical;
  const url = typeof resource === 'string' ? urlOf(resource) : undefined;
  const base = url ? url.pathname.replace(/\/?$/, '/') : '';
  const covers = url !== undefined && url.origin === target.origin && `${target.pathname.replace(/\/?$/, '/')}`.startsWith(base);
  if (!covers) {
    throw new AuthError(
      'discovery',
      `the protected resource metadata names resource ${snippet(String(resource))}, which is not ${canonical}; refused (RFC 9728 §3.3)`,
    );
  }
  return String(resource);
}

function headerValue(reply: AuthHttpReply, name: string): string | undefined {
  const value = reply.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function urlOf(value: unknown): URL | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function sameUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}
