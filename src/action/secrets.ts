import * as core from '@actions/core';

/** Shorter values are not treated as secrets: masking "1" or "on" would garble every log line. */
const MIN_SECRET_LENGTH = 4;
const PLAIN_HEADERS = new Set(['accept', 'accept-encoding', 'accept-language', 'cache-control', 'content-type', 'user-agent', 'mcp-protocol-version']);
const AUTH_SCHEME = /^(Bearer|Basic|Token|Bot|ApiKey)\s+(.+)$/i;

/**
 * The secrets of one run: each is masked in the log as soon as it is known (`::add-mask::`), and
 * scrubbed from every text the action writes (result, reports, comment) in case one slipped through.
 */
export class Secrets {
  private readonly values = new Set<string>();

  add(value: string | undefined): void {
    if (value === undefined) return;
    const trimmed = value.trim();
    // `Authorization: Bearer <token>`: the token alone also leaks in messages that quote it.
    const token = AUTH_SCHEME.exec(trimmed)?.[2];
    for (const secret of [trimmed, token]) {
      if (secret === undefined) continue;
      this.remember(secret);
      // As it appears in a URL.
      this.remember(encodeURIComponent(secret));
    }
  }

  private remember(secret: string): void {
    if (secret.length < MIN_SECRET_LENGTH || this.values.has(secret)) return;
    this.values.add(secret);
    core.setSecret(secret);
  }

  /** Credentials and query values of a URL (tokens sometimes ride in either). */
  addFromUrl(url: string | undefined): void {
    if (url === undefined) return;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return;
    }
    this.add(decodeURIComponent(parsed.username));
    this.add(decodeURIComponent(parsed.password));
    for (const value of parsed.searchParams.values()) this.add(value);
  }

  /** Every header value but those of headers that never carry credentials (masking `application/json` would garble every log). */
  addHeaders(headers: Readonly<Record<string, string>>): void {
    for (const [name, value] of Object.entries(headers)) {
      if (!PLAIN_HEADERS.has(name.toLowerCase())) this.add(value);
    }
  }

  /**
   * A copy of the result with every string value redacted, except the encoded histograms (base64
   * could hold a short secret's letters by chance, and editing it would corrupt the data).
   */
  redactResult<T>(result: T): T {
    if (this.values.size === 0) return result;
    const walk = (value: unknown, key: string): unknown => {
      if (typeof value === 'string') return key === 'hdr' ? value : this.redact(value);
      if (Array.isArray(value)) return value.map((item) => walk(item, ''));
      if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [this.redact(k), walk(v, k)]));
      }
      return value;
    };
    return walk(result, '') as T;
  }

  /** The text with every known secret replaced by `***`, longest first (a token inside its header). */
  redact(text: string): string {
    let out = text;
    for (const value of [...this.values].sort((a, b) => b.length - a.length)) {
      if (out.includes(value)) out = out.split(value).join('***');
    }
    return out;
  }
}
