import type { EventSourceMessage } from 'eventsource-parser';
import { HttpExchange, isJson, type ExchangeReply } from './http-exchange.ts';
import { StreamBrokenError, TransportError } from './errors.ts';
import { statusFailure } from './intermediary.ts';
import type { SessionConnection } from './h1-connection.ts';
import { isRequest, isResponse, noteStray, parseMessages, serializeMessage, snippet, strayNote } from './json-rpc.ts';
import { encodeHeaderValue } from './param-headers.ts';
import { isPlainSuccess } from './response-scan.ts';
import { SlotSet } from './slot-set.ts';
import type { Authorization } from './auth/index.ts';
import type { CookieJar } from './cookie-jar.ts';
import type { McpTarget } from './target.ts';
import type { OperationTrace } from './trace.ts';
import type { ServerMessageSink, Transport } from './transport.ts';
import type { HttpPurpose, JsonRpcMessage, JsonRpcNotification, JsonRpcRequest, JsonRpcResponse, StreamBreak } from './types.ts';

const ACCEPT_BOTH = 'application/json, text/event-stream';
const NO_STRAYS: readonly unknown[] = Object.freeze([]);
/** Before resuming a broken stream when the server sent no `retry:` (the SDK client's default). */
const DEFAULT_RETRY_MS = 1000;
/** Resumptions in a row that bring no new event before the call is given up... */
const MAX_RESUMPTIONS = 3;
/** ... and in all, however many new events a stream that never answers keeps sending. */
const MAX_RESUMPTIONS_PER_CALL = 20;

export interface StreamableHttpOptions {
  /** Statuses that mean "this session is gone" (404 always per spec; 400 is what SDK servers send). */
  sessionLostStatuses: readonly number[];
  /** This session's own headers (name, value, …), after the target's. */
  headers?: readonly string[];
  /** Consulted for the `Authorization` header of every request. */
  authorization?: Authorization;
  /** The session's cookie jar (absent with `cookies: false`): stored from responses, sent on every request. */
  cookies?: CookieJar;
}

/**
 * The Streamable HTTP transport: one POST per message, answered with JSON or an SSE stream;
 * `Mcp-Session-Id` and `MCP-Protocol-Version` carried once negotiated; DELETE at the end.
 * With protocol 2026-07-28 and later there is no session, and every request names its method.
 */
export class StreamableHttpTransport implements Transport {
  readonly kind = 'streamable-http' as const;
  sessionId: string | undefined;
  /** Negotiated version; sent on every request after initialize. */
  protocolVersion: string | undefined;
  /** 2026-07-28 and later: `Mcp-Method`/`Mcp-Name` headers, no session. */
  stateless = false;
  private readonly target: McpTarget;
  private readonly origin: string;
  private readonly path: string;
  private readonly sink: ServerMessageSink;
  private readonly options: StreamableHttpOptions;
  /** Error contexts of the hot path, built once rather than per reply. */
  private readonly sseEventWhere: string;
  private readonly postReplyWhere: string;
  private stream: HttpExchange | null = null;
  /** The GET stream's reopening after the server ended it. */
  private reopenTimer: NodeJS.Timeout | null = null;
  /** Requests awaiting their reply, cut by abort() whatever connection they are on. */
  private readonly inflight = new SlotSet<HttpExchange>();
  /** Waits before stream resumptions, cut by abort(). */
  private readonly pauses = new Set<() => void>();
  /** This session's own connection for its calls (see McpTarget.sessionDispatcher). */
  private dispatcher: SessionConnection | null = null;
  /** When the GET stream last ended under us (0: none pending), how long it had lived, and the break to report with the next operation once it reopened. */
  private streamBrokeAt = 0;
  private streamLifetimeMs = 0;
  private pendingBreak: StreamBreak | undefined = undefined;
  /** Request headers for the current session state, rebuilt only when that state changes. */
  private headerCache: {
    sessionId: string | undefined;
    protocolVersion: string | undefined;
    authorization: string | undefined;
    cookies: number;
    headers: string[];
  } | null = null;

