import type { CookieJar } from './cookie-jar.ts';
import { HttpExchange } from './http-exchange.ts';
import { TransportError } from './errors.ts';
import { statusFailure } from './intermediary.ts';
import { isRequest, isResponse, noteStray, parseMessages, serializeMessage, snippet, strayNote } from './json-rpc.ts';
import { displayUrl, type McpTarget } from './target.ts';
import { OperationTrace } from './trace.ts';
import type { ServerMessageSink, Transport } from './transport.ts';
import type { HttpPurpose, JsonRpcMessage, JsonRpcNotification, JsonRpcRequest, JsonRpcResponse } from './types.ts';

/** "event: message\ndata: " and the blank line that ends an event. */
const SSE_EVENT_OVERHEAD = 23;

interface Pending {
  resolve(response: JsonRpcResponse): void;
  reject(err: TransportError): void;
  trace: OperationTrace;
  timer: NodeJS.Timeout;
  method: string;
}

/**
 * The legacy HTTP+SSE transport (protocol 2024-11-05): a GET stream whose first `endpoint` event
 * names where to POST; POSTs are answered 202 and responses arrive on the stream, matched by id.
 * A call's latency runs from its POST to the matching event, not to the 202.
 */
export class LegacySseTransport implements Transport {
  readonly kind = 'sse' as const;
  private readonly target: McpTarget;
  private readonly sink: ServerMessageSink;
  private stream: HttpExchange | null = null;
  private endpoint: URL | null = null;
  /** The last ids of responses on the stream that matched no request. */
  private readonly strays: unknown[] = [];
  /** The server ended the stream: the session is gone, which the next request reports as such. */
  private lost = false;
  /** When the stream opened (its endpoint event), and when and at what age it last broke (0: no break pending a reconnect). */
  private openedAt = 0;
  private brokeAt = 0;
  private brokenLifetimeMs = 0;
  private readonly pending = new Map<JsonRpcRequest['id'], Pending>();
  /** Fails the `open()` in progress, if one is. */
  private opening: ((err: Error) => void) | null = null;

  /** The session's cookies: a balancer's stickiness cookie from the stream's reply must take the POSTs to the same instance. */
  private readonly cookies: CookieJar | undefined;

  constructor(target: McpTarget, sink: ServerMessageSink, cookies?: CookieJar) {
    this.cookies = cookies;
    this.target = target;
    this.sink = sink;
  }

  get connected(): boolean {
    return this.endpoint !== null;
  }

