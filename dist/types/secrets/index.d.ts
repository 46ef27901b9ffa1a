export { MAX_SECRETS, MIN_SECRET_LENGTH, REDACTED, redactSecrets, registerSecret, SecretRegistry, secrets } from './registry.ts';
export { redactUrl, registerHeaderSecrets, registerUrlSecrets } from './sources.ts';