  constructor(target: McpTarget, sink: ServerMessageSink, options: StreamableHttpOptions) {
    this.target = target;
    this.origin = target.url.origin;
    this.path = target.url.pathname + target.url.search;
    this.sink = sink;
    this.options = options;
    this.sseEventWhere = this.describe('SSE event');
    this.postReplyWhere = this.describe('POST reply');
  }

  /**
   * Resolves once the reply is complete. With an SSE reply, the latency stops at the matching event
   * (`trace.respondedAt`) while the stream is still drained, so bytes and statuses are whole; a
   * stream cut after the answer still counts as answered, and one the server keeps open is closed
   * after the target's reply grace (`heldOpen` on its record).
   */
  async request(message: JsonRpcRequest, trace: OperationTrace, paramHeaders?: readonly string[]): Promise<JsonRpcResponse> {
    let answer: JsonRpcResponse | undefined;
    let broken: TransportError | undefined;
    /** Responses to other ids, made only when one comes (it names them in the error). */
    let strays: unknown[] | undefined;
    const id = message.id;
    // Only the call itself may skip the parse: a handshake re-sent within its operation is always read.
    const scan = !trace.resultRead && message.method === 'tools/call';
    if (this.pendingBreak !== undefined) {
      trace.streamBreak = this.pendingBreak;
      this.pendingBreak = undefined;
    }
    const answered = (response: JsonRpcResponse): void => {
      answer = response;
      trace.respondedAt = performance.now();
      if (this.sessionId === undefined && !this.stateless) this.sessionId = exchange.responseSessionId;
      exchange.endAfter(this.target.replyGraceMs);
    };
    const exchange = this.post(
      message,
      trace,
      (event) => {
        if (answer || broken || !event.data) return; // empty-data priming events carry nothing
        if (scan && this.unparsedSuccess(event.data, id, trace)) return answered({ jsonrpc: '2.0', id });
        let messages: JsonRpcMessage[];
        try {
          messages = parseMessages(event.data, this.sseEventWhere);
        } catch (err) {
          broken = err as TransportError;
          exchange.abort(broken);
          return;
        }
        for (const m of messages) {
          if (isResponse(m) && m.id === id) answered(m);
          else {
            noteStray(m, (strays ??= []));
            this.route(m, trace);
          }
        }
      },
      undefined,
      paramHeaders,
    );
    this.inflight.add(exchange);
    let reply: ExchangeReply;
    try {
      reply = await exchange.reply;
    } catch (failure) {
      const err = failure as TransportError;
      this.inflight.delete(exchange);
      if (answer) return answer;
      if (broken) throw broken;
      if (!givenUp(err) && this.resumable(exchange)) return this.resume(message, exchange, trace);
      if (givenUp(err) && message.method !== 'initialize') this.cancel(id, err.message);
      if (err.reason === 'reset' && exchange.streaming) throw this.replyBroke('stream_broken', exchange, this.brokeMessage(exchange, id, err.message));
      throw err;
    }
    this.inflight.delete(exchange);
    if (answer) return answer;
    if (reply.isEventStream && this.resumable(exchange)) return this.resume(message, exchange, trace);
    if (reply.isEventStream)
      throw this.replyBroke(
        'stream_ended',
        exchange,
        `${this.describe('SSE reply')} ended before the response to request ${id}${strayNote(strays ?? NO_STRAYS)}`,
      );
    const response = this.responseFromReply(reply, id, trace, strays, scan);
    trace.respondedAt = exchange.endedAt;
    return response;
  }

  /** The SSE reply stopped before its response (a balancer's idle timeout, a restart): the stream's figures ride on the error. */
  private replyBroke(reason: 'stream_broken' | 'stream_ended', exchange: HttpExchange, message: string): StreamBrokenError {
    return new StreamBrokenError(
      reason,
      message,
      exchange.record.status,
      exchange.sseEvents,
      exchange.ageMs - exchange.headersAfterMs,
      performance.now() - exchange.lastDataAt,
    );
  }

