import { type KeyObject } from 'node:crypto';
/** JWS algorithms mcp-load signs client assertions with (RFC 7518 names). */
export declare const ASSERTION_ALGORITHMS: readonly ["ES256", "ES384", "RS256", "PS256", "EdDSA"];
export type AssertionAlgorithm = (typeof ASSERTION_ALGORITHMS)[number];
/** A PEM private key, parsed once; throws a TypeError that says what is wrong (never the key). */
export declare function parsePrivateKey(pem: string, clientId: string): KeyObject;
/**
 * A client assertion for `private_key_jwt` (RFC 7523 §2.2, §3): issuer and subject the client id,
 * audience the authorization server's issuer identifier, a fresh `jti`, valid for a minute.
 */
export declare function clientAssertion(clientId: string, key: KeyObject, algorithm: AssertionAlgorithm, audience: string): string;
