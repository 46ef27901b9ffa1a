import { createPrivateKey, randomUUID, sign, type KeyObject } from 'node:crypto';

/** JWS algorithms mcp-load signs client assertions with (RFC 7518 names). */
export const ASSERTION_ALGORITHMS = ['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA'] as const;
export type AssertionAlgorithm = (typeof ASSERTION_ALGORITHMS)[number];

const SIGNING: Record<AssertionAlgorithm, { hash: string | null; options: { dsaEncoding?: 'ieee-p1363'; padding?: number; saltLength?: number } }> = {
  ES256: { hash: 'sha256', options: { dsaEncoding: 'ieee-p1363' } },
  ES384: { hash: 'sha384', options: { dsaEncoding: 'ieee-p1363' } },
  RS256: { hash: 'sha256', options: {} },
  // RSA-PSS with a salt as long as the hash (RFC 7518 §3.5); 6 is RSA_PKCS1_PSS_PADDING.
  PS256: { hash: 'sha256', options: { padding: 6, saltLength: 32 } },
  EdDSA: { hash: null, options: {} },
};

/** How long an assertion is good for: long enough for the token request, short enough not to be worth replaying. */
const ASSERTION_LIFETIME_S = 60;

/** A PEM private key, parsed once; throws a TypeError that says what is wrong (never the key). */
export function parsePrivateKey(pem: string, clientId: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch (err) {
    throw new TypeError(`the private key of client ${clientId} is not a PEM private key (${(err as Error).message})`);
  }
}

/**
 * A client assertion for `private_key_jwt` (RFC 7523 §2.2, §3): issuer and subject the client id,
 * audience the authorization server's issuer identifier, a fresh `jti`, valid for a minute.
 */
export function clientAssertion(clientId: string, key: KeyObject, algorithm: AssertionAlgorithm, audience: string): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: algorithm, typ: 'JWT' };
  const claims = { iss: clientId, sub: clientId, aud: audience, jti: randomUUID(), iat: now, exp: now + ASSERTION_LIFETIME_S };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const { hash, options } = SIGNING[algorithm];
  const signature = sign(hash, Buffer.from(input), { key, ...options });
  return `${input}.${signature.toString('base64url')}`;
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}
