import { MapReader } from './fields.ts';
import type { AuthSpec } from './types.ts';
export declare const AUTH_KEYS: readonly ["clientId", "clientSecret", "privateKey", "signingAlgorithm", "scope", "identities", "tokenEndpoint", "issuer", "resource", "tokenEndpointAuth"];
export declare const TOKEN_ENDPOINT_AUTH: readonly ["client_secret_basic", "client_secret_post"];
/** JWS algorithms for `privateKey` assertions (the wire client's list; the scenario layer cannot import it). */
export declare const SIGNING_ALGORITHMS: readonly ["ES256", "ES384", "RS256", "PS256", "EdDSA"];
/**
 * `auth:` — OAuth 2.1 client credentials: one client (`clientId`, `clientSecret: ${SECRET}`) or one
 * per virtual user from a data set (`identities: data.clients`, rows with clientId and clientSecret).
 */
export declare function readAuth(r: MapReader, data: Readonly<Record<string, readonly unknown[]>>): AuthSpec | undefined;
