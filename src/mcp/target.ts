import { Pool } from 'undici';
import type { DiscoveryVerdict } from './discovery.ts';

export interface TargetOptions {
  /** The MCP endpoint (Streamable HTTP) or SSE stream URL (legacy transport). */
  url: string;
  /** Sent on every request (GET and DELETE included); never logged. */
  headers?: Record<string, string>;
  /** Per-request deadline in milliseconds. */
  timeoutMs?: number;
  /** Largest response body or SSE event accepted. */
  maxResponseBytes?: number;
  /** Connections per origin; unbounded by default so each virtual user can have its own. */
  connections?: number | null;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/**
 * Where MCP traffic goes: the URL, the configured headers and one keep-alive undici `Pool` per
 * origin, shared by every session (virtual user) against this target.
 */
export class McpTarget {
  readonly url: URL;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  /** Configured headers as a flat list, computed once. */
  readonly baseHeaders: readonly string[];
  /** What the first session learned about the server, cached per target as the spec advises. */
  era: 'stateless' | 'session' | undefined;
  /** Set when `auto` found only the legacy HTTP+SSE transport, so later sessions skip the probe. */
  transport: 'sse' | undefined;
  statelessVersion: string | undefined;
  /** The `server/discover` probe in flight, shared by sessions that start together. */
  discovery: Promise<DiscoveryVerdict> | undefined;
  private readonly connections: number | null;
  private readonly pools = new Map<string, Pool>();

  constructor(options: TargetOptions) {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw new TypeError(`target URL "${options.url}" is not a valid URL (expected e.g. http://localhost:3000/mcp)`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new TypeError(`target URL "${options.url}" must use http: or https:`);
    }
    this.url = url;
    this.timeoutMs = positive(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'timeoutMs');
    this.maxResponseBytes = positive(options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, 'maxResponseBytes');
    this.connections = options.connections ?? null;
    const flat: string[] = [];
    for (const [name, value] of Object.entries(options.headers ?? {})) flat.push(name.toLowerCase(), value);
    this.baseHeaders = flat;
  }

  /** The keep-alive pool for an origin (the legacy transport may POST to another origin). */
  pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: this.connections,
        pipelining: 1,
        keepAliveTimeout: 10_000,
        // Our own deadlines govern; undici's 300 s defaults would cut long SSE streams.
        headersTimeout: 0,
        bodyTimeout: 0,
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.destroy()));
  }
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, got ${value}`);
  return value;
}
