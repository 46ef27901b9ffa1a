import { snippet } from '../json-rpc.ts';
import { clientAssertion, type AssertionAlgorithm } from './client-assertion.ts';
import type { KeyObject } from 'node:crypto';
import { displayUrl } from '../target.ts';
import { AuthError, authRequest, jsonObject } from './http.ts';

/** One client of the authorization server: a secret, or a private key for signed assertions. Both are secrets. */
export interface ClientIdentity {
  clientId: string;
  clientSecret?: string;
  /** PEM; the client authenticates with `private_key_jwt` (RFC 7523). */
  privateKey?: string;
  /** For `privateKey`; ES256 by default. */
  signingAlgorithm?: AssertionAlgorithm;
  scope?: string;
}

/** Ways of authenticating with a client secret, in the order mcp-load prefers them. */
export type SecretAuth = 'client_secret_basic' | 'client_secret_post';
export type TokenEndpointAuth = SecretAuth | 'private_key_jwt';
export const TOKEN_ENDPOINT_AUTH_METHODS: readonly SecretAuth[] = ['client_secret_basic', 'client_secret_post'];

const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** How this request proves the client: a secret (basic or post), or a key signing an assertion for `audience`. */
export type ClientProof =
  | { method: 'client_secret_basic'; secret: string }
  | { method: 'client_secret_post'; secret: string }
  | { method: 'private_key_jwt'; key: KeyObject; algorithm: AssertionAlgorithm; audience: string };

export interface TokenRequest {
  tokenEndpoint: URL;
  clientId: string;
  proof: ClientProof;
  /** RFC 8707 resource indicator. */
  resource: string | undefined;
  scope: string | undefined;
  timeoutMs: number;
}

export interface IssuedToken {
  /** A secret, like the client's. */
  accessToken: string;
  /** `expires_in` in milliseconds; undefined when the server did not say. */
  lifetimeMs: number | undefined;
}

/** The client-credentials grant (OAuth 2.1 §4.2) with a resource indicator (RFC 8707). */
export async function requestToken(req: TokenRequest): Promise<IssuedToken> {
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (req.resource !== undefined) form.set('resource', req.resource);
  if (req.scope) form.set('scope', req.scope);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  const { clientId, proof } = req;
  if (proof.method === 'client_secret_basic') {
    // RFC 6749 §2.3.1: both parts form-urlencoded before base64.
    headers.authorization = `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(proof.secret)}`).toString('base64')}`;
  } else if (proof.method === 'client_secret_post') {
    form.set('client_id', clientId);
    form.set('client_secret', proof.secret);
  } else {
    form.set('client_assertion_type', JWT_BEARER_ASSERTION);
    form.set('client_assertion', clientAssertion(clientId, proof.key, proof.algorithm, proof.audience));
  }
  const where = displayUrl(req.tokenEndpoint);
  let reply;
  try {
    reply = await authRequest(req.tokenEndpoint, { method: 'POST', headers, body: form.toString(), timeoutMs: req.timeoutMs });
  } catch (err) {
    throw new AuthError('token', `token request to ${where} failed: ${(err as Error).message}`);
  }
  const body = jsonObject(reply);
  if (reply.status !== 200 || !body) {
    const error =
      typeof body?.error === 'string'
        ? `${snippet(body.error)}${typeof body.error_description === 'string' ? `: ${snippet(body.error_description)}` : ''}`
        : `HTTP ${reply.status}`;
    throw new AuthError('token', `token endpoint ${where} refused client ${snippet(clientId)}: ${error}`);
  }
  const token = body.access_token;
  if (typeof token !== 'string' || token === '' || /[\r\n\0]/.test(token)) {
    throw new AuthError('token', `token endpoint ${where} answered without a usable access_token`);
  }
  const type = body.token_type;
  if (typeof type === 'string' && type.toLowerCase() !== 'bearer') {
    throw new AuthError('token', `token endpoint ${where} issued a ${snippet(type)} token; mcp-load sends Bearer tokens only`);
  }
  const expiresIn = Number(body.expires_in);
  return { accessToken: token, lifetimeMs: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : undefined };
}

function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}