  private brokeMessage(exchange: HttpExchange, id: JsonRpcRequest['id'], cause: string): string {
    const events = exchange.sseEvents;
    const age = (exchange.ageMs - exchange.headersAfterMs) / 1000;
    const idle = (performance.now() - exchange.lastDataAt) / 1000;
    return `${this.describe('SSE reply')} (HTTP ${exchange.record.status}) broke after ${events} event${events === 1 ? '' : 's'}, ${age.toFixed(1)} s after its headers and ${idle.toFixed(1)} s after its last data, before the response to request ${id}: ${cause}`;
  }

  /** A reply stream that carried event ids can be resumed (2025-11-25; 2026-07-28 has no resumability). */
  private resumable(exchange: HttpExchange): boolean {
    return exchange.lastEventId !== undefined && !this.stateless && this.sessionId !== undefined;
  }

  /**
   * The reply stream broke before the response (the server may close it on purpose, SEP-1699):
   * GET with `Last-Event-ID` after the server's `retry` delay, for the rest of the stream, at most
   * MAX_RESUMPTIONS times in a row without a new event and MAX_RESUMPTIONS_PER_CALL in all. Each
   * GET counts in the call's cost.
   */
  private async resume(message: JsonRpcRequest, broke: HttpExchange, trace: OperationTrace): Promise<JsonRpcResponse> {
    const id = message.id;
    let lastEventId = broke.lastEventId!;
    let retryMs = broke.retryMs ?? DEFAULT_RETRY_MS;
    for (let attempt = 1; attempt <= MAX_RESUMPTIONS && trace.streamResumptions < MAX_RESUMPTIONS_PER_CALL; attempt++) {
      // A hostile retry: must not outlast the call's own deadline.
      await this.pause(Math.min(retryMs, this.target.timeoutMs));
      trace.streamResumptions++;
      let answer: JsonRpcResponse | undefined;
      const exchange = new HttpExchange(this.target.pool(this.origin), this.origin, {
        method: 'GET',
        path: this.path,
        headers: [...this.headers(undefined, 'text/event-stream'), 'last-event-id', lastEventId],
        purpose: 'resume',
        timeoutMs: this.target.timeoutMs,
        maxBytes: this.target.maxResponseBytes,
        instance: this.target.instance,
        cookies: this.options.cookies,
        onEvent: (event) => {
          if (answer || !event.data) return;
          let messages: JsonRpcMessage[];
          try {
            messages = parseMessages(event.data, this.sseEventWhere);
          } catch {
            return; // a malformed event is skipped; the response may still follow
          }
          for (const m of messages) {
            if (isResponse(m) && m.id === id) {
              answer = m;
              trace.respondedAt = performance.now();
              exchange.endAfter(this.target.replyGraceMs);
            } else {
              this.route(m, trace);
            }
          }
        },
      });
      trace.http.push(exchange.record);
      this.inflight.add(exchange);
      let reply: ExchangeReply | undefined;
      try {
        reply = await exchange.reply;
      } catch (err) {
        if (!answer && givenUp(err as TransportError)) throw err;
      } finally {
        this.inflight.delete(exchange);
      }
      if (answer) {
        trace.resumed = true;
        return answer;
      }
      if (reply && (reply.status < 200 || reply.status >= 300)) throw this.statusError(reply);
      if (exchange.lastEventId !== undefined && exchange.lastEventId !== lastEventId) {
        lastEventId = exchange.lastEventId;
        attempt = 0; // progress: the stream moved on, so the bound restarts
      }
      retryMs = exchange.retryMs ?? retryMs;
    }
    throw new TransportError(
      'stream_ended',
      `${this.describe('SSE reply')} ended before the response to request ${id}, and ${trace.streamResumptions} resumptions with Last-Event-ID did not bring it`,
    );
  }

