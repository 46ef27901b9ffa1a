export { McpSession, type SessionOptions } from './client.ts';
export { McpTarget, type TargetOptions, DEFAULT_TIMEOUT_MS, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_REPLY_GRACE_MS } from './target.ts';
export { TransportError, GatewayError } from './errors.ts';
export {
  ClientCredentialsAuth,
  identityIndex,
  AuthError,
  type TokenValidity,
  type Authorization,
  type AuthObserver,
  type ClientCredentialsSettings,
  type ClientIdentity,
} from './auth/index.ts';
export type { ServerRequestReplies } from './server-requests.ts';
export type { DiscoveryVerdict } from './discovery.ts';
export { SUPPORTED_PROTOCOL_VERSIONS } from './protocol.ts';
export type * from './types.ts';
export { OUTCOME_CLASSES, ERROR_CLASSES, LOCAL_ERROR_CLASSES, HTTP_PURPOSES } from './types.ts';
export { reportInternalError } from './internal-errors.ts';
export { TRACEPARENT, newTraceparent, traceIdOf } from './traceparent.ts';
