import type { Pool } from 'undici';
import type { DiscoveryVerdict } from './discovery.ts';
import type { ParamHeaderBinding } from './param-headers.ts';
import { type SessionConnection } from './h1-connection.ts';
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
export declare function displayUrl(url: URL): string;
export declare const DEFAULT_TIMEOUT_MS = 30000;
export declare const DEFAULT_REPLY_GRACE_MS = 250;
export declare const DEFAULT_KEEP_ALIVE_MS = 10000;
export declare const DEFAULT_MAX_RESPONSE_BYTES: number;
export declare const DEFAULT_MAX_CONCURRENT_HANDSHAKES = 128;
/**
 * Where MCP traffic goes: the URL, the configured headers and one keep-alive undici `Pool` per
 * origin, shared by every session (virtual user) against this target.
 */
export declare class McpTarget {
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
    private readonly connections;
    private readonly pools;
    private readonly clients;
    private readonly sessionClient;
    private readonly maxHandshakes;
    private handshakes;
    private readonly handshakeQueue;
    constructor(options: TargetOptions);
    /** The keep-alive pool for an origin (the legacy transport may POST to another origin). */
    pool(origin: string): Pool;
    /**
     * The connection a session's calls go over: its own keep-alive connection (one socket, as an
     * agent has), or the shared pool when `connections` bounds them. A shared unbounded pool would
     * open a second socket per session while the first waits a tick to be reused, and scan every
     * connection on each request.
     */
    sessionDispatcher(origin: string): SessionConnection;
    /**
     * A turn to run a session handshake. Thousands of VUs starting at once would otherwise open
     * thousands of connections and handshakes in the same instant: a connection storm that measures
     * the generator's memory and the kernel's backlog rather than the server. Waiting for a turn is
     * not part of the handshake's measured time.
     */
    handshakeTurn<T>(handshake: () => Promise<T>): Promise<T>;
    /** undici takes a server's hint up to keepAliveMaxTimeout: both set, the hint can only shorten keepAliveMs. */
    private undiciKeepAlive;
    /** Closes a session's own connection (a pooled one stays for others). */
    releaseSessionDispatcher(dispatcher: SessionConnection): void;
    close(): Promise<void>;
}
