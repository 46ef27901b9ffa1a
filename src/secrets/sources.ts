import { REDACTED, secrets, type SecretRegistry } from './registry.ts';

/** Headers that never carry credentials: redacting `application/json` would garble every text. */
const PLAIN_HEADERS = new Set(['accept', 'accept-encoding', 'accept-language', 'cache-control', 'content-type', 'user-agent', 'mcp-protocol-version']);

/** Every header value but those of plain headers; a `Cookie` header's values one by one as well. */
export function registerHeaderSecrets(headers: Readonly<Record<string, string>>, registry: SecretRegistry = secrets): void {
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (PLAIN_HEADERS.has(lower)) continue;
    registry.register(value);
    if (lower === 'cookie') for (const pair of value.split(';')) registry.register(pair.slice(pair.indexOf('=') + 1));
  }
}

/** The credentials and query values of a URL (tokens ride in either), and the Basic token they make. */
export function registerUrlSecrets(url: string | undefined, registry: SecretRegistry = secrets): void {
  if (url === undefined) return;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  const username = safeDecode(parsed.username);
  const password = safeDecode(parsed.password);
  registry.register(username);
  registry.register(password);
  if (password) registry.register(`${username}:${password}`);
  for (const value of parsed.searchParams.values()) registry.register(value);
}

/**
 * The URL as results and messages may show it: user, password and every query value replaced by
 * `***`, no fragment. Text that is not a URL keeps only what cannot be a credential.
 */
export function redactUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text.replace(/\/\/[^/?#]*@/, `//${REDACTED}@`).replace(/[?#].*$/s, (rest) => (rest.startsWith('?') ? `?${REDACTED}` : ''));
  }
  if (url.username) url.username = REDACTED;
  if (url.password) url.password = REDACTED;
  url.hash = '';
  const names = [...url.searchParams.keys()];
  if (names.length === 0) return url.toString();
  url.search = '';
  return `${url.toString()}?${[...new Set(names)].map((name) => `${encodeURIComponent(name)}=${REDACTED}`).join('&')}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
