import type { HttpPurpose, HttpRecord, SessionLoss } from './types.ts';

/** What one MCP operation has cost so far; the transports add to it as they work. */
import type { StreamBreak } from './types.ts';

export class OperationTrace {
  method = '';
  readonly http: HttpRecord[] = [];
  purpose: HttpPurpose = 'call';
  progressNotifications = 0;
  /** Every notification the server sent while the operation ran, progress included. */
  notifications = 0;
  serverRequests = 0;
  streamResumptions = 0;
  resumed = false;
  reissued = 0;
  /** The session was found lost and a new one was started (at most once per operation). */
  reinitAttempted = false;
  /** ... and the new session's handshake succeeded. */
  reinitialized = false;
  /** Bytes of this operation's messages that arrived on a shared stream (legacy SSE) rather than its own requests. */
  streamBytesReceived = 0;
  /** 2026-07-28: the Mcp-Param-* headers of this tool call (flat [name, value…]). */
  paramHeaders: readonly string[] | undefined = undefined;
  /** The W3C traceparent this tool call carries (`_meta` and header), when tracing is on. */
  traceparent: string | undefined = undefined;
  /** Whether anything reads the operation's result: if not, a plain success is confirmed by a scan, not parsed (see response-scan.ts). */
  resultRead = true;
  /** The text of a response confirmed by that scan: the engine's tool-output sample parses the few it keeps. */
  replyText: string | undefined = undefined;
  /** performance.now() when the operation's last response arrived: its SSE event, or its JSON reply's last byte. */
  respondedAt = 0;
  /** performance.now() at the operation's start, when its first request begins at once (a direct call): one clock reading for both. */
  startedAt = 0;
  /** The session was found lost during this operation (see OperationResult.lost). */
  lost: SessionLoss[] | undefined = undefined;
  /** The session's SSE stream (legacy, or the Streamable HTTP GET stream) had broken and a new one opened: how long the old one lived, how long until the new one. */
  streamBreak: StreamBreak | undefined = undefined;
}