  /**
   * Opens the stream and waits for the `endpoint` event, for at most the request timeout: a
   * server that sends headers and then nothing must not hold the session (or the run) open.
   * `abort()` fails it at once.
   */
  open(trace: OperationTrace): Promise<void> {
    const url = this.target.url;
    const where = this.target.displayUrl;
    return new Promise<void>((resolve, reject) => {
      let opened = false;
      const started = performance.now();
      const exchange = new HttpExchange(this.target.pool(url.origin), url.origin, {
        method: 'GET',
        path: url.pathname + url.search,
        headers: withCookie([...this.target.baseHeaders, 'accept', 'text/event-stream'], this.cookies),
        purpose: trace.purpose === 'call' ? 'session' : trace.purpose,
        // Until the endpoint event (cleared there): the stream itself then lives as long as the session.
        timeoutMs: this.target.timeoutMs,
        awaiting: 'headers arrived, but no endpoint event',
        maxBytes: this.target.maxResponseBytes,
        instance: this.target.instance,
        cookies: this.cookies,
        onEvent: (event) => {
          if (!opened) {
            if (event.event !== 'endpoint') return;
            let endpoint: URL;
            try {
              endpoint = new URL(event.data.trim(), url);
            } catch {
              fail(new TransportError('bad_response', `GET ${where}: endpoint event "${snippet(event.data)}" is not a URL`));
              return;
            }
            if (endpoint.origin !== url.origin) {
              // The SDK refuses too: the session's requests, and their headers (Authorization), would go elsewhere.
              fail(
                new TransportError(
                  'bad_response',
                  `GET ${where}: the endpoint event names another origin (${snippet(endpoint.origin)}) than the target's (${url.origin}); ` +
                    'mcp-load sends nothing there. Point the target at the server that serves both the stream and its messages.',
                ),
              );
              return;
            }
            this.endpoint = endpoint;
            opened = true;
            this.openedAt = performance.now();
            if (this.brokeAt > 0) {
              trace.streamBreak = { stream: 'legacy', lifetimeMs: this.brokenLifetimeMs, reconnectMs: this.openedAt - this.brokeAt };
              this.brokeAt = 0;
            }
            this.opening = null;
            exchange.clearDeadline();
            // The stream is a session-long request: its time is the time to the endpoint event.
            exchange.record.durationMs = performance.now() - started;
            resolve();
            return;
          }
          if (event.event !== undefined && event.event !== 'message') return;
          if (!event.data) return;
          try {
            for (const m of parseMessages(event.data, `SSE stream ${where}`)) this.route(m, event.data.length + SSE_EVENT_OVERHEAD);
          } catch {
            /* a malformed message is dropped; the request it answers will time out */
          }
        },
      });
      const fail = (err: Error): void => {
        if (!opened) {
          opened = true;
          this.opening = null;
          exchange.abort(err instanceof TransportError ? err : new TransportError('closed', 'SSE stream abandoned'));
          reject(err);
        }
      };
      this.opening = fail;
      trace.http.push(exchange.record);
      this.stream = exchange;
      exchange.reply.then(
        (reply) => {
          const ended = new TransportError('stream_ended', `SSE stream ${where} ended`);
          if (!opened) {
            if (reply.status < 200 || reply.status >= 300) {
              const detail = reply.body ? `: ${snippet(reply.body)}` : '';
              fail(statusFailure(`GET ${where}: HTTP ${reply.status}${detail}`, reply));
            } else if (!reply.isEventStream) {
              fail(
                new TransportError('bad_response', `GET ${where}: expected text/event-stream, got "${reply.contentType || 'no content type'}"`, reply.status),
              );
            } else {
              fail(new TransportError('stream_ended', `GET ${where}: stream ended before the endpoint event`));
            }
          }
          this.streamGone(exchange, ended);
        },
        (err: Error) => {
          fail(err);
          this.streamGone(exchange, err instanceof TransportError ? err : new TransportError('closed', `SSE stream ${where} failed`));
        },
      );
    });
  }

