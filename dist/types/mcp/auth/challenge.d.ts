/** What a `WWW-Authenticate: Bearer …` challenge tells a client (RFC 6750 §3, RFC 9728 §5.1). */
export interface BearerChallenge {
    /** RFC 9728: where the protected resource's metadata is. */
    resourceMetadata?: string;
    /** Scopes the resource wants for this request. */
    scope?: string;
    /** e.g. `invalid_token`, `insufficient_scope`. */
    error?: string;
}
/** Reads the Bearer challenge of a WWW-Authenticate value; undefined when it has none. */
export declare function parseBearerChallenge(header: string | undefined): BearerChallenge | undefined;
