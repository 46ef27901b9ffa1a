import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, it } from 'node:test';
import { ClientCredentialsAuth, type AuthObserver } from '../../src/mcp/auth/index.ts';
import { parseBearerChallenge } from '../../src/mcp/auth/challenge.ts';
import { TokenCache } from '../../src/mcp/auth/token-cache.ts';
import { McpSession, McpTarget, type OperationResult } from '../../src/mcp/index.ts';
import { redactSecrets } from '../../src/secrets/index.ts';
import { startAuthorizationServer, startProtectedMcpServer, type ProtectedMcpServer, type TestAuthorizationServer } from './auth-servers.ts';

const CLIENTS = { 'load-a': 's3cret-a', 'load-b': 's3cret-b' };

let as: TestAuthorizationServer | undefined;
let mcp: ProtectedMcpServer | undefined;
let target: McpTarget | undefined;

afterEach(async () => {
  await target?.close();
  await mcp?.stop();
  await as?.stop();
  target = mcp = as = undefined;
});

async function protectedPair(lifetimeSeconds: number, tokenDelayMs = 0): Promise<{ as: TestAuthorizationServer; mcp: ProtectedMcpServer; target: McpTarget }> {
  as = await startAuthorizationServer({ clients: CLIENTS, lifetimeSeconds, tokenDelayMs });
  const server = as;
  mcp = await startProtectedMcpServer(server.issuer, (token) => server.valid(token));
  target = new McpTarget({ url: mcp.url, timeoutMs: 5_000 });
  return { as, mcp, target };
}

function counting(): AuthObserver & { fetches: number; failedFetches: number; unauthorized401: number } {
  return {
    fetches: 0,
    failedFetches: 0,
    unauthorized401: 0,
    tokenFetched(_ms, ok) {
      if (ok) this.fetches++;
      else this.failedFetches++;
    },
    unauthorized() {
      this.unauthorized401++;
    },
  };
}

function outcomes(results: OperationResult[]): string[] {
  return results.map((r) => `${r.method}: ${r.outcome}${r.error ? ` (${r.error.message})` : ''}`);
}

