import { type AssertionAlgorithm } from './client-assertion.ts';
import type { KeyObject } from 'node:crypto';
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
export declare const TOKEN_ENDPOINT_AUTH_METHODS: readonly SecretAuth[];
/** How this request proves the client: a secret (basic or post), or a key signing an assertion for `audience`. */
export type ClientProof = {
    method: 'client_secret_basic';
    secret: string;
} | {
    method: 'client_secret_post';
    secret: string;
} | {
    method: 'private_key_jwt';
    key: KeyObject;
    algorithm: AssertionAlgorithm;
    audience: string;
};
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
export declare function requestToken(req: TokenRequest): Promise<IssuedToken>;
