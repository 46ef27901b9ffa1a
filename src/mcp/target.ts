import type { Pool } from 'undici';
import { loadUndici } from '../undici.ts';
import { isFramingHeader } from '../framing-headers.ts';
import type { DiscoveryVerdict } from './discovery.ts';
import type { ParamHeaderBinding } from './param-headers.ts';
import { H1Connection, type SessionConnection } from './h1-connection.ts';
import { InstanceReader, type InstanceSource } from './instances.ts';

export interface TargetOptions {
  /** The MCP endpoint (Streamable HTTP) or SSE stream URL (legacy transport). */
  url: string;
  /** Sent on every request (GET and DELETE included); never logged. */
  headers?: Record<string, string>;
  /** Per-request deadline in milliseconds. */
  timeoutMs?: number;
  /** Largest response body or SSE event accepted. */
  maxResponseBytes?: number;
  /** How long an SSE reply may stay open after its response before mcp-load closes it (default 250 ms). */
  replyGraceMs?: number;
  /** Connections per origin; unbounded by default so each virtual user can have its own. */
  connections?: number | null;
  /**
   * How long an idle kept-alive connection is held (default 10 s), capped by the server's
   * `Keep-Alive: timeout` hint less a margin. Longer than the agents' think, they keep their connections.
   */
  keepAliveMs?: number;
  /** Session handshakes in flight at once; more wait their turn (default 128). */
  maxConcurrentHandshakes?: number;
  /**
   * What carries each session's own requests: mcp-load's lean HTTP/1.1 connection (default) or
   * undici's `Client`. The environment variable MCP_LOAD_HTTP_CLIENT=undici sets the default.
   */
  sessionClient?: 'lean' | 'undici';
  /** Where responses name the instance that served them (default `auto`: the common headers, DEFAULT_INSTANCE_HEADERS). */
  instance?: InstanceSource;
}

/** A URL for messages, logs and reports: origin and path only, since tokens ride in credentials and queries. */
export function displayUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_REPLY_GRACE_MS = 250;

export const DEFAULT_KEEP_ALIVE_MS = 10_000;

const CONNECTION_OPTIONS = {
  pipelining: 1,
  // Our own deadlines govern; undici's 300 s defaults would cut long SSE streams.
  headersTimeout: 0,
  bodyTimeout: 0,
};
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
export const DEFAULT_MAX_CONCURRENT_HANDSHAKES = 128;

/**
 * Where MCP traffic goes: the URL, the configured headers and one keep-alive undici `Pool` per
 * origin, shared by every session (virtual user) against this target.
 */
export class McpTarget {
  readonly url: URL;
  /** The URL as messages show it (see displayUrl). */
  readonly displayUrl: string;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly replyGraceMs: number;
  readonly keepAliveMs: number;
  /** Configured headers as a flat list, computed once. */
  readonly baseHeaders: readonly string[];
  /** Reads the serving instance off every response. */
  readonly instance: InstanceReader;
  /** What the first session learned about the server, cached per target as the spec advises. */
  era: 'stateless' | 'session' | undefined;
  /** Set when `auto` found only the legacy HTTP+SSE transport, so later sessions skip the probe. */
  transport: 'sse' | undefined;
  statelessVersion: string | undefined;
  /** The `server/discover` probe in flight, shared by sessions that start together. */
  discovery: Promise<DiscoveryVerdict> | undefined;
  /**
   * 2026-07-28: each tool's Mcp-Param header bindings (or why its declaration is refused), read
   * from tools/list once per target and shared by its sessions; reloaded after a -32020.
   */
  paramBindings: Promise<Map<string, ParamHeaderBinding[] | string>> | undefined;
  private readonly connections: number | null;
  private readonly pools = new Map<string, Pool>();
  private readonly clients = new Set<SessionConnection>();
  private readonly sessionClient: 'lean' | 'undici';
  private readonly maxHandshakes: number;
  private handshakes = 0;
  private readonly handshakeQueue: Array<() => void> = [];

