import { createPrivateKey } from 'node:crypto';
import { registerSecret } from '../secrets/index.ts';
import { show, type Path } from './errors.ts';
import { isPlainMap, MapReader } from './fields.ts';
import type { AuthSpec, ClientIdentitySpec } from './types.ts';

export const AUTH_KEYS = [
  'clientId',
  'clientSecret',
  'privateKey',
  'signingAlgorithm',
  'scope',
  'identities',
  'tokenEndpoint',
  'issuer',
  'resource',
  'tokenEndpointAuth',
] as const;
export const TOKEN_ENDPOINT_AUTH = ['client_secret_basic', 'client_secret_post'] as const;
/** JWS algorithms for `privateKey` assertions (the wire client's list; the scenario layer cannot import it). */
export const SIGNING_ALGORITHMS = ['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA'] as const;

/** Column names an identity row may use, in the scenario's spelling or OAuth's. */
const ID_FIELDS = ['clientId', 'client_id'];
const SECRET_FIELDS = ['clientSecret', 'client_secret'];
const KEY_FIELDS = ['privateKey', 'private_key'];
const SCOPE_FIELDS = ['scope'];

/**
 * `auth:` — OAuth 2.1 client credentials: one client (`clientId`, `clientSecret: ${SECRET}`) or one
 * per virtual user from a data set (`identities: data.clients`, rows with clientId and clientSecret).
 */
export function readAuth(r: MapReader, data: Readonly<Record<string, readonly unknown[]>>): AuthSpec | undefined {
  if (!r.has('auth')) return undefined;
  const a = MapReader.open(r.get('auth'), r.at('auth'), r.issues);
  if (!a) return undefined;
  a.allowOnly(AUTH_KEYS);
  const spec: AuthSpec = { identities: readIdentities(a, data) };
  // Written in the file or read from a data set, not only from ${VARS}: secrets all the same.
  for (const identity of spec.identities) {
    registerSecret(identity.clientSecret);
    registerSecret(identity.privateKey);
  }
  for (const key of ['tokenEndpoint', 'issuer', 'resource'] as const) {
    if (!a.has(key)) continue;
    const value = a.string(key);
    if (!isHttpUrl(value)) a.issues.add(a.at(key), `${show(value)} is not an http(s) URL`);
    spec[key] = value;
  }
  if (a.has('scope')) spec.scope = a.string('scope');
  if (a.has('tokenEndpointAuth')) spec.tokenEndpointAuth = a.oneOf('tokenEndpointAuth', TOKEN_ENDPOINT_AUTH, 'client_secret_basic');
  return spec;
}

function readIdentities(a: MapReader, data: Readonly<Record<string, readonly unknown[]>>): ClientIdentitySpec[] {
  const single = a.has('clientId') || a.has('clientSecret') || a.has('privateKey');
  const algorithm = a.has('signingAlgorithm') ? a.oneOf('signingAlgorithm', SIGNING_ALGORITHMS, 'ES256') : undefined;
  if (a.has('identities')) {
    if (single) a.issues.add(a.at('identities'), 'give either identities or clientId and clientSecret, not both');
    return identitiesFromData(a, data, algorithm);
  }
  const clientId = a.string('clientId', { hint: 'or identities: data.<set>' });
  if (a.has('privateKey')) {
    if (a.has('clientSecret')) a.issues.add(a.at('privateKey'), 'give either clientSecret or privateKey, not both');
    const privateKey = a.string('privateKey');
    checkPrivateKey(privateKey, a.at('privateKey'), a);
    return [withAlgorithm({ clientId, privateKey }, algorithm)];
  }
  const clientSecret = a.string('clientSecret', { hint: 'e.g. clientSecret: ${MCP_CLIENT_SECRET}, or privateKey: ${MCP_CLIENT_KEY_PEM}' });
  return [{ clientId, clientSecret }];
}

function withAlgorithm(identity: ClientIdentitySpec, algorithm: ClientIdentitySpec['signingAlgorithm']): ClientIdentitySpec {
  if (algorithm !== undefined) identity.signingAlgorithm = algorithm;
  return identity;
}

function identitiesFromData(
  a: MapReader,
  data: Readonly<Record<string, readonly unknown[]>>,
  algorithm: ClientIdentitySpec['signingAlgorithm'],
): ClientIdentitySpec[] {
  const ref = a.string('identities');
  const path = a.at('identities');
  const name = ref.startsWith('data.') ? ref.slice('data.'.length) : undefined;
  const rows = name === undefined ? undefined : data[name];
  if (!rows) {
    a.issues.add(path, name === undefined ? `${show(ref)} must name a data set, e.g. data.clients` : `no data set named ${show(name)} (define it under data:)`);
    return [];
  }
  if (rows.length === 0) a.issues.add(path, `data set ${show(name)} has no rows`);
  const identities: ClientIdentitySpec[] = [];
  rows.forEach((row, i) => {
    const clientId = isPlainMap(row) ? field(row, ID_FIELDS) : undefined;
    const clientSecret = isPlainMap(row) ? field(row, SECRET_FIELDS) : undefined;
    const privateKey = isPlainMap(row) ? field(row, KEY_FIELDS) : undefined;
    if (clientId === undefined || (clientSecret === undefined) === (privateKey === undefined)) {
      a.issues.add(path, `row ${i + 1} of data set ${show(name)} needs clientId and either clientSecret or privateKey (or client_id and client_secret)`);
      return;
    }
    if (privateKey !== undefined) checkPrivateKey(privateKey, path, a, `row ${i + 1}: `);
    const identity: ClientIdentitySpec = privateKey === undefined ? { clientId, clientSecret } : withAlgorithm({ clientId, privateKey }, algorithm);
    const scope = field(row as Record<string, unknown>, SCOPE_FIELDS);
    if (scope !== undefined) identity.scope = scope;
    identities.push(identity);
  });
  return identities;
}

/** A key that will not parse fails the load, not the run; the message never quotes the key. */
function checkPrivateKey(pem: string, path: Path, a: MapReader, where = ''): void {
  try {
    createPrivateKey(pem);
  } catch {
    a.issues.add(path, `${where}not a PEM private key (e.g. -----BEGIN PRIVATE KEY----- …, PKCS #8)`);
  }
}

function field(row: Record<string, unknown>, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = row[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
