// A small OAuth 2.1 authorization server (client credentials only, short-lived opaque tokens) and
// an MCP server it protects (RFC 9728 metadata, 401 with WWW-Authenticate), both on loopback.
// They keep their own books — token requests per client, requests per token — as the tests' ground truth.
import { verify, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startHttpFixture, type RunningServer } from '../helpers/servers.ts';

export interface TokenRequestLog {
  clientId: string;
  /** How the client authenticated. */
  method: 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';
  resource: string | undefined;
  scope: string | undefined;
  /** Epoch ms of the grant. */
  at: number;
}

export interface TestAuthorizationServer {
  /** The issuer (also the metadata's `issuer`). */
  issuer: string;
  tokenEndpoint: string;
  /** Every token request that was granted, in order. */
  granted: TokenRequestLog[];
  /** Token requests refused (bad client or secret). */
  refused: number;
  /** The most token requests this server was answering at once. */
  maxConcurrent: number;
  /** Whether a token is one this server issued and has not expired or been revoked. */
  valid(token: string): boolean;
  /** Every token issued so far (to look for them in output files). */
  issued(): string[];
  revoke(token: string): void;
  stop(): Promise<void>;
}

export interface AuthorizationServerOptions {
  /** client id → secret. */
  clients: Record<string, string>;
  /** client id → ES256 public key, for clients that authenticate with `private_key_jwt`. */
  publicKeys?: Record<string, KeyObject>;
  /** `expires_in` of each token, in seconds (fractions allowed). */
  lifetimeSeconds: number;
  authMethods?: string[];
  /** Each token answer is delayed this long (a slow server makes a refresh storm visible as concurrency). */
  tokenDelayMs?: number;
  /** The `issuer` its metadata claims, when not its own (a misconfigured or impersonating server). */
  claimedIssuer?: string;
  /** Serve the metadata only at OpenID Connect's well-known path, not RFC 8414's. */
  openIdOnly?: boolean;
}

export async function startAuthorizationServer(options: AuthorizationServerOptions): Promise<TestAuthorizationServer> {
  const tokens = new Map<string, { expiresAt: number; revoked: boolean }>();
  const granted: TokenRequestLog[] = [];
  let refused = 0;
  let issuer = '';
  let serial = 0;
  let concurrent = 0;
  let maxConcurrent = 0;
  const server: RunningServer = await startHttpFixture((req, res) => {
    void readBody(req).then((body) => {
      const path = new URL(req.url ?? '/', issuer || 'http://x').pathname;
      const metadataPath = options.openIdOnly ? '/.well-known/openid-configuration' : '/.well-known/oauth-authorization-server';
      if (req.method === 'GET' && path === metadataPath) {
        return json(res, 200, {
          issuer: options.claimedIssuer ?? issuer,
          token_endpoint: `${issuer}/token`,
          grant_types_supported: ['client_credentials'],
          token_endpoint_auth_methods_supported: options.authMethods ?? ['client_secret_basic', 'client_secret_post'],
        });
      }
      if (req.method !== 'POST' || path !== '/token') return json(res, 404, { error: 'not_found' });
      const form = new URLSearchParams(body);
      let clientId = form.get('client_id') ?? '';
      let secret = form.get('client_secret') ?? '';
      let method: TokenRequestLog['method'] = 'client_secret_post';
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
      const assertion = form.get('client_assertion');
      let assertionValid = false;
      if (assertion) {
        method = 'private_key_jwt';
        const claims = verifiedClaims(assertion, options.publicKeys ?? {});
        clientId = typeof claims?.iss === 'string' ? claims.iss : '';
        assertionValid =
          claims !== undefined &&
          claims.sub === clientId &&
          claims.aud === issuer &&
          typeof claims.exp === 'number' &&
          claims.exp * 1000 > Date.now() &&
          form.get('client_assertion_type') === 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
      } else if (basic) {
        const [id, pass] = Buffer.from(basic[1], 'base64').toString().split(':');
        clientId = decodeURIComponent(id.replace(/\+/g, ' '));
        secret = decodeURIComponent((pass ?? '').replace(/\+/g, ' '));
        method = 'client_secret_basic';
      }
      if (form.get('grant_type') !== 'client_credentials') return json(res, 400, { error: 'unsupported_grant_type' });
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      setTimeout(() => {
        concurrent--;
        const known = method === 'private_key_jwt' ? assertionValid : options.clients[clientId] !== undefined && options.clients[clientId] === secret;
        if (!known) {
          refused++;
          return json(res, 401, { error: 'invalid_client', error_description: 'unknown client or wrong secret' });
        }
        const token = `tok-${clientId}-${++serial}-${Math.random().toString(36).slice(2)}`;
        tokens.set(token, { expiresAt: Date.now() + options.lifetimeSeconds * 1000, revoked: false });
        granted.push({ clientId, method, resource: form.get('resource') ?? undefined, scope: form.get('scope') ?? undefined, at: Date.now() });
        json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: options.lifetimeSeconds });
      }, options.tokenDelayMs ?? 0);
    });
  });
  issuer = new URL(server.url).origin;
  return {
    issuer,
    tokenEndpoint: `${issuer}/token`,
    granted,
    get refused() {
      return refused;
    },
    get maxConcurrent() {
      return maxConcurrent;
    },
    valid(token) {
      const t = tokens.get(token);
      return t !== undefined && !t.revoked && Date.now() < t.expiresAt;
    },
    issued: () => [...tokens.keys()],
    revoke(token) {
      const t = tokens.get(token);
      if (t) t.revoked = true;
    },
    stop: () => server.stop(),
  };
}