describe('OAuth client credentials against a protected MCP server', () => {
  it('discovers the authorization server from the 401 (RFC 9728, RFC 8414) and asks for a token for this resource (RFC 8707)', async () => {
    const { as, mcp, target } = await protectedPair(60);
    const auth = new ClientCredentialsAuth(target.url, { identities: [{ clientId: 'load-a', clientSecret: 's3cret-a' }] });
    const session = new McpSession(target, { transport: 'streamable-http', protocolVersion: '2025-11-25', authorization: auth.forVu(1) });
    const results = [await session.initialize(), await session.callTool('echo', { message: 'hi' }), await session.close()];
    assert.deepEqual(outcomes(results), ['initialize: success', 'tools/call: success', 'close: success']);
    assert.deepEqual(
      as.granted.map(({ at: _at, ...g }) => g),
      [{ clientId: 'load-a', method: 'client_secret_basic', resource: mcp.url, scope: 'mcp:tools' }],
    );
    assert.equal(mcp.metadataRequests, 1);
    // The token is a registered secret from the moment it is issued: redacted from whatever mcp-load writes.
    const [token] = as.issued();
    assert.equal(redactSecrets(`sent Bearer ${token} and ${encodeURIComponent(token)}`), 'sent Bearer *** and ***');
    // The only 401 is discovery's own probe: no MCP request went without the token.
    assert.equal(mcp.unauthorized, 1);
    assert.equal(
      results[0].http.every((h) => h.status !== 401),
      true,
    );
  });

  it('100 sessions starting together share one discovery and one token request', async () => {
    const { as, mcp, target } = await protectedPair(60, 50);
    const seen = counting();
    const auth = new ClientCredentialsAuth(target.url, { identities: [{ clientId: 'load-a', clientSecret: 's3cret-a' }] }, seen);
    const sessions = Array.from(
      { length: 100 },
      (_, i) => new McpSession(target, { transport: 'streamable-http', protocolVersion: '2025-11-25', authorization: auth.forVu(i + 1) }),
    );
    const inits = await Promise.all(sessions.map((s) => s.initialize()));
    assert.deepEqual(new Set(outcomes(inits)), new Set(['initialize: success']));
    assert.equal(as.granted.length, 1);
    assert.equal(as.maxConcurrent, 1);
    assert.equal(mcp.metadataRequests, 1);
    assert.equal(seen.fetches, 1);
  });

  it('a short-lived token is refreshed ahead of expiry by one request at a time, and no request is refused meanwhile', async () => {
    // 2 s tokens, refreshed at 80 %: 400 ms of slack for the refresh on a busy runner (1 s tokens left 200).
    const lifetimeSeconds = 2;
    const { as, mcp, target } = await protectedPair(lifetimeSeconds, 20);
    const auth = new ClientCredentialsAuth(target.url, { identities: [{ clientId: 'load-a', clientSecret: 's3cret-a' }] });
    const sessions = Array.from(
      { length: 20 },
      (_, i) => new McpSession(target, { transport: 'streamable-http', protocolVersion: '2025-11-25', authorization: auth.forVu(i + 1) }),
    );
    await Promise.all(sessions.map((s) => s.initialize()));
    const started = performance.now();
    const results: OperationResult[] = [];
    // Bounded in time (4.4 s, over two lifetimes) and count (400 calls per session).
    await Promise.all(
      sessions.map(async (s) => {
        for (let i = 0; i < 400 && performance.now() - started < 4_400; i++) {
          results.push(await s.callTool('echo', { message: String(i) }));
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      }),
    );
    const elapsedMs = performance.now() - started;
    assert.deepEqual(new Set(outcomes(results)), new Set(['tools/call: success']));
    assert.equal(mcp.calls, results.length);
    assert.equal(mcp.unauthorized, 1, 'only the discovery probe was refused');
    assert.equal(as.maxConcurrent, 1, 'never two token requests at once');
    // One token per 80 % of a lifetime at most (plus the first), and refreshes did happen.
    const most = 1 + Math.ceil(elapsedMs / (lifetimeSeconds * 1000 * 0.8));
    assert.ok(as.granted.length >= 3 && as.granted.length <= most, `${as.granted.length} tokens in ${Math.round(elapsedMs)} ms (at most ${most})`);
  });

  it('a token revoked mid-run: the 401s of 20 sessions lead to exactly one new token, and each call is retried once and served', async () => {
    const { as, mcp, target } = await protectedPair(60);
    const seen = counting();
    const auth = new ClientCredentialsAuth(target.url, { identities: [{ clientId: 'load-a', clientSecret: 's3cret-a' }] }, seen);
    const sessions = Array.from(
      { length: 20 },
      (_, i) => new McpSession(target, { transport: 'streamable-http', protocolVersion: '2025-11-25', authorization: auth.forVu(i + 1) }),
    );
    await Promise.all(sessions.map((s) => s.initialize()));
    const [first] = as.issued();
    as.revoke(first);
    const calls = await Promise.all(sessions.map((s) => s.callTool('echo', { message: 'after revoke' })));
    assert.deepEqual(new Set(outcomes(calls)), new Set(['tools/call: success']));
    assert.equal(as.granted.length, 2);
    assert.equal(mcp.unauthorized, 1 + 20, 'the probe, then each session once with the revoked token');
    assert.equal(seen.unauthorized401, 20);
    for (const c of calls)
      assert.deepEqual(
        c.http.map((h) => h.status),
        [401, 200],
      );
  });

  it('identities are dealt to virtual users in turn, one token each, shared by the VUs of that identity', async () => {
    const { as, mcp, target } = await protectedPair(60);
    const identities = [
      { clientId: 'load-a', clientSecret: 's3cret-a' },
      { clientId: 'load-b', clientSecret: 's3cret-b' },
    ];
    const auth = new ClientCredentialsAuth(target.url, { identities });
    const sessions = [1, 2, 3, 4].map(
      (vu) => new McpSession(target, { transport: 'streamable-http', protocolVersion: '2025-11-25', authorization: auth.forVu(vu) }),
    );
    const inits = await Promise.all(sessions.map((s) => s.initialize()));
    assert.deepEqual(new Set(outcomes(inits)), new Set(['initialize: success']));
    assert.deepEqual(as.granted.map((g) => g.clientId).sort(), ['load-a', 'load-b']);
    const [tokenA, tokenB] = ['load-a', 'load-b'].map((id) => as.issued().find((t) => t.startsWith(`tok-${id}-`))!);
    // Each initialize is a POST initialize and a POST notifications/initialized: 2 per VU, 2 VUs per identity.
    assert.equal(mcp.servedWith.get(tokenA), 4);
    assert.equal(mcp.servedWith.get(tokenB), 4);
  });

  it('a wrong client secret fails the operation as an auth transport failure that names the client, never the secret', async () => {
    const { as, target } = await protectedPair(60);
    const seen = counting();
    const auth = new ClientCredentialsAuth(target.url, { identities: [{ clientId: 'load-a', clientSecret: 'not-the-secret' }] }, seen);
    const session = new McpSession(target, { transport: 'streamable-http', protocolVersion: '2025-11-25', authorization: auth.forVu(1) });
    const init = await session.initialize();
    assert.equal(init.outcome, 'transport');
    assert.equal(init.error?.reason, 'auth');
    assert.match(init.error!.message, /token endpoint http:\/\/127\.0\.0\.1:\d+\/token refused client load-a: invalid_client: unknown client or wrong secret/);
    assert.doesNotMatch(init.error!.message, /not-the-secret/);
    assert.equal(init.http.length, 0, 'no MCP request went without a token');
    assert.equal(as.refused, 1);
    assert.equal(seen.failedFetches, 1);
  });

  it('without resource_metadata in the challenge, finds the metadata at the well-known URI for the path, and the server’s at OpenID Connect’s', async () => {
    as = await startAuthorizationServer({ clients: CLIENTS, lifetimeSeconds: 60, openIdOnly: true });
    const server = as;
    mcp = await startProtectedMcpServer(server.issuer, (token) => server.valid(token), { bareChallenge: true });
    target = new McpTarget({ url: mcp.url, timeoutMs: 5_000 });
    const auth = new ClientCredentialsAuth(target.url, { identities: [{ clientId: 'load-a', clientSecret: 's3cret-a' }] });
    const init = await new McpSession(target, { transport: 'streamable-http', protocolVersion: '2025-11-25', authorization: auth.forVu(1) }).initialize();
    assert.equal(init.outcome, 'success', init.error?.message);
    assert.equal(mcp.metadataRequests, 1);
    assert.equal(as.granted.length, 1);
  });

  it('refuses protected resource metadata that names another resource (RFC 9728 §3.3): no token is requested', async () => {
    as = await startAuthorizationServer({ clients: CLIENTS, lifetimeSeconds: 60 });
    const server = as;
    mcp = await startProtectedMcpServer(server.issuer, (token) => server.valid(token), { claimedResource: 'https://evil.example.com/mcp' });
    target = new McpTarget({ url: mcp.url, timeoutMs: 5_000 });
    const auth = new ClientCredentialsAuth(target.url, { identities: [{ clientId: 'load-a', clientSecret: 's3cret-a' }] });
    const init = await new McpSession(target, { transport: 'streamable-http', protocolVersion: '2025-11-25', authorization: auth.forVu(1) }).initialize();
    assert.equal(init.error?.reason, 'auth');
    assert.match(init.error!.message, /names resource https:\/\/evil\.example\.com\/mcp, which is not http:\/\/127\.0\.0\.1:\d+\/mcp; refused/);
    assert.equal(as.granted.length + as.refused, 0);
  });

  it('refuses authorization server metadata whose issuer is not the server it was fetched for (RFC 8414 §3.3)', async () => {
    as = await startAuthorizationServer({ clients: CLIENTS, lifetimeSeconds: 60, claimedIssuer: 'https://impostor.example.com' });
    const server = as;
    mcp = await startProtectedMcpServer(server.issuer, (token) => server.valid(token));
    target = new McpTarget({ url: mcp.url, timeoutMs: 5_000 });
    const auth = new ClientCredentialsAuth(target.url, { identities: [{ clientId: 'load-a', clientSecret: 's3cret-a' }] });
    const init = await new McpSession(target, { transport: 'streamable-http', protocolVersion: '2025-11-25', authorization: auth.forVu(1) }).initialize();
    assert.equal(init.error?.reason, 'auth');
    assert.match(init.error!.message, /names issuer https:\/\/impostor\.example\.com, not http:\/\/127\.0\.0\.1:\d+; refused/);
    assert.equal(as.granted.length + as.refused, 0);
  });

  it('private_key_jwt: a signed ES256 assertion (iss = sub = client, aud = issuer) instead of a secret', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    as = await startAuthorizationServer({
      clients: {},
      publicKeys: { 'jwt-client': publicKey },
      lifetimeSeconds: 60,
      authMethods: ['private_key_jwt'],
    });
    const server = as;
    mcp = await startProtectedMcpServer(server.issuer, (token) => server.valid(token));
    target = new McpTarget({ url: mcp.url, timeoutMs: 5_000 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const auth = new ClientCredentialsAuth(target.url, { identities: [{ clientId: 'jwt-client', privateKey: pem }] });
    const session = new McpSession(target, { transport: 'streamable-http', protocolVersion: '2025-11-25', authorization: auth.forVu(1) });
    assert.equal((await session.initialize()).outcome, 'success');
    assert.deepEqual(
      as.granted.map((g) => [g.clientId, g.method]),
      [['jwt-client', 'private_key_jwt']],
    );
    assert.equal(as.refused, 0);
  });

  it('an authorization server that cannot be reached fails the operation as auth, naming where it looked', async () => {
    const { mcp, target } = await protectedPair(60);
    await as!.stop();
    const auth = new ClientCredentialsAuth(target.url, { identities: [{ clientId: 'load-a', clientSecret: 's3cret-a' }] });
    const init = await new McpSession(target, { transport: 'streamable-http', protocolVersion: '2025-11-25', authorization: auth.forVu(1) }).initialize();
    assert.equal(init.error?.reason, 'auth');
    assert.match(init.error!.message, /^cannot find the authorization server of http:\/\/127\.0\.0\.1:\d+\/mcp: /);
    assert.equal(mcp.metadataRequests, 1);
  });

  it('explicit settings skip discovery: the token endpoint as given, client_secret_post, the configured resource and scope', async () => {
    const { as, mcp, target } = await protectedPair(60);
    const auth = new ClientCredentialsAuth(target.url, {
      identities: [{ clientId: 'load-b', clientSecret: 's3cret-b' }],
      tokenEndpoint: as.tokenEndpoint,
      tokenEndpointAuth: 'client_secret_post',
      resource: 'https://mcp.example/mcp',
      scope: 'tools:call',
    });
    const session = new McpSession(target, { transport: 'streamable-http', protocolVersion: '2025-11-25', authorization: auth.forVu(1) });
    assert.equal((await session.initialize()).outcome, 'success');
    assert.deepEqual(
      as.granted.map(({ at: _at, ...g }) => g),
      [{ clientId: 'load-b', method: 'client_secret_post', resource: 'https://mcp.example/mcp', scope: 'tools:call' }],
    );
    assert.equal(mcp.metadataRequests, 0);
    assert.equal(mcp.unauthorized, 0);
  });
});

describe('TokenCache', () => {
  it('refreshes once at 80 % of the lifetime however often it is asked, and serves the old token meanwhile', async () => {
    let now = 0;
    let fetches = 0;
    let release!: () => void;
    const cache = new TokenCache(
      async () => {
        fetches++;
        if (fetches > 1) await new Promise<void>((resolve) => (release = resolve));
        return { accessToken: `t${fetches}`, lifetimeMs: 1_000 };
      },
      { now: () => now },
    );
    assert.equal(await cache.ready(), 'Bearer t1');
    now = 799;
    assert.equal(cache.header(), 'Bearer t1');
    assert.equal(fetches, 1);
    now = 800;
    for (let i = 0; i < 100; i++) assert.equal(cache.header(), 'Bearer t1');
    assert.equal(fetches, 2);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(cache.header(), 'Bearer t2');
  });

  it('after expiry no token is offered, and concurrent waiters share one fetch', async () => {
    let now = 0;
    let fetches = 0;
    const cache = new TokenCache(async () => ({ accessToken: `t${++fetches}`, lifetimeMs: 100 }), { now: () => now });
    await cache.ready();
    now = 100;
    assert.equal(cache.header(), undefined);
    const all = await Promise.all(Array.from({ length: 50 }, () => cache.ready()));
    assert.deepEqual(new Set(all), new Set(['Bearer t2']));
    assert.equal(fetches, 2);
  });

  it('a rejection of an older token does not fetch again once a newer one is held', async () => {
    let fetches = 0;
    const cache = new TokenCache(async () => ({ accessToken: `t${++fetches}`, lifetimeMs: undefined }));
    const old = await cache.ready();
    assert.equal(await cache.rejected(old), 'Bearer t2');
    assert.equal(await cache.rejected(old), 'Bearer t2');
    assert.equal(fetches, 2);
  });
});

describe('parseBearerChallenge', () => {
  it('reads resource_metadata, scope and error, quoted or not, beside other schemes', () => {
    assert.deepEqual(
      parseBearerChallenge(
        'Basic realm="x", Bearer error="insufficient_scope", scope="a b", resource_metadata="https://r.example/.well-known/oauth-protected-resource/mcp"',
      ),
      { error: 'insufficient_scope', scope: 'a b', resourceMetadata: 'https://r.example/.well-known/oauth-protected-resource/mcp' },
    );
    assert.deepEqual(parseBearerChallenge('Bearer resource_metadata=https://r.example/m, DPoP algs="ES256"'), { resourceMetadata: 'https://r.example/m' });
    assert.equal(parseBearerChallenge('Basic realm="x"'), undefined);
  });
});
