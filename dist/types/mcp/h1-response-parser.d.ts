/**
 * An incremental HTTP/1.1 response parser for one keep-alive connection: status line and headers,
 * then a body framed by Content-Length, chunked transfer coding, or the end of the connection
 * (RFC 9112 §6.3). Bytes may arrive split anywhere.
 *
 * It exists for the load engine's hot path (see H1Connection): a reply is parsed with one
 * string slice for the head and zero-copy views for the body.
 */
/** Header names lowercased, values trimmed; a repeated header's values in an array, as undici gives them. */
export type H1Headers = Record<string, string | string[]>;
export interface H1ResponseSink {
    /** The final head (1xx heads are skipped); `headers` has no prototype, so no name can reach one. */
    onHead(status: number, headers: H1Headers): void;
    onBody(chunk: Buffer): void;
    onEnd(): void;
}
export declare class H1ParseError extends Error {
    readonly code = "HPE_INVALID";
    constructor(message: string);
}
/** Larger heads are refused, as undici and node do at 16 KiB; MCP heads are small. */
export declare const MAX_HEAD_BYTES: number;
export declare class H1ResponseParser {
    /** Whether the connection may carry another request after this response. */
    keepAlive: boolean;
    /** Seconds from the server's `Keep-Alive: timeout=N`, or -1 when it gave none (`timeout=0` means: do not reuse). */
    keepAliveTimeoutS: number;
    private readonly sink;
    private state;
    private head;
    private remaining;
    private line;
    private noBody;
    /**
     * The last final head, kept to be recognised: a connection's replies usually repeat their head
     * byte for byte (the same server, the same headers; the Date changes once a second), and such a
     * head is reported again without being parsed again.
     */
    private lastHead;
    constructor(sink: H1ResponseSink);
    /** Expects the response to a new request; `noBody` for HEAD requests. */
    reset(noBody?: boolean): void;
    get done(): boolean;
    /** Whether the response so far may be cut cleanly here (a body that runs until the connection ends). */
    get endsAtClose(): boolean;
    /**
     * Feeds received bytes. Returns how many were consumed: fewer than `data.length` only once the
     * response is done (the rest belongs to no request). Throws H1ParseError on malformed input.
     */
    execute(data: Buffer): number;
    /** The connection ended: completes a body that runs until close, else reports the cut. */
    close(): void;
    private finish;
    private readHead;
    /** The head's meaning, or null for a 1xx informational head (the real one follows). */
    private parseHead;
    /** Reports a final head and sets up the framing of the body after it. */
    private apply;
    /** Reads up to the end of a line (LF) into `this.line`; returns the offset after it, or -1 if incomplete. */
    private readLine;
    private takeLine;
    private readChunkSize;
    private readChunkDataEnd;
    private readTrailers;
}
