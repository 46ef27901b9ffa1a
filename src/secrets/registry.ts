// The secrets of this process, shared by every front door (CLI, `session`, action, library): values
// are registered as soon as they are known (scenario headers, target URL, interpolated variables,
// OAuth tokens) and redacted from every text mcp-load stores, prints or writes.
import { decodeEscapes, mayHoldEscapes } from './decode.ts';

/** Shorter values are not treated as secrets: redacting "1" or "on" would garble every text. */
export const MIN_SECRET_LENGTH = 4;
export const REDACTED = '***';
/** Distinct secrets kept; more would make every redaction slow (a run has a handful). */
export const MAX_SECRETS = 1_000;

const AUTH_SCHEME = /^(Bearer|Basic|Token|Bot|ApiKey|Digest)\s+(.+)$/i;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** Keys whose strings are data, not text: an encoded histogram could hold a short secret's letters by chance. */
const DATA_KEYS = new Set(['hdr']);

type Listener = (secret: string) => void;

export class SecretRegistry {
  private readonly values = new Set<string>();
  private readonly listeners: Listener[] = [];

  /**
   * Registers a credential and the forms it travels in: the credential inside `Bearer …`/`Basic …`,
   * the `user:password` and password behind a Basic token, and the base64 of each.
   */
  register(value: string | undefined): void {
    if (value === undefined) return;
    const trimmed = value.trim();
    this.remember(trimmed);
    const scheme = AUTH_SCHEME.exec(trimmed);
    if (!scheme) return;
    const token = scheme[2].trim();
    this.remember(token);
    if (scheme[1].toLowerCase() === 'basic' && BASE64.test(token)) {
      const pair = Buffer.from(token, 'base64').toString('utf8');
      const colon = pair.indexOf(':');
      if (colon > 0 && Buffer.from(pair, 'utf8').toString('base64') === token) {
        this.remember(pair);
        this.remember(pair.slice(colon + 1));
      }
    }
  }

  /** Calls `listener` with every secret known and every secret registered from now on (the action masks them in the log). */
  onRegister(listener: Listener): void {
    this.listeners.push(listener);
    for (const secret of this.values) listener(secret);
  }

  get size(): number {
    return this.values.size;
  }

  /** The secret and its base64 (as a server may echo it back, decoded or not). */
  private remember(secret: string): void {
    this.add(secret);
    if (secret.length >= MIN_SECRET_LENGTH) this.add(Buffer.from(secret, 'utf8').toString('base64'));
  }

  private add(secret: string): void {
    if (secret.length < MIN_SECRET_LENGTH || this.values.has(secret) || this.values.size >= MAX_SECRETS) return;
    this.values.add(secret);
    for (const listener of this.listeners) listener(secret);
    // Form encoding writes spaces as `+`, which is not decoded (base64 tokens hold a literal `+`).
    if (secret.includes(' ')) this.add(secret.replaceAll(' ', '+'));
  }

  /**
   * The text with every secret replaced by `***`, whether written raw, URL-encoded, as HTML
   * entities, JSON escapes, or any mix of them (a server may echo a header in any of these).
   * Overlapping matches (a token inside its header) become one `***`.
   */
  redact(text: string): string {
    if (this.values.size === 0 || text.length < MIN_SECRET_LENGTH) return text;
    const spans: [number, number][] = [];
    for (const secret of this.values) {
      for (let i = text.indexOf(secret); i >= 0; i = text.indexOf(secret, i + 1)) spans.push([i, i + secret.length]);
    }
    if (mayHoldEscapes(text)) {
      const decoded = decodeEscapes(text);
      if (decoded.text !== text) {
        for (const secret of this.values) {
          for (let i = decoded.text.indexOf(secret); i >= 0; i = decoded.text.indexOf(secret, i + 1)) {
            spans.push(decoded.originalSpan(i, i + secret.length));
          }
        }
      }
    }
    return spans.length === 0 ? text : replaceSpans(text, spans);
  }

  /** A copy of `value` with every string (and key) redacted, except data such as encoded histograms. */
  redactDeep<T>(value: T): T {
    if (this.values.size === 0) return value;
    const walk = (item: unknown, key: string): unknown => {
      if (typeof item === 'string') return DATA_KEYS.has(key) ? item : this.redact(item);
      if (Array.isArray(item)) return item.map((entry) => walk(entry, ''));
      if (item !== null && typeof item === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(item)) {
          Object.defineProperty(out, this.redact(k), { value: walk(v, k), enumerable: true, writable: true, configurable: true });
        }
        return out;
      }
      return item;
    };
    return walk(value, '') as T;
  }
}

/** `text` with each span (merged where they overlap) replaced by `***`. */
function replaceSpans(text: string, spans: [number, number][]): string {
  spans.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  let out = '';
  let at = 0;
  let i = 0;
  while (i < spans.length) {
    const start = spans[i][0];
    let end = spans[i][1];
    for (i++; i < spans.length && spans[i][0] < end; i++) end = Math.max(end, spans[i][1]);
    out += text.slice(at, start) + REDACTED;
    at = end;
  }
  return out + text.slice(at);
}

/** The process's registry: every front door registers into it and redacts with it. */
export const secrets = new SecretRegistry();

/** Registers a credential (a header value, a token, a client secret) for redaction everywhere. */
export function registerSecret(value: string | undefined): void {
  secrets.register(value);
}

/** `text` without any registered secret. */
export function redactSecrets(text: string): string {
  return secrets.redact(text);
}
