/** Cookies kept per session; a balancer sets one or two, a hostile server must not grow the jar without bound. */
export declare const MAX_COOKIES = 32;
/**
 * One session's cookies, for the one origin it talks to (a balancer's stickiness cookie such as
 * AWSALB or haproxy's `cookie SRV insert` must come back on the session's next request). Parsing
 * happens only when a response carries Set-Cookie; the `Cookie` header is rebuilt only when the
 * jar changes, so a session's requests reuse one string. Values are secrets: every output
 * redacts them (src/secrets), except the cookie the scenario names as the instance (`instance:
 * { cookie: NAME }`), whose values are instance names shown in the reports.
 */
export declare class CookieJar {
    private readonly cookies;
    private readonly requestPath;
    private readonly https;
    private readonly instanceCookie;
    private cached;
    private earliestExpiry;
    /** Bumped on every change, so callers can cache header lists built with the jar's header. */
    version: number;
    constructor(url: URL, instanceCookie?: string);
    /** Takes the Set-Cookie lines of a response (RFC 6265 §5.3, for one host: Domain is not checked). */
    store(setCookie: string | readonly string[], nowMs?: number): void;
    /** The `Cookie` header for the session's requests, or undefined when there is nothing to send. */
    header(nowMs?: number): string | undefined;
    /** The value of one cookie the jar holds (the instance cookie sent with a request). */
    valueOf(name: string): string | undefined;
    get size(): number;
    private expire;
    private changed;
}