  /** Resolves when both the POST has been accepted and its response has arrived on the stream. */
  request(message: JsonRpcRequest, trace: OperationTrace): Promise<JsonRpcResponse> {
    if (!this.endpoint) {
      return Promise.reject(
        this.lost
          ? new TransportError('stream_ended', `SSE stream ${this.target.displayUrl} ended; the session is gone`)
          : new TransportError('closed', 'SSE session is not open'),
      );
    }
    const answered = new Promise<JsonRpcResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(message.id);
        const reason = `no response to request ${message.id} on the SSE stream after ${this.target.timeoutMs} ms`;
        if (message.method !== 'initialize') this.cancel(message.id, reason);
        reject(new TransportError('timeout', `${reason}${strayNote(this.strays)}`));
      }, this.target.timeoutMs);
      this.pending.set(message.id, { resolve, reject, trace, timer, method: message.method });
    });
    const posted = this.post(message, trace).catch((err: TransportError) => {
      this.settle(message.id, err);
    });
    return Promise.all([answered, posted]).then(([response]) => response);
  }

  async notify(message: JsonRpcNotification, trace: OperationTrace): Promise<void> {
    await this.post(message, trace);
  }

  async respond(message: JsonRpcResponse, trace: OperationTrace): Promise<void> {
    await this.post(message, trace, 'server-request');
  }

  async close(): Promise<void> {
    this.reset();
  }

  /**
   * Cuts everything now: an `open()` in progress fails, pending requests end, and the stream is
   * closed (a request cut mid-flight may still be answered on it). The session goes with the
   * stream, so a later request re-initializes.
   */
  abort(): void {
    const aborted = new TransportError('closed', 'session aborted');
    for (const [id, pending] of this.pending) if (pending.method !== 'initialize') this.cancel(id, 'interrupted');
    this.opening?.(aborted);
    const stream = this.stream;
    const wasOpen = this.endpoint !== null;
    this.stream = null;
    this.endpoint = null;
    if (wasOpen) this.lost = true;
    stream?.abort(aborted);
    this.rejectAll(aborted);
  }

  reset(): void {
    this.opening?.(new TransportError('closed', 'SSE session closed'));
    const stream = this.stream;
    this.stream = null;
    this.endpoint = null;
    this.lost = false;
    stream?.abort(new TransportError('closed', 'SSE session closed'));
    this.rejectAll(new TransportError('closed', 'SSE session closed'));
  }

  /** `notifications/cancelled` for a request given up on (timed out, interrupted), best effort; never for initialize. */
  private cancel(id: JsonRpcRequest['id'], reason: string): void {
    const cancelled: JsonRpcNotification = { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: id, reason } };
    this.post(cancelled, new OperationTrace()).catch(() => undefined);
  }

  isSessionLost(err: unknown): boolean {
    return err instanceof TransportError && ((err.reason === 'http_status' && (err.status === 404 || err.status === 400)) || err.reason === 'stream_ended');
  }

  private async post(message: JsonRpcMessage, trace: OperationTrace, purpose: HttpPurpose = trace.purpose): Promise<void> {
    const endpoint = this.endpoint;
    if (!endpoint) throw new TransportError('closed', 'SSE session is not open');
    // The jar is the target origin's: an endpoint elsewhere gets none of its cookies, and sets none in it.
    const cookies = endpoint.origin === this.target.url.origin ? this.cookies : undefined;
    const exchange = new HttpExchange(this.target.pool(endpoint.origin), endpoint.origin, {
      method: 'POST',
      path: endpoint.pathname + endpoint.search,
      headers: withCookie([...this.target.baseHeaders, 'content-type', 'application/json'], cookies),
      body: serializeMessage(message),
      purpose,
      timeoutMs: this.target.timeoutMs,
      maxBytes: this.target.maxResponseBytes,
      instance: this.target.instance,
      cookies,
    });
    trace.http.push(exchange.record);
    const reply = await exchange.reply;
    if (reply.status < 200 || reply.status >= 300) {
      const detail = reply.body ? `: ${snippet(reply.body)}` : '';
      throw statusFailure(`POST ${displayUrl(endpoint)}: HTTP ${reply.status}${detail}`, reply);
    }
  }

  private route(m: JsonRpcMessage, bytes: number): void {
    if (isResponse(m)) {
      const waiting = m.id === null ? undefined : this.pending.get(m.id);
      if (waiting) {
        waiting.trace.respondedAt = performance.now();
        waiting.trace.streamBytesReceived += bytes;
        this.settle(m.id!, m);
      } else {
        // A response no request waits for: most likely the server's wrong id, named when one times out.
        if (this.strays.length >= MAX_STRAYS_KEPT) this.strays.shift();
        noteStray(m, this.strays);
      }
      return;
    }
    const trace = this.traceFor(m);
    if (isRequest(m)) this.sink.onServerRequest(m, trace);
    else this.sink.onNotification(m, trace);
  }

  /** Progress notifications name their request by progress token, which we set to the request id. */
  private traceFor(m: JsonRpcMessage): OperationTrace | null {
    const token = (m as JsonRpcNotification).params?.progressToken;
    if (token !== undefined) return this.pending.get(token as JsonRpcRequest['id'])?.trace ?? null;
    return this.pending.size === 1 ? this.pending.values().next().value!.trace : null;
  }

  private settle(id: JsonRpcRequest['id'], outcome: JsonRpcResponse | TransportError): void {
    const waiting = this.pending.get(id);
    if (!waiting) return;
    this.pending.delete(id);
    clearTimeout(waiting.timer);
    if (outcome instanceof TransportError) waiting.reject(outcome);
    else waiting.resolve(outcome);
  }

  private streamGone(exchange: HttpExchange, err: TransportError): void {
    if (this.stream !== exchange) return;
    // An open session's stream ended without us: a break, reported by the operation that reconnects.
    if (this.endpoint !== null) {
      this.brokeAt = performance.now();
      this.brokenLifetimeMs = this.brokeAt - this.openedAt;
    }
    this.stream = null;
    this.endpoint = null;
    this.lost = true;
    this.rejectAll(err);
  }

  private rejectAll(err: TransportError): void {
    for (const id of [...this.pending.keys()]) this.settle(id, err);
  }
}

const MAX_STRAYS_KEPT = 3;

function withCookie(headers: string[], jar: CookieJar | undefined): string[] {
  const cookie = jar?.header();
  if (cookie !== undefined) headers.push('cookie', cookie);
  return headers;
}
