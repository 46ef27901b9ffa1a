import type { HttpRecord } from './types.ts';
/**
 * Response headers that commonly name the upstream instance a balancer or platform chose, tried in
 * this order when the scenario names none: nginx/Varnish/Fastly (`X-Served-By`), custom balancer
 * setups (`X-Upstream`, `X-Backend-Server`, `X-Instance-Id`, `X-Server`), Fly.io (`Fly-Instance-Id`),
 * Heroku/Render-style `X-Backend`.
 */
export declare const DEFAULT_INSTANCE_HEADERS: readonly ["x-served-by", "x-upstream", "x-backend-server", "x-instance-id", "fly-instance-id", "x-server", "x-backend"];
/** Longest instance name kept (a server's string: bounded before it reaches any figure or report). */
export declare const MAX_INSTANCE_NAME = 64;
/** Where the instance that served a response is named: response headers, or a stickiness cookie's value. */
export type InstanceSource = {
    header: string;
} | {
    cookie: string;
} | 'auto' | 'off';
/** Headers as the connections hand them over: lowercased names, a repeated header's values in an array. */
type ResponseHeaders = Record<string, string | string[] | undefined>;
/**
 * Reads the instance name from a response's headers. Absent headers cost a few property lookups and
 * no allocation: this runs on every response of the hot path.
 */
export declare class InstanceReader {
    private readonly headers;
    /** The stickiness cookie's name, when the instance is named by a cookie. */
    readonly cookie: string | undefined;
    constructor(source: InstanceSource);
    /** The instance a response names, bounded and made inert; undefined when it names none. */
    read(headers: ResponseHeaders, sentCookie: string | undefined): string | undefined;
}
/** A server's instance string as a bounded, printable name; undefined when nothing is left. */
export declare function instanceName(raw: string | undefined): string | undefined;
/**
 * The instances one client session was served by, as its requests come back. A session's home is
 * the instance that answered its first attributed request; a later response from another instance
 * is a hop. A re-initialised session (the old one was lost) starts over with a new home.
 */
export declare class SessionInstances {
    home: string | undefined;
    /** Served by more than one instance since the session (or its re-initialisation) began. */
    hopped: boolean;
    /** How far into an operation's records this has looked (an operation may restart the session midway). */
    private seen;
    /** Looks at the records an operation added since the last look; returns whether the session hopped among them. */
    observe(records: readonly HttpRecord[]): boolean;
    /** The operation is over: the next one's records start at 0. */
    endOperation(): void;
    /** The session was lost and is being re-established: what it was served by no longer matters. */
    restart(): void;
}
export {};
