/** Shorter values are not treated as secrets: redacting "1" or "on" would garble every text. */
export declare const MIN_SECRET_LENGTH = 4;
export declare const REDACTED = "***";
/** Distinct secrets kept; more would make every redaction slow (a run has a handful). */
export declare const MAX_SECRETS = 1000;
type Listener = (secret: string) => void;
export declare class SecretRegistry {
    private readonly values;
    private readonly listeners;
    /**
     * Registers a credential and the forms it travels in: the credential inside `Bearer …`/`Basic …`,
     * the `user:password` and password behind a Basic token, and the base64 of each.
     */
    register(value: string | undefined): void;
    /** Calls `listener` with every secret known and every secret registered from now on (the action masks them in the log). */
    onRegister(listener: Listener): void;
    get size(): number;
    /** The secret and its base64 (as a server may echo it back, decoded or not). */
    private remember;
    private add;
    /**
     * The text with every secret replaced by `***`, whether written raw, URL-encoded, as HTML
     * entities, JSON escapes, or any mix of them (a server may echo a header in any of these).
     * Overlapping matches (a token inside its header) become one `***`.
     */
    redact(text: string): string;
    /** A copy of `value` with every string (and key) redacted, except data such as encoded histograms. */
    redactDeep<T>(value: T): T;
}
/** The process's registry: every front door registers into it and redacts with it. */
export declare const secrets: SecretRegistry;
/** Registers a credential (a header value, a token, a client secret) for redaction everywhere. */
export declare function registerSecret(value: string | undefined): void;
/** `text` without any registered secret. */
export declare function redactSecrets(text: string): string;
export {};