  /** Waits before a resumption; abort() cuts the wait. */
  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const cut = (): void => {
        clearTimeout(timer);
        reject(new TransportError('closed', 'session aborted'));
      };
      const timer = setTimeout(() => {
        this.pauses.delete(cut);
        resolve();
      }, ms);
      this.pauses.add(cut);
    });
  }

  /**
   * Tells the server a request it may still be working on was given up (timed out or interrupted),
   * so it can stop: `notifications/cancelled`, best effort, over the shared pool (the session's
   * own connection may be gone). Never for initialize, which the spec forbids cancelling.
   */
  private cancel(id: JsonRpcRequest['id'], reason: string): void {
    if (this.stateless) return; // no session to name the request in
    const cancelled: JsonRpcNotification = { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: id, reason } };
    const exchange = new HttpExchange(this.target.pool(this.origin), this.origin, {
      method: 'POST',
      path: this.path,
      headers: this.headers(cancelled, ACCEPT_BOTH),
      body: serializeMessage(cancelled),
      purpose: 'call',
      timeoutMs: this.target.timeoutMs,
      maxBytes: this.target.maxResponseBytes,
      instance: this.target.instance,
      cookies: this.options.cookies,
    });
    exchange.reply.catch(() => undefined);
  }

  async notify(message: JsonRpcNotification, trace: OperationTrace): Promise<void> {
    const reply = await this.post(message, trace).reply;
    this.expectAccepted(reply, message.method);
  }

  /** Sends our answer to a server request; answered 202. */
  async respond(message: JsonRpcResponse, trace: OperationTrace): Promise<void> {
    const reply = await this.post(message, trace, undefined, 'server-request').reply;
    this.expectAccepted(reply, 'response to a server request');
  }

  /**
   * Opens the optional GET stream for server-initiated messages; a 405 or failure is not fatal.
   * When the server ends a stream that carried an event id or `retry:` (it expects the client to
   * come back, 2025-11-25), it is reopened with `Last-Event-ID` after the retry delay, at most
   * MAX_RESUMPTIONS times in a row without a new event.
   */
  async openStream(trace: OperationTrace, lastEventId?: string, quietReconnects = 0): Promise<boolean> {
    let headersArrived!: () => void;
    const arrived = new Promise<void>((resolve) => (headersArrived = resolve));
    const headers = this.headers(undefined, 'text/event-stream');
    const exchange = new HttpExchange(this.target.pool(this.origin), this.origin, {
      method: 'GET',
      path: this.path,
      headers: lastEventId === undefined ? headers : [...headers, 'last-event-id', lastEventId],
      purpose: lastEventId === undefined ? 'stream' : 'resume',
      timeoutMs: this.target.timeoutMs,
      deadlineOnHeadersOnly: true,
      maxBytes: this.target.maxResponseBytes,
      instance: this.target.instance,
      cookies: this.options.cookies,
      onStatus: () => headersArrived(),
      onEvent: (event) => {
        if (!event.data) return;
        try {
          for (const m of parseMessages(event.data, this.describe('GET stream event'))) this.route(m, null);
        } catch {
          /* a malformed server-initiated message is dropped; the call it concerns will time out */
        }
      },
    });
    trace.http.push(exchange.record);
    this.stream = exchange;
    const ended = (): void => {
      headersArrived();
      if (this.stream !== exchange) return; // closed by us (close, reset, abort)
      this.stream = null;
      const ok = exchange.record.status >= 200 && exchange.record.status < 300;
      if (ok) {
        this.streamBrokeAt = performance.now();
        this.streamLifetimeMs = exchange.ageMs - exchange.headersAfterMs;
      }
      const expectsReturn = exchange.lastEventId !== undefined || exchange.retryMs !== undefined;
      const progressed = exchange.lastEventId !== undefined && exchange.lastEventId !== lastEventId;
      const quiet = progressed ? 0 : quietReconnects + 1;
      if (!ok || !expectsReturn || this.sessionId === undefined || quiet > MAX_RESUMPTIONS) return;
      const delay = Math.min(exchange.retryMs ?? DEFAULT_RETRY_MS, this.target.timeoutMs);
      this.reopenTimer = setTimeout(() => {
        this.reopenTimer = null;
        const into = this.sink.backgroundTrace();
        into.streamResumptions++;
        this.openStream(into, exchange.lastEventId ?? lastEventId, quiet).catch(() => undefined);
      }, delay);
      this.reopenTimer.unref(); // a forgotten session must not keep the process alive
    };
    exchange.reply.then(ended, ended);
    // The headers tell whether the server offers a stream; its end is not awaited.
    await arrived;
    const ok = exchange.record.status >= 200 && exchange.record.status < 300 && !exchange.record.failed;
    if (!ok && this.stream === exchange) this.stream = null;
    if (ok && this.streamBrokeAt > 0) {
      this.pendingBreak = { stream: 'get', lifetimeMs: this.streamLifetimeMs, reconnectMs: performance.now() - this.streamBrokeAt };
      this.streamBrokeAt = 0;
    }
    return ok;
  }

  private stopStream(reason: string): void {
    if (this.reopenTimer !== null) {
      clearTimeout(this.reopenTimer);
      this.reopenTimer = null;
    }
    const stream = this.stream;
    this.stream = null;
    stream?.abort(new TransportError('closed', reason));
  }

  async close(trace: OperationTrace): Promise<void> {
    this.stopStream('session closed');
    const sessionId = this.sessionId;
    this.sessionId = undefined;
    if (this.stateless || sessionId === undefined) return;
    trace.purpose = 'teardown';
    const exchange = new HttpExchange(this.connection(), this.origin, {
      method: 'DELETE',
      path: this.path,
      headers: this.headers(undefined, undefined, sessionId),
      purpose: 'teardown',
      timeoutMs: this.target.timeoutMs,
      maxBytes: this.target.maxResponseBytes,
      instance: this.target.instance,
      cookies: this.options.cookies,
    });
    trace.http.push(exchange.record);
    const reply = await exchange.reply.finally(() => this.releaseConnection());
    // 405: the server does not let clients end sessions, which the spec allows.
    if (reply.status >= 300 && reply.status !== 405 && reply.status !== 404) {
      throw new TransportError('http_status', `DELETE ${this.target.displayUrl}: HTTP ${reply.status}`, reply.status);
    }
  }

  reset(): void {
    this.stopStream('session reset');
    this.sessionId = undefined;
    this.protocolVersion = undefined;
  }

  /** Cuts whatever is in flight (an interrupted VU); the session can go on over a new connection. */
  abort(): void {
    const aborted = new TransportError('closed', 'session aborted');
    this.stopStream('session aborted');
    for (const exchange of this.inflight.members()) exchange.abort(aborted);
    this.inflight.clear();
    for (const cut of this.pauses) cut();
    this.pauses.clear();
    const dispatcher = this.dispatcher;
    this.dispatcher = null;
    if (dispatcher) {
      this.target.releaseSessionDispatcher(dispatcher);
      dispatcher.destroy(new TransportError('closed', 'session aborted')).catch(() => undefined);
    }
  }

  private connection(): SessionConnection {
    return (this.dispatcher ??= this.target.sessionDispatcher(this.origin));
  }

  private releaseConnection(): void {
    if (this.dispatcher) this.target.releaseSessionDispatcher(this.dispatcher);
    this.dispatcher = null;
  }

  /** 404 is the spec's word for a lost session; a 400 counts only when it says so (SDK servers do). */
  isSessionLost(err: unknown): boolean {
    if (!(err instanceof TransportError) || err.reason !== 'http_status' || err.status === undefined) return false;
    return this.isLostSessionStatus(err.status, err.message);
  }

  private sessionLostReply(reply: ExchangeReply): boolean {
    return this.isLostSessionStatus(reply.status, reply.body);
  }

  /** Only a request that named a session can find it lost; 2026-07-28 has none (its 404s are unknown methods). */
  private isLostSessionStatus(status: number, text: string): boolean {
    if (this.stateless || this.sessionId === undefined || !this.options.sessionLostStatuses.includes(status)) return false;
    return status !== 400 || /session/i.test(text);
  }

  private post(
    message: JsonRpcMessage,
    trace: OperationTrace,
    onEvent?: (e: EventSourceMessage) => void,
    purpose: HttpPurpose = trace.purpose,
    paramHeaders?: readonly string[],
  ): HttpExchange {
    // Answers to server requests go over the shared pool: the session's own connection may be
    // busy with the very reply stream that is waiting for this answer.
    const dispatcher = purpose === 'server-request' ? this.target.pool(this.origin) : this.connection();
    const exchange = new HttpExchange(dispatcher, this.origin, {
      method: 'POST',
      path: this.path,
      headers: withTraceparent(this.headers(message, ACCEPT_BOTH, this.sessionId, paramHeaders), trace.traceparent),
      body: serializeMessage(message),
      purpose,
      timeoutMs: this.target.timeoutMs,
      maxBytes: this.target.maxResponseBytes,
      instance: this.target.instance,
      cookies: this.options.cookies,
      onEvent,
      startedAt: trace.http.length === 0 ? trace.startedAt : 0,
    });
    trace.http.push(exchange.record);
    return exchange;
  }

  private headers(message: JsonRpcMessage | undefined, accept: string | undefined, sessionId = this.sessionId, paramHeaders?: readonly string[]): string[] {
    if (this.stateless && message && 'method' in message && 'id' in message) return this.statelessHeaders(message as JsonRpcRequest, paramHeaders);
    if (message === undefined || accept !== ACCEPT_BOTH) return this.buildHeaders(message !== undefined, accept, sessionId);
    // The hot path: a POST in a session. Its headers change only with the session's state.
    const protocolVersion = this.protocolVersion;
    const authorization = this.options.authorization?.header();
    const cookies = this.options.cookies?.version ?? 0;
    const cache = this.headerCache;
    if (
      cache !== null &&
      cache.sessionId === sessionId &&
      cache.protocolVersion === protocolVersion &&
      cache.authorization === authorization &&
      cache.cookies === cookies
    ) {
      return cache.headers;
    }
    const headers = this.buildHeaders(true, accept, sessionId);
    this.headerCache = { sessionId, protocolVersion, authorization, cookies, headers };
    return headers;
  }

  private buildHeaders(hasBody: boolean, accept: string | undefined, sessionId: string | undefined): string[] {
    const h = this.target.baseHeaders.slice();
    if (this.options.headers) h.push(...this.options.headers);
    const authorization = this.options.authorization?.header();
    if (authorization !== undefined) h.push('authorization', authorization);
    const cookie = this.options.cookies?.header();
    if (cookie !== undefined) h.push('cookie', cookie);
    if (hasBody) h.push('content-type', 'application/json');
    if (accept) h.push('accept', accept);
    if (sessionId !== undefined) h.push('mcp-session-id', sessionId);
    if (this.protocolVersion !== undefined) h.push('mcp-protocol-version', this.protocolVersion);
    return h;
  }

  /** 2026-07-28: every request names its method (and tool, prompt or resource) in headers. */
  private statelessHeaders(message: JsonRpcRequest, paramHeaders: readonly string[] | undefined): string[] {
    const h = this.buildHeaders(true, ACCEPT_BOTH, undefined);
    h.push('mcp-method', message.method);
    const name = nameOf(message);
    if (name !== undefined) h.push('mcp-name', encodeHeaderValue(name));
    if (paramHeaders !== undefined) for (let i = 0; i < paramHeaders.length; i++) h.push(paramHeaders[i]);
    return h;
  }

  private responseFromReply(reply: ExchangeReply, id: JsonRpcRequest['id'], trace: OperationTrace, strays: unknown[] = [], scan = false): JsonRpcResponse {
    if (reply.sessionId !== undefined && this.sessionId === undefined && !this.stateless) this.sessionId = reply.sessionId;
    if (reply.status < 200 || reply.status >= 300) {
      // A lost session is a lost session whatever the body says, even a JSON-RPC error echoing our id.
      if (this.sessionLostReply(reply)) throw this.statusError(reply);
      // Otherwise a JSON-RPC error answering this very request is the server speaking MCP (2026
      // servers send 404 for unknown methods); anything else is transport.
      const rpcError = jsonRpcErrorFor(reply, id);
      if (rpcError) return rpcError;
      throw this.statusError(reply);
    }
    if (reply.isEventStream) {
      throw new TransportError('stream_ended', `${this.describe('SSE reply')} ended before the response to request ${id}${strayNote(strays)}`);
    }
    if (reply.status === 202 || reply.body.length === 0) {
      throw new TransportError('bad_response', `${this.describe('POST')}: HTTP ${reply.status} with no body for request ${id}`);
    }
    if (!isJson(reply.contentType)) {
      throw new TransportError(
        'bad_response',
        `${this.describe('POST')}: expected application/json or text/event-stream, got "${reply.contentType || 'no content type'}": "${snippet(reply.body)}"`,
        reply.status,
      );
    }
    if (scan && this.unparsedSuccess(reply.body, id, trace)) return { jsonrpc: '2.0', id };
    let response: JsonRpcResponse | undefined;
    for (const m of parseMessages(reply.body, this.postReplyWhere)) {
      if (isResponse(m) && m.id === id) response = m;
      else {
        noteStray(m, strays);
        this.route(m, trace);
      }
    }
    if (!response) throw new TransportError('bad_response', `${this.describe('POST reply')} has no response for request ${id}${strayNote(strays)}`);
    return response;
  }

  /**
   * Nothing reads this call's result and `text` is the plain success answering it (a scan, no
   * parse): the response is its outcome, and the text is kept for the tool-output sample. 2026
   * results are always parsed, since an input-required result is a success only in shape.
   */
  private unparsedSuccess(text: string, id: JsonRpcRequest['id'], trace: OperationTrace): boolean {
    if (this.stateless || typeof id !== 'number' || !isPlainSuccess(text, id)) return false;
    trace.replyText = text;
    return true;
  }

  private statusError(reply: ExchangeReply): TransportError {
    const detail = reply.body ? `: ${snippet(reply.body)}` : '';
    const hint = reply.status === 404 && this.sessionId === undefined ? ' (is this an MCP endpoint?)' : '';
    return statusFailure(`${this.describe('POST')}: HTTP ${reply.status}${hint}${detail}`, reply);
  }

  private expectAccepted(reply: ExchangeReply, what: string): void {
    if (reply.status < 200 || reply.status >= 300) {
      throw statusFailure(`${this.describe('POST')} (${what}): HTTP ${reply.status}${reply.body ? `: ${snippet(reply.body)}` : ''}`, reply);
    }
  }

  private route(m: JsonRpcMessage, trace: OperationTrace | null): void {
    if (isRequest(m)) this.sink.onServerRequest(m, trace);
    else if (!isResponse(m)) this.sink.onNotification(m, trace);
  }

  private describe(what: string): string {
    return `${what} ${this.target.displayUrl}`;
  }
}

