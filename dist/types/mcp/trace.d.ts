import type { HttpPurpose, HttpRecord, SessionLoss } from './types.ts';
/** What one MCP operation has cost so far; the transports add to it as they work. */
import type { StreamBreak } from './types.ts';
export declare class OperationTrace {
    method: string;
    readonly http: HttpRecord[];
    purpose: HttpPurpose;
    progressNotifications: number;
    /** Every notification the server sent while the operation ran, progress included. */
    notifications: number;
    serverRequests: number;
    streamResumptions: number;
    resumed: boolean;
    reissued: number;
    /** The session was found lost and a new one was started (at most once per operation). */
    reinitAttempted: boolean;
    /** ... and the new session's handshake succeeded. */
    reinitialized: boolean;
    /** Bytes of this operation's messages that arrived on a shared stream (legacy SSE) rather than its own requests. */
    streamBytesReceived: number;
    /** 2026-07-28: the Mcp-Param-* headers of this tool call (flat [name, value…]). */
    paramHeaders: readonly string[] | undefined;
    /** The W3C traceparent this tool call carries (`_meta` and header), when tracing is on. */
    traceparent: string | undefined;
    /** Whether anything reads the operation's result: if not, a plain success is confirmed by a scan, not parsed (see response-scan.ts). */
    resultRead: boolean;
    /** The text of a response confirmed by that scan: the engine's tool-output sample parses the few it keeps. */
    replyText: string | undefined;
    /** performance.now() when the operation's last response arrived: its SSE event, or its JSON reply's last byte. */
    respondedAt: number;
    /** performance.now() at the operation's start, when its first request begins at once (a direct call): one clock reading for both. */
    startedAt: number;
    /** The session was found lost during this operation (see OperationResult.lost). */
    lost: SessionLoss[] | undefined;
    /** The session's SSE stream (legacy, or the Streamable HTTP GET stream) had broken and a new one opened: how long the old one lived, how long until the new one. */
    streamBreak: StreamBreak | undefined;
}
