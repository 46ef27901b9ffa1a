export { ClientCredentialsAuth, identityIndex, type Authorization, type AuthObserver, type ClientCredentialsSettings } from './oauth.ts';
export type { TokenValidity } from './token-cache.ts';
export { TOKEN_ENDPOINT_AUTH_METHODS, type ClientIdentity, type SecretAuth, type TokenEndpointAuth } from './client-credentials.ts';
export { ASSERTION_ALGORITHMS, type AssertionAlgorithm } from './client-assertion.ts';
export { AuthError } from './http.ts';