/** Failures that mean mcp-load stopped waiting, not that the request failed on the server. */
function givenUp(err: TransportError): boolean {
  return err instanceof TransportError && (err.reason === 'timeout' || err.reason === 'closed');
}

/** The name the 2026 `Mcp-Name` header mirrors, for the methods that have one. */
function nameOf(message: JsonRpcRequest): string | undefined {
  const params = message.params;
  if (!params) return undefined;
  switch (message.method) {
    case 'tools/call':
    case 'prompts/get':
      return typeof params.name === 'string' ? params.name : undefined;
    case 'resources/read':
      return typeof params.uri === 'string' ? params.uri : undefined;
    default:
      return undefined;
  }
}

function jsonRpcErrorFor(reply: ExchangeReply, id: JsonRpcRequest['id']): JsonRpcResponse | undefined {
  if (!isJson(reply.contentType) || reply.body.length === 0) return undefined;
  try {
    const value = JSON.parse(reply.body) as JsonRpcResponse;
    if (value && value.jsonrpc === '2.0' && value.id === id && value.error && typeof value.error.code === 'number') return value;
  } catch {
    /* not JSON after all: reported as an HTTP status error */
  }
  return undefined;
}

/** The call's W3C `traceparent` header, when tracing is on; the shared header array is never mutated. */
function withTraceparent(headers: string[], traceparent: string | undefined): string[] {
  return traceparent === undefined ? headers : [...headers, 'traceparent', traceparent];
}
