/** What a deadline is kept for: an exchange with its due time (performance.now() ms), told when it passes. */
export interface Expiring {
    readonly deadline: number;
    expire(): void;
}
/**
 * The deadlines of the exchanges on one dispatcher, kept with one timer rather than one per
 * request (autocannon's habit): a request only joins a set, and the timer is re-armed only for a
 * deadline earlier than the one it waits for. Requests that follow one another with the same
 * timeout never re-arm it; when it fires it expires what is due and waits for the earliest left.
 * The timer keeps the process alive only while some exchange waits.
 */
export declare class ExchangeDeadlines {
    private readonly pending;
    private timer;
    /** When the armed timer fires (Infinity: none armed). */
    private armedFor;
    add(exchange: Expiring): void;
    /** A pending exchange's deadline moved (an answered SSE reply's grace): the timer is re-armed only if it is now earlier. */
    moved(exchange: Expiring): void;
    remove(exchange: Expiring): void;
    private arm;
    /** The timer fired: what is due expires (each leaves the set as it fails), the earliest left re-arms it. */
    fire(): void;
    /** Nothing waits: an armed timer no longer keeps the process alive. */
    private release;
}
/** The deadlines of a dispatcher's exchanges (a connection's, or a pool's). */
export declare function deadlinesOf(dispatcher: object): ExchangeDeadlines;