export interface ProtectedMcpServer {
  url: string;
  /** Requests answered 401, and requests served, per bearer token. */
  unauthorized: number;
  /** Requests for the protected resource metadata. */
  metadataRequests: number;
  servedWith: Map<string, number>;
  /** tools/call requests served. */
  calls: number;
  stop(): Promise<void>;
}

/**
 * A stateless-answering 2025-11-25 MCP endpoint at /mcp (initialize, notifications, tools/list, tools/call
 * `echo`, DELETE) that serves only requests bearing a token `authorized(token)` accepts; anything else gets
 * 401 with `WWW-Authenticate: Bearer resource_metadata=…`. Its metadata names `authorizationServer`.
 */
export async function startProtectedMcpServer(
  authorizationServer: string,
  authorized: (token: string) => boolean,
  options: { claimedResource?: string /** 401s name no resource_metadata: clients must try the well-known URI. */; bareChallenge?: boolean } = {},
): Promise<ProtectedMcpServer> {
  let origin = '';
  const servedWith = new Map<string, number>();
  let unauthorized = 0;
  let calls = 0;
  let metadataRequests = 0;
  const server = await startHttpFixture((req, res) => {
    void readBody(req).then((body) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (req.method === 'GET' && path === '/.well-known/oauth-protected-resource/mcp') {
        metadataRequests++;
        return json(res, 200, {
          resource: options.claimedResource ?? `${origin}/mcp`,
          authorization_servers: [authorizationServer],
          scopes_supported: ['mcp:tools'],
        });
      }
      if (path !== '/mcp') return json(res, 404, { error: 'not_found' });
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (token === undefined || !authorized(token)) {
        unauthorized++;
        res.writeHead(401, {
          'www-authenticate': options.bareChallenge
            ? 'Bearer error="invalid_token"'
            : `Bearer error="invalid_token", resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"`,
          'content-type': 'application/json',
        });
        return void res.end(JSON.stringify({ error: 'invalid_token' }));
      }
      servedWith.set(token, (servedWith.get(token) ?? 0) + 1);
      if (req.method === 'DELETE') return void res.writeHead(200).end();
      if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST, DELETE' }).end();
      const message = JSON.parse(body) as { id?: number | string; method?: string; params?: { arguments?: { message?: string } } };
      if (message.id === undefined) return void res.writeHead(202).end();
      const reply = (result: unknown) => json(res, 200, { jsonrpc: '2.0', id: message.id, result }, { 'mcp-session-id': 'protected-session' });
      switch (message.method) {
        case 'initialize':
          return reply({ protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo: { name: 'protected', version: '1.0.0' } });
        case 'tools/list':
          return reply({ tools: [{ name: 'echo', inputSchema: { type: 'object' } }] });
        case 'tools/call':
          calls++;
          return reply({ content: [{ type: 'text', text: `echo: ${message.params?.arguments?.message ?? ''}` }] });
        default:
          return json(res, 200, { jsonrpc: '2.0', id: message.id, error: { code: -32601, message: 'method not found' } });
      }
    });
  });
  origin = new URL(server.url).origin;
  return {
    url: `${origin}/mcp`,
    get unauthorized() {
      return unauthorized;
    },
    get metadataRequests() {
      return metadataRequests;
    },
    servedWith,
    get calls() {
      return calls;
    },
    stop: () => server.stop(),
  };
}

/** The claims of an ES256 JWT signed by the key of the client it names as issuer; undefined if it is not. */
function verifiedClaims(jwt: string, keys: Record<string, KeyObject>): Record<string, unknown> | undefined {
  const [header, payload, signature] = jwt.split('.');
  if (!header || !payload || !signature) return undefined;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  const key = typeof claims.iss === 'string' ? keys[claims.iss] : undefined;
  if (!key || (JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: string }).alg !== 'ES256') return undefined;
  const ok = verify('sha256', Buffer.from(`${header}.${payload}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  return ok ? claims : undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
  });
}

function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
}