  constructor(options: TargetOptions) {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw new TypeError('the target URL is not a valid URL (expected e.g. http://localhost:3000/mcp)');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new TypeError(`the target URL must use http: or https:, not ${url.protocol}`);
    }
    this.url = url;
    this.displayUrl = displayUrl(url);
    this.timeoutMs = positive(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'timeoutMs');
    this.maxResponseBytes = positive(options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, 'maxResponseBytes');
    this.replyGraceMs = positive(options.replyGraceMs ?? DEFAULT_REPLY_GRACE_MS, 'replyGraceMs');
    this.keepAliveMs = positive(options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS, 'keepAliveMs');
    this.connections = options.connections ?? null;
    this.sessionClient = options.sessionClient ?? (process.env.MCP_LOAD_HTTP_CLIENT === 'undici' ? 'undici' : 'lean');
    // Connections of undici's own: loaded now, before the load, not at the first session's request.
    if (this.sessionClient === 'undici' || this.connections !== null) loadUndici();
    this.maxHandshakes = positive(options.maxConcurrentHandshakes ?? DEFAULT_MAX_CONCURRENT_HANDSHAKES, 'maxConcurrentHandshakes');
    const flat: string[] = [];
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (isFramingHeader(name)) throw new TypeError(`header ${name} is set by mcp-load for each request; remove it`);
      flat.push(name.toLowerCase(), value);
    }
    // Credentials in the URL become Basic auth (the connection's origin drops them), unless configured.
    if ((url.username || url.password) && !flat.includes('authorization')) {
      const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
      flat.push('authorization', `Basic ${Buffer.from(credentials).toString('base64')}`);
    }
    this.baseHeaders = flat;
    this.instance = new InstanceReader(options.instance ?? 'auto');
  }

  /** The keep-alive pool for an origin (the legacy transport may POST to another origin). */
  pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new (loadUndici().Pool)(origin, { ...CONNECTION_OPTIONS, ...this.undiciKeepAlive(), connections: this.connections });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  /**
   * The connection a session's calls go over: its own keep-alive connection (one socket, as an
   * agent has), or the shared pool when `connections` bounds them. A shared unbounded pool would
   * open a second socket per session while the first waits a tick to be reused, and scan every
   * connection on each request.
   */
  sessionDispatcher(origin: string): SessionConnection {
    if (this.connections !== null) return this.pool(origin);
    const connection =
      this.sessionClient === 'lean'
        ? new H1Connection(origin, { keepAliveTimeoutMs: this.keepAliveMs })
        : // With pipelining 1 undici waits a full event-loop turn before reusing a socket. Above 1 it
          // reuses it at once, and still never pipelines: a POST waits for the request before it to end.
          new (loadUndici().Client)(origin, { ...CONNECTION_OPTIONS, ...this.undiciKeepAlive(), pipelining: 2 });
    this.clients.add(connection);
    return connection;
  }

  /**
   * A turn to run a session handshake. Thousands of VUs starting at once would otherwise open
   * thousands of connections and handshakes in the same instant: a connection storm that measures
   * the generator's memory and the kernel's backlog rather than the server. Waiting for a turn is
   * not part of the handshake's measured time.
   */
  async handshakeTurn<T>(handshake: () => Promise<T>): Promise<T> {
    if (this.handshakes >= this.maxHandshakes) await new Promise<void>((resolve) => this.handshakeQueue.push(resolve));
    this.handshakes++;
    try {
      return await handshake();
    } finally {
      this.handshakes--;
      this.handshakeQueue.shift()?.();
    }
  }

  /** undici takes a server's hint up to keepAliveMaxTimeout: both set, the hint can only shorten keepAliveMs. */
  private undiciKeepAlive(): { keepAliveTimeout: number; keepAliveMaxTimeout: number } {
    return { keepAliveTimeout: this.keepAliveMs, keepAliveMaxTimeout: this.keepAliveMs };
  }

  /** Closes a session's own connection (a pooled one stays for others). */
  releaseSessionDispatcher(dispatcher: SessionConnection): void {
    if (!this.clients.delete(dispatcher)) return;
    dispatcher.close().catch(() => dispatcher.destroy().catch(() => undefined));
  }

  async close(): Promise<void> {
    const all: SessionConnection[] = [...this.pools.values(), ...this.clients];
    this.pools.clear();
    this.clients.clear();
    await Promise.all(all.map((d) => d.destroy()));
  }
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, got ${value}`);
  return value;
}
