import type { HttpRecord } from './types.ts';

/**
 * Response headers that commonly name the upstream instance a balancer or platform chose, tried in
 * this order when the scenario names none: nginx/Varnish/Fastly (`X-Served-By`), custom balancer
 * setups (`X-Upstream`, `X-Backend-Server`, `X-Instance-Id`, `X-Server`), Fly.io (`Fly-Instance-Id`),
 * Heroku/Render-style `X-Backend`.
 */
export const DEFAULT_INSTANCE_HEADERS = ['x-served-by', 'x-upstream', 'x-backend-server', 'x-instance-id', 'fly-instance-id', 'x-server', 'x-backend'] as const;

/** Longest instance name kept (a server's string: bounded before it reaches any figure or report). */
export const MAX_INSTANCE_NAME = 64;

/** Where the instance that served a response is named: response headers, or a stickiness cookie's value. */
export type InstanceSource = { header: string } | { cookie: string } | 'auto' | 'off';

/** Headers as the connections hand them over: lowercased names, a repeated header's values in an array. */
type ResponseHeaders = Record<string, string | string[] | undefined>;

/**
 * Reads the instance name from a response's headers. Absent headers cost a few property lookups and
 * no allocation: this runs on every response of the hot path.
 */
export class InstanceReader {
  private readonly headers: readonly string[];
  /** The stickiness cookie's name, when the instance is named by a cookie. */
  readonly cookie: string | undefined;

  constructor(source: InstanceSource) {
    if (source === 'off') this.headers = [];
    else if (source === 'auto') this.headers = DEFAULT_INSTANCE_HEADERS;
    else if ('header' in source) this.headers = [source.header.toLowerCase()];
    else this.headers = [];
    this.cookie = typeof source === 'object' && 'cookie' in source ? source.cookie : undefined;
  }

  /** The instance a response names, bounded and made inert; undefined when it names none. */
  read(headers: ResponseHeaders, sentCookie: string | undefined): string | undefined {
    // `sentCookie`: the instance cookie's value the request carried (the jar's), when the response sets none.
    for (let i = 0; i < this.headers.length; i++) {
      const value = headers[this.headers[i]];
      if (value !== undefined) return instanceName(typeof value === 'string' ? value : value[0]);
    }
    if (this.cookie === undefined) return undefined;
    const set = headers['set-cookie'];
    const fromResponse = set === undefined ? undefined : cookieFromSetCookie(set, this.cookie);
    return instanceName(fromResponse ?? sentCookie);
  }
}

/** A server's instance string as a bounded, printable name; undefined when nothing is left. */
export function instanceName(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let name = raw.length > MAX_INSTANCE_NAME ? raw.slice(0, MAX_INSTANCE_NAME) : raw;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) name = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  name = name.trim();
  return name === '' ? undefined : name;
}

function cookieFromSetCookie(set: string | string[], name: string): string | undefined {
  const lines = typeof set === 'string' ? [set] : set;
  for (const line of lines) {
    const eq = line.indexOf('=');
    if (eq > 0 && line.slice(0, eq).trim() === name) {
      const end = line.indexOf(';', eq);
      return line.slice(eq + 1, end < 0 ? undefined : end).trim();
    }
  }
  return undefined;
}

/**
 * The instances one client session was served by, as its requests come back. A session's home is
 * the instance that answered its first attributed request; a later response from another instance
 * is a hop. A re-initialised session (the old one was lost) starts over with a new home.
 */
export class SessionInstances {
  home: string | undefined = undefined;
  /** Served by more than one instance since the session (or its re-initialisation) began. */
  hopped = false;
  /** How far into an operation's records this has looked (an operation may restart the session midway). */
  private seen = 0;

  /** Looks at the records an operation added since the last look; returns whether the session hopped among them. */
  observe(records: readonly HttpRecord[]): boolean {
    let hoppedNow = false;
    for (let i = this.seen; i < records.length; i++) {
      const { instance, purpose } = records[i];
      // Probes (2026 discovery, the transport fallback) precede any session: no instance holds one yet.
      if (instance === undefined || purpose === 'discovery' || purpose === 'probe') continue;
      if (this.home === undefined) this.home = instance;
      else if (instance !== this.home && !this.hopped) {
        this.hopped = true;
        hoppedNow = true;
      }
    }
    this.seen = records.length;
    return hoppedNow;
  }

  /** The operation is over: the next one's records start at 0. */
  endOperation(): void {
    this.seen = 0;
  }

  /** The session was lost and is being re-established: what it was served by no longer matters. */
  restart(): void {
    this.home = undefined;
    this.hopped = false;
  }
}
