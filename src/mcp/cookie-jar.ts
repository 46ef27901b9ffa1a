import { parseSetCookie } from 'undici/lib/web/cookies/parse.js';
import { registerSecret } from '../secrets/index.ts';

/** Cookies kept per session; a balancer sets one or two, a hostile server must not grow the jar without bound. */
export const MAX_COOKIES = 32;
const MAX_COOKIE_BYTES = 4096;

interface StoredCookie {
  value: string;
  path: string;
  /** Epoch ms; Infinity for a session cookie. */
  expiresAt: number;
  secure: boolean;
}

/**
 * One session's cookies, for the one origin it talks to (a balancer's stickiness cookie such as
 * AWSALB or haproxy's `cookie SRV insert` must come back on the session's next request). Parsing
 * happens only when a response carries Set-Cookie; the `Cookie` header is rebuilt only when the
 * jar changes, so a session's requests reuse one string. Values are secrets: every output
 * redacts them (src/secrets), except the cookie the scenario names as the instance (`instance:
 * { cookie: NAME }`), whose values are instance names shown in the reports.
 */
export class CookieJar {
  private readonly cookies = new Map<string, StoredCookie>();
  private readonly requestPath: string;
  private readonly https: boolean;
  private readonly instanceCookie: string | undefined;
  private cached: string | undefined = undefined;
  private earliestExpiry = Infinity;
  /** Bumped on every change, so callers can cache header lists built with the jar's header. */
  version = 0;

  constructor(url: URL, instanceCookie?: string) {
    this.requestPath = url.pathname || '/';
    this.https = url.protocol === 'https:';
    this.instanceCookie = instanceCookie;
  }

  /** Takes the Set-Cookie lines of a response (RFC 6265 §5.3, for one host: Domain is not checked). */
  store(setCookie: string | readonly string[], nowMs = Date.now()): void {
    const lines = typeof setCookie === 'string' ? [setCookie] : setCookie;
    for (const line of lines) {
      if (line.length > MAX_COOKIE_BYTES) continue;
      const cookie = parseSetCookie(line);
      if (cookie === null || cookie.name === '') continue;
      let expiresAt = Infinity;
      if (cookie.maxAge !== undefined) expiresAt = cookie.maxAge <= 0 ? 0 : nowMs + cookie.maxAge * 1000;
      else if (cookie.expires instanceof Date) expiresAt = cookie.expires.getTime();
      if (expiresAt <= nowMs) {
        if (this.cookies.delete(cookie.name)) this.changed();
        continue;
      }
      if (!this.cookies.has(cookie.name) && this.cookies.size >= MAX_COOKIES) continue;
      if (cookie.name !== this.instanceCookie) registerSecret(cookie.value);
      const path = cookie.path !== undefined && cookie.path.startsWith('/') ? cookie.path : defaultPath(this.requestPath);
      this.cookies.set(cookie.name, { value: cookie.value, path, expiresAt, secure: cookie.secure === true });
      if (expiresAt < this.earliestExpiry) this.earliestExpiry = expiresAt;
      this.changed();
    }
  }

  /** The `Cookie` header for the session's requests, or undefined when there is nothing to send. */
  header(nowMs?: number): string | undefined {
    if (this.cookies.size === 0) return undefined;
    if (this.earliestExpiry !== Infinity && (nowMs ?? Date.now()) >= this.earliestExpiry) this.expire(nowMs ?? Date.now());
    if (this.cached === undefined && this.cookies.size > 0) {
      const pairs: string[] = [];
      for (const [name, c] of this.cookies) {
        if (c.secure && !this.https) continue;
        if (!pathMatches(this.requestPath, c.path)) continue;
        pairs.push(`${name}=${c.value}`);
      }
      this.cached = pairs.length === 0 ? '' : pairs.join('; ');
    }
    return this.cached === '' ? undefined : this.cached;
  }

  /** The value of one cookie the jar holds (the instance cookie sent with a request). */
  valueOf(name: string): string | undefined {
    return this.cookies.get(name)?.value;
  }

  get size(): number {
    return this.cookies.size;
  }

  private expire(nowMs: number): void {
    this.earliestExpiry = Infinity;
    for (const [name, c] of this.cookies) {
      if (c.expiresAt <= nowMs) this.cookies.delete(name);
      else if (c.expiresAt < this.earliestExpiry) this.earliestExpiry = c.expiresAt;
    }
    this.changed();
  }

  private changed(): void {
    this.cached = undefined;
    this.version++;
  }
}

/** RFC 6265 §5.1.4: the directory of the request path. */
function defaultPath(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath.charCodeAt(cookiePath.length) === 47;
}
