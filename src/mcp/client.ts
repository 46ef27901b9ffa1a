import type { Authorization } from './auth/index.ts';
import { AuthError } from './auth/index.ts';
import { DescriptorLimitError, GatewayError, StreamBrokenError, TransportError } from './errors.ts';
import { reportInternalError } from './internal-errors.ts';
import { LegacySseTransport } from './legacy-sse.ts';
import { classifyDiscovery, type DiscoveryVerdict } from './discovery.ts';
import {
  CLIENT_INFO,
  isStatelessVersion,
  LATEST_SESSION_PROTOCOL_VERSION,
  LEGACY_SSE_PROTOCOL_VERSION,
  MAX_INPUT_ROUNDS,
  META_CLIENT_CAPABILITIES,
  META_CLIENT_INFO,
  META_PROTOCOL_VERSION,
  META_SERVER_INFO,
  SESSION_PROTOCOL_VERSIONS,
  STATELESS_PROTOCOL_VERSIONS,
  UNSUPPORTED_PROTOCOL_VERSION,
} from './protocol.ts';
import { snippet } from './json-rpc.ts';
import { HEADER_MISMATCH, paramHeaderBindings, paramHeaders, type ParamHeaderBinding } from './param-headers.ts';
import { answerServerRequest, clientCapabilities, type ServerRequestReplies } from './server-requests.ts';
import { StreamableHttpTransport } from './streamable-http.ts';
import { CookieJar } from './cookie-jar.ts';
import { SessionInstances } from './instances.ts';
import type { McpTarget } from './target.ts';
import { newTraceparent } from './traceparent.ts';
import { OperationTrace } from './trace.ts';
import type { ServerMessageSink, Transport } from './transport.ts';
import type { JsonRpcNotification, JsonRpcRequest, JsonRpcResponse, OperationResult, SessionLoss, TransportChoice, TransportKind } from './types.ts';

export interface SessionOptions {
  transport?: TransportChoice;
  /** `auto` probes for 2026-07-28 and falls back to the 2025 line; a version pins it (no probe). */
  protocolVersion?: 'auto' | string;
  /** Statuses that mean the server lost our session (re-initialize once); 404 is the spec's, 400 what SDK servers send. */
  sessionLostStatuses?: readonly number[];
  /** Open the optional GET stream for server-initiated messages after initialize. */
  openStream?: boolean;
  /** Canned replies for sampling, elicitation and roots requests from the server. */
  replies?: ServerRequestReplies;
  /** Ask servers for progress notifications on tool calls (a progress token per call). */
  progress?: boolean;
  /** 2026-07-28: re-issue once, with a new id, a request whose reply stream broke before its response. */
  reissue?: boolean;
  /**
   * W3C trace propagation: every tool call carries a fresh `traceparent` in `_meta` (2026-07-28) and as an
   * HTTP header; `sample` is the fraction marked sampled (flag 01). Absent: nothing is added.
   */
  traceparent?: { sample: number };
  clientInfo?: { name: string; version: string };
  /** This session's own headers, sent after the target's (e.g. a VU's rendered `Authorization`). */
  headers?: Record<string, string>;
  /** OAuth: where this session's bearer token comes from (one identity's shared cache). */
  authorization?: Authorization;
  /** Keep a cookie jar for the session (a balancer's stickiness cookie comes back on its next request); default true. */
  cookies?: boolean;
}

const MAX_PAGES = 1000;
const TRANSPORT_FALLBACK_STATUSES = [400, 404, 405];

/**
 * One MCP session on the wire: initialize, then operations, then close. Every operation resolves
 * (never rejects) with its outcome class and exactly what it cost in HTTP requests.
 */
export class McpSession implements ServerMessageSink {
  readonly target: McpTarget;
  private readonly options: Required<Omit<SessionOptions, 'clientInfo' | 'headers' | 'authorization' | 'traceparent' | 'cookies'>> & {
    clientInfo: { name: string; version: string };
  };
  private readonly sessionHeaders: readonly string[] | undefined;
  private readonly authorization: Authorization | undefined;
  private readonly traceSample: number | undefined;
  /** The session's cookies (Streamable HTTP); undefined with `cookies: false`. */
  readonly cookies: CookieJar | undefined;
  /** The instances that served this session so far: a second one is a hop. */
  readonly instances = new SessionInstances();
  /** performance.now() when the current session's handshake was answered, and the agent's calls made in it since. */
  private establishedAt = 0;
  private callsInSession = 0;
  private transport: Transport | null = null;
  private nextId = 1;
  /** Negotiated protocol version once initialized. */
  protocolVersion: string | undefined;
  /** 2026-07-28 and later: no session, no handshake, `_meta` on every request. */
  stateless = false;
  private requestMeta: Record<string, unknown> | undefined;
  serverInfo: Record<string, unknown> | undefined;
  /** Server requests and notifications that arrived outside any operation (the GET stream). */
  readonly background = new OperationTrace();
  /** The operation in flight, which server messages on the GET stream are counted in. */
  private current: OperationTrace | null = null;
  /**
   * Tool calls can take the direct path (directCall): nothing is added to their message per call
   * (no progress token, no traceparent) and no token is held around them. Decided once here.
   */
  private readonly directCalls: boolean;

  constructor(target: McpTarget, options: SessionOptions = {}) {
    this.target = target;
    this.options = {
      transport: options.transport ?? 'auto',
      protocolVersion: options.protocolVersion ?? 'auto',
      sessionLostStatuses: options.sessionLostStatuses ?? [404, 400],
      openStream: options.openStream ?? false,
      replies: options.replies ?? {},
      progress: options.progress ?? false,
      reissue: options.reissue ?? false,
      clientInfo: options.clientInfo ?? CLIENT_INFO,
    };
    this.sessionHeaders = options.headers ? Object.entries(options.headers).flatMap(([name, value]) => [name.toLowerCase(), value]) : undefined;
    this.authorization = options.authorization;
    this.traceSample = options.traceparent?.sample;
    this.cookies = options.cookies === false ? undefined : new CookieJar(target.url, target.instance.cookie);
    this.directCalls = !this.options.progress && this.traceSample === undefined && this.authorization === undefined;
  }

  get transportKind(): TransportKind | undefined {
    return this.transport?.kind;
  }

  get sessionId(): string | undefined {
    return this.transport instanceof StreamableHttpTransport ? this.transport.sessionId : undefined;
  }

  get initialized(): boolean {
    return this.protocolVersion !== undefined;
  }

  /** The handshake: picks the transport (`auto` probes as the spec says), negotiates the version. */
  initialize(): Promise<OperationResult> {
    return this.target.handshakeTurn(() =>
      this.operation('initialize', undefined, async (trace) => {
        trace.purpose = 'session';
        return this.handshake(trace);
      }),
    );
  }

  ping(): Promise<OperationResult> {
    return this.simple('ping', undefined);
  }

  listTools(): Promise<OperationResult> {
    return this.paginated('tools/list', 'tools');
  }

  listResources(): Promise<OperationResult> {
    return this.paginated('resources/list', 'resources');
  }

  listPrompts(): Promise<OperationResult> {
    return this.paginated('prompts/list', 'prompts');
  }

  /**
   * `readResult: false` when nothing will read the result (the engine's steps without checks on
   * it): a plain success is then confirmed by a scan of the reply instead of a parse, and the
   * OperationResult carries `replyText` in place of `result`. Any other reply is parsed as ever.
   */
  callTool(name: string, args: unknown = {}, readResult = true): Promise<OperationResult> {
    if (this.directCalls && !this.stateless) return this.directCall(name, args, readResult);
    // One trace per call, drawn here: re-sent messages (reinit, reissue, input rounds) keep it.
    const traceparent = this.traceSample === undefined ? undefined : newTraceparent(Math.random() < this.traceSample);
    const params = (id: number): Record<string, unknown> => {
      const p: Record<string, unknown> = { name, arguments: args };
      if (this.options.progress) p._meta = { progressToken: id };
      if (traceparent !== undefined) p._meta = { ...(p._meta as object | undefined), traceparent };
      return p;
    };
    if (this.stateless) return this.operation('tools/call', name, (trace) => this.callToolWithParamHeaders(trace, name, args, params), traceparent);
    return this.operation('tools/call', name, (trace) => this.call(trace, params), traceparent, readResult);
  }

  /**
   * 2026-07-28: arguments the tool's schema marks `x-mcp-header` ride in Mcp-Param-* headers too.
   * A -32020 (the server found them mismatched) reloads the schemas and retries once, as the spec asks.
   */
  private async callToolWithParamHeaders(
    trace: OperationTrace,
    name: string,
    args: unknown,
    params: (id: number) => Record<string, unknown>,
  ): Promise<JsonRpcResponse> {
    for (let attempt = 0; ; attempt++) {
      const bindings = (await this.paramBindings(trace)).get(name);
      if (typeof bindings === 'string') {
        throw new TransportError('bad_response', `tool ${snippet(name)} cannot be called: its input schema declares ${snippet(bindings)}`);
      }
      trace.paramHeaders = bindings && bindings.length > 0 ? paramHeaders(bindings, args) : undefined;
      const response = await this.call(trace, params);
      if (response.error?.code !== HEADER_MISMATCH || attempt === 1) return response;
      this.target.paramBindings = undefined;
    }
  }

  /** The target's Mcp-Param bindings per tool, from one tools/list shared by its sessions (purpose `session`). */
  private paramBindings(trace: OperationTrace): Promise<Map<string, ParamHeaderBinding[] | string>> {
    let loading = this.target.paramBindings;
    if (loading === undefined) {
      loading = this.loadParamBindings(trace);
      this.target.paramBindings = loading;
      loading.catch(() => {
        if (this.target.paramBindings === loading) this.target.paramBindings = undefined;
      });
    }
    return loading;
  }

  private async loadParamBindings(trace: OperationTrace): Promise<Map<string, ParamHeaderBinding[] | string>> {
    const purpose = trace.purpose;
    trace.purpose = 'session';
    const bindings = new Map<string, ParamHeaderBinding[] | string>();
    try {
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const response = await this.call(trace, () => (cursor === undefined ? undefined : { cursor }), 'tools/list');
        if (response.error) break; // no schemas to read: calls go without Mcp-Param headers
        const tools = response.result?.tools;
        if (Array.isArray(tools)) {
          for (const tool of tools as Array<{ name?: unknown; inputSchema?: unknown }>) {
            if (typeof tool?.name === 'string') bindings.set(tool.name, paramHeaderBindings(tool.inputSchema));
          }
        }
        const next = response.result?.nextCursor;
        cursor = typeof next === 'string' && next !== '' ? next : undefined;
        if (cursor === undefined) break;
      }
    } finally {
      trace.purpose = purpose;
    }
    return bindings;
  }

  readResource(uri: string): Promise<OperationResult> {
    return this.operation('resources/read', uri, (trace) => this.call(trace, () => ({ uri })));
  }

  getPrompt(name: string, args: Record<string, string> = {}): Promise<OperationResult> {
    return this.operation('prompts/get', name, (trace) => this.call(trace, () => ({ name, arguments: args })));
  }

  /** Any other request, by method name (completion/complete, a server's own methods…). */
  request(method: string, params?: Record<string, unknown>): Promise<OperationResult> {
    return this.simple(method, params);
  }

  /** Ends the session: DELETE where the transport has one, streams closed. */
  close(): Promise<OperationResult> {
    return this.operation('close', undefined, async (trace) => {
      trace.purpose = 'teardown';
      const transport = this.transport;
      this.protocolVersion = undefined;
      this.stateless = false;
      if (transport) await transport.close(trace);
      return { jsonrpc: '2.0', id: null, result: {} };
    });
  }

  /** Cuts the requests in flight (an interrupted VU): they resolve as `closed` transport failures. */
  abort(): void {
    this.transport?.abort();
  }

  // --- server-to-client traffic -----------------------------------------------------------------

  onServerRequest(request: JsonRpcRequest, trace: OperationTrace | null): void {
    // A message on the GET stream belongs to the operation in flight, if any (a VU runs one at a time).
    const into = trace ?? this.current ?? this.background;
    into.serverRequests++;
    const answer = answerServerRequest(request, this.options.replies);
    this.transport?.respond(answer, into).catch(() => {
      /* the failed answer is in the trace; the server will time the request out */
    });
  }

  backgroundTrace(): OperationTrace {
    return this.current ?? this.background;
  }

  onNotification(message: JsonRpcNotification, trace: OperationTrace | null): void {
    const into = trace ?? this.current ?? this.background;
    into.notifications++;
    if (message.method === 'notifications/progress') into.progressNotifications++;
  }

  // --- internals --------------------------------------------------------------------------------

  private simple(method: string, params: Record<string, unknown> | undefined): Promise<OperationResult> {
    return this.operation(method, undefined, (trace) => this.call(trace, () => params, method));
  }

  private paginated(method: string, key: string): Promise<OperationResult> {
    return this.operation(method, undefined, async (trace) => {
      const items: unknown[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const response = await this.call(trace, () => (cursor === undefined ? undefined : { cursor }), method);
        if (response.error) return response;
        const result = response.result ?? {};
        const list = result[key];
        if (Array.isArray(list)) items.push(...list);
        cursor = typeof result.nextCursor === 'string' && result.nextCursor !== '' ? result.nextCursor : undefined;
        if (cursor === undefined) return { ...response, result: { ...result, [key]: items, nextCursor: undefined } };
      }
      throw new TransportError('bad_response', `${method}: more than ${MAX_PAGES} pages; stopped`);
    });
  }

  /**
   * Sends one request in the current session; a lost session is re-established once and the
   * request retried, all counted in the same trace.
   */
  private async call(trace: OperationTrace, params: (id: number) => Record<string, unknown> | undefined, method = methodOf(trace)): Promise<JsonRpcResponse> {
    if (!this.transport || !this.initialized) {
      throw notInitialized(method);
    }
    try {
      return await this.send(method, params, trace);
    } catch (err) {
      return this.recover(err, trace, method, params);
    }
  }

  /** A request of the session failed: a lost session is re-established once and the request sent again; anything else is thrown on. */
  private async recover(
    err: unknown,
    trace: OperationTrace,
    method: string,
    params: (id: number) => Record<string, unknown> | undefined,
  ): Promise<JsonRpcResponse> {
    if (!this.transport) throw err; // never so: only an initialized session sends
    if (trace.reinitAttempted || !this.transport.isSessionLost(err)) throw err;
    trace.reinitAttempted = true;
    this.noteLoss(trace, (err as TransportError).status!, 'session');
    this.instances.observe(trace.http);
    this.instances.restart();
    const purpose = trace.purpose;
    trace.purpose = 'reinit';
    this.transport.reset();
    const from = trace.http.length;
    let handshake: JsonRpcResponse;
    try {
      handshake = await this.handshakeOn(this.transport, trace);
    } catch (reinitErr) {
      const transport = this.transport as StreamableHttpTransport;
      throw this.protocolVersion !== undefined && transport.sessionId !== undefined ? this.lostAfterHandshake(reinitErr, trace, from) : reinitErr;
    } finally {
      trace.purpose = purpose;
    }
    if (handshake.error) return handshake; // the server refused the new session: the call ends with its error
    trace.reinitialized = true;
    this.establishedAt = performance.now();
    this.callsInSession = 0;
    try {
      return await this.send(method, params, trace);
    } catch (again) {
      // The new session lost at once (its first call reached another instance): a loss too, not retried.
      if (this.transport.isSessionLost(again)) this.noteLoss(trace, (again as TransportError).status!, 'session');
      throw again;
    }
  }

  /** Not async: a session's request is the transport's own promise, with no wrapper (and its extra turns) per call. */
  private send(method: string, params: (id: number) => Record<string, unknown> | undefined, trace: OperationTrace): Promise<JsonRpcResponse> {
    const sent = this.transport!.request(this.message(method, params), trace, method === 'tools/call' ? trace.paramHeaders : undefined);
    return this.stateless ? this.sendStateless(sent, method, params, trace) : sent;
  }

  private async sendStateless(
    sent: Promise<JsonRpcResponse>,
    method: string,
    params: (id: number) => Record<string, unknown> | undefined,
    trace: OperationTrace,
  ): Promise<JsonRpcResponse> {
    const answered = this.answerInputRequests(sent, method, params, trace);
    const response = await (this.options.reissue ? answered.catch((err: unknown) => this.reissue(err, method, params, trace)) : answered);
    // 2026-07-28: a server that refuses our version names the ones it speaks; retry once with a shared one.
    if (response.error?.code !== UNSUPPORTED_PROTOCOL_VERSION) return response;
    const verdict = classifyDiscovery(response);
    if (verdict.era !== 'stateless') return response;
    this.enterStateless(this.transport as StreamableHttpTransport, verdict.version);
    this.protocolVersion = verdict.version;
    const retried = this.transport!.request(this.message(method, params), trace, method === 'tools/call' ? trace.paramHeaders : undefined);
    return this.answerInputRequests(retried, method, params, trace);
  }

  /**
   * 2026-07-28 has no resumability: a reply stream that broke before the response lost the
   * request. With `reissue`, it is sent again once, with a new id, and counted.
   */
  private reissue(err: unknown, method: string, params: (id: number) => Record<string, unknown> | undefined, trace: OperationTrace): Promise<JsonRpcResponse> {
    const broken = err instanceof TransportError && (err.reason === 'stream_ended' || err.reason === 'stream_broken' || err.reason === 'reset');
    if (!broken || trace.reissued > 0) throw err;
    trace.reissued++;
    const sent = this.transport!.request(this.message(method, params), trace, method === 'tools/call' ? trace.paramHeaders : undefined);
    return this.answerInputRequests(sent, method, params, trace);
  }

  /** 2026-07-28: what used to be server-to-client requests comes back as an input-required result. */
  private async answerInputRequests(
    sent: Promise<JsonRpcResponse>,
    method: string,
    params: (id: number) => Record<string, unknown> | undefined,
    trace: OperationTrace,
  ): Promise<JsonRpcResponse> {
    let response = await sent;
    for (let round = 0; isInputRequired(response); round++) {
      if (round === MAX_INPUT_ROUNDS) {
        return inputError(response, `server still requires input after ${MAX_INPUT_ROUNDS} rounds`);
      }
      const result = response.result!;
      const requests = (result.inputRequests ?? {}) as Record<string, { method?: string; params?: Record<string, unknown> }>;
      const inputResponses: Record<string, unknown> = {};
      for (const [key, request] of Object.entries(requests)) {
        trace.serverRequests++;
        const answer = answerServerRequest({ jsonrpc: '2.0', id: key, method: String(request?.method), params: request?.params ?? {} }, this.options.replies);
        if (answer.error) return inputError(response, answer.error.message);
        inputResponses[key] = answer.result;
      }
      const state = result.requestState;
      response = await this.transport!.request(
        this.message(method, (id) => {
          const p: Record<string, unknown> = { ...params(id), inputResponses };
          if (state !== undefined) p.requestState = state;
          return p;
        }),
        trace,
        method === 'tools/call' ? trace.paramHeaders : undefined,
      );
    }
    return response;
  }

  private message(method: string, params: (id: number) => Record<string, unknown> | undefined): JsonRpcRequest {
    const id = this.nextId++;
    let p = params(id);
    if (this.requestMeta) {
      p = p === undefined ? { _meta: this.requestMeta } : { ...p, _meta: p._meta ? { ...this.requestMeta, ...(p._meta as object) } : this.requestMeta };
    }
    return p === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params: p };
  }

  private async handshake(trace: OperationTrace): Promise<JsonRpcResponse> {
    const choice = this.options.transport;
    if (choice === 'sse' || (choice === 'auto' && this.target.transport === 'sse')) return this.handshakeOn(this.legacy(), trace);
    const streamable = this.streamable();
    const pinned = this.options.protocolVersion;
    if (pinned === 'auto' ? this.target.era !== 'session' : isStatelessVersion(pinned)) {
      const stateless = await this.discover(streamable, trace);
      if (stateless) {
        // The tools' schemas (for Mcp-Param headers) are session work, read once per target here,
        // so that no tool's figures carry them. Unreadable schemas only mean calls without those headers.
        await this.paramBindings(trace).catch(() => undefined);
        return stateless;
      }
    }
    const probeFrom = trace.http.length;
    try {
      return await this.handshakeOn(streamable, trace);
    } catch (err) {
      // initialize was answered: its follow-up failing is a session lost, not a transport to fall back from.
      if (this.protocolVersion !== undefined && streamable.sessionId !== undefined) throw this.lostAfterHandshake(err, trace, probeFrom);
      const fallback = choice === 'auto' && err instanceof TransportError && err.reason === 'http_status' && TRANSPORT_FALLBACK_STATUSES.includes(err.status!);
      if (!fallback) throw err;
      // The refused POST initialize was the spec's transport probe, not a failure of the server.
      for (let i = probeFrom; i < trace.http.length; i++) trace.http[i].purpose = 'probe';
      try {
        const response = await this.handshakeOn(this.legacy(), trace);
        this.target.transport = 'sse';
        return response;
      } catch (legacyErr) {
        if (!(legacyErr instanceof TransportError)) throw legacyErr;
        throw new TransportError(
          (legacyErr as TransportError).reason ?? 'bad_response',
          `${this.target.displayUrl} speaks neither MCP transport. Streamable HTTP: ${(err as Error).message}. Legacy HTTP+SSE: ${(legacyErr as Error).message}`,
          (legacyErr as TransportError).status,
        );
      }
    }
  }

  /**
   * `initialize` was answered, and then its follow-up (notifications/initialized, the GET stream)
   * failed: behind a balancer without stickiness it reached an instance that does not know the
   * session. The handshake fails as a lost session, named so, never as a missing transport.
   */
  private lostAfterHandshake(err: unknown, trace: OperationTrace, from: number): unknown {
    this.protocolVersion = undefined;
    const transport = this.transport;
    if (!(err instanceof TransportError) || err.reason !== 'http_status' || !(transport instanceof StreamableHttpTransport) || !transport.isSessionLost(err)) {
      transport?.reset();
      return err;
    }
    this.noteLoss(trace, err.status!, 'handshake');
    transport.reset();
    const init = trace.http[from];
    const failed = trace.http[trace.http.length - 1];
    const where = (r: { instance?: string } | undefined): string => (r?.instance === undefined ? '' : ` from instance ${r.instance}`);
    const hop = init?.instance !== undefined && failed?.instance !== undefined && init.instance !== failed.instance;
    return new TransportError(
      'http_status',
      `session lost right after the handshake: initialize was answered HTTP ${init?.status ?? 200}${where(init)}, then its follow-up got HTTP ${err.status}${where(failed)}` +
        `${hop ? ', another instance, which does not know the session (a balancer without stickiness)' : ''}: ${err.message}`,
      err.status,
    );
  }

  /** The session was found lost: the status that said so, its age and the calls it had made. */
  private noteLoss(trace: OperationTrace, status: number, phase: SessionLoss['phase']): void {
    const ageMs = this.establishedAt === 0 ? 0 : performance.now() - this.establishedAt;
    (trace.lost ??= []).push({ status, ageMs, calls: this.callsInSession, phase });
  }

  /**
   * 2026-07-28 needs no handshake. The first session against a target probes with `server/discover`
   * and the verdict is kept on the target, so later sessions start with no request at all.
   * Returns undefined when the server is of the 2025 line.
   */
  private async discover(transport: StreamableHttpTransport, trace: OperationTrace): Promise<JsonRpcResponse | undefined> {
    const pinned = this.options.protocolVersion;
    let version = pinned === 'auto' ? this.target.statelessVersion : pinned;
    let result: Record<string, unknown> = {};
    if (version === undefined) {
      // Sessions that start together share one probe: the first asks, the others wait for its verdict.
      let discovery = this.target.discovery;
      if (discovery === undefined) {
        discovery = this.probe(transport, trace);
        this.target.discovery = discovery;
        discovery.catch(() => {
          if (this.target.discovery === discovery) this.target.discovery = undefined;
        });
      }
      const verdict = await discovery;
      if (verdict.era === 'session') {
        this.target.era = 'session';
        return undefined;
      }
      version = verdict.version;
      result = verdict.result;
      this.target.era = 'stateless';
      this.target.statelessVersion = version;
    }
    this.enterStateless(transport, version);
    this.protocolVersion = version;
    const meta = result._meta as Record<string, unknown> | undefined;
    this.serverInfo = meta?.[META_SERVER_INFO] as Record<string, unknown> | undefined;
    return { jsonrpc: '2.0', id: null, result: { ...result, protocolVersion: version } };
  }

  /** Asks `server/discover` with the 2026 envelope; its expected 4xx from a 2025 server is a probe, not a failure. */
  private async probe(transport: StreamableHttpTransport, trace: OperationTrace): Promise<DiscoveryVerdict> {
    this.enterStateless(transport, STATELESS_PROTOCOL_VERSIONS[0]);
    const purpose = trace.purpose;
    trace.purpose = 'discovery';
    let outcome: JsonRpcResponse | TransportError;
    try {
      outcome = await transport.request(
        this.message('server/discover', () => undefined),
        trace,
      );
    } catch (err) {
      if (!(err instanceof TransportError)) throw err;
      outcome = err;
    } finally {
      trace.purpose = purpose;
      this.leaveStateless(transport);
    }
    return classifyDiscovery(outcome);
  }

  private enterStateless(transport: StreamableHttpTransport, version: string): void {
    this.transport = transport;
    this.stateless = true;
    transport.stateless = true;
    transport.protocolVersion = version;
    this.requestMeta = {
      [META_PROTOCOL_VERSION]: version,
      [META_CLIENT_CAPABILITIES]: clientCapabilities(this.options.replies),
      [META_CLIENT_INFO]: this.options.clientInfo,
    };
  }

  private leaveStateless(transport: StreamableHttpTransport): void {
    this.stateless = false;
    transport.stateless = false;
    transport.protocolVersion = undefined;
    this.requestMeta = undefined;
  }

  private async handshakeOn(transport: Transport, trace: OperationTrace): Promise<JsonRpcResponse> {
    this.transport = transport;
    if (transport instanceof LegacySseTransport && !transport.connected) await transport.open(trace);
    const pinned = this.options.protocolVersion;
    const requested = transport instanceof LegacySseTransport ? LEGACY_SSE_PROTOCOL_VERSION : pinned === 'auto' ? LATEST_SESSION_PROTOCOL_VERSION : pinned;
    const response = await transport.request(
      {
        jsonrpc: '2.0',
        id: this.nextId++,
        method: 'initialize',
        params: {
          protocolVersion: requested,
          capabilities: clientCapabilities(this.options.replies),
          clientInfo: this.options.clientInfo,
        },
      },
      trace,
    );
    if (response.error) return response;
    const version = String(response.result?.protocolVersion ?? '');
    if (!(SESSION_PROTOCOL_VERSIONS as readonly string[]).includes(version)) {
      // 2026-07-28 and later have no initialize: only the session versions can be negotiated here.
      throw new TransportError(
        'bad_response',
        `server chose protocol version "${snippet(version)}" in initialize, which negotiates only ${SESSION_PROTOCOL_VERSIONS.join(', ')}`,
      );
    }
    if (transport instanceof StreamableHttpTransport) transport.protocolVersion = version;
    this.protocolVersion = version;
    this.serverInfo = response.result?.serverInfo as Record<string, unknown> | undefined;
    this.establishedAt = performance.now();
    this.callsInSession = 0;
    await transport.notify({ jsonrpc: '2.0', method: 'notifications/initialized' }, trace);
    if (this.options.openStream && transport instanceof StreamableHttpTransport) await transport.openStream(trace);
    return response;
  }

  private streamable(): StreamableHttpTransport {
    if (this.transport instanceof StreamableHttpTransport) return this.transport;
    return new StreamableHttpTransport(this.target, this, {
      sessionLostStatuses: this.options.sessionLostStatuses,
      headers: this.sessionHeaders,
      authorization: this.authorization,
      cookies: this.cookies,
    });
  }

  private legacy(): LegacySseTransport {
    if (this.transport instanceof LegacySseTransport) return this.transport;
    return new LegacySseTransport(this.target, this, this.cookies);
  }

  /** Runs an operation with a bearer token held (waiting only for the first), retried once with a new one after a 401. */
  private async authorized(
    authorization: Authorization,
    trace: OperationTrace,
    body: (trace: OperationTrace) => Promise<JsonRpcResponse>,
  ): Promise<JsonRpcResponse> {
    const sent = authorization.header() ?? (await authorization.ready());
    try {
      return await body(trace);
    } catch (err) {
      if (!isUnauthorized(err)) throw err;
      await authorization.rejected(sent);
      return body(trace);
    }
  }

  /** The trace of the operation starting now, which the session's server messages are charged to meanwhile. */
  private beginTrace(method: string, readResult: boolean, traceparent: string | undefined): OperationTrace {
    const trace = new OperationTrace();
    trace.method = method;
    trace.traceparent = traceparent;
    trace.resultRead = readResult;
    this.current = trace;
    return trace;
  }

  /** Runs one operation and turns whatever happened into an OperationResult; never throws. */
  private async operation(
    method: string,
    name: string | undefined,
    body: (trace: OperationTrace) => Promise<JsonRpcResponse>,
    traceparent?: string,
    readResult = true,
  ): Promise<OperationResult> {
    const trace = this.beginTrace(method, readResult, traceparent);
    const started = performance.now();
    let response: JsonRpcResponse | undefined;
    let failure: TransportError | string | undefined;
    try {
      response = await (this.authorization ? this.authorized(this.authorization, trace, body) : body(trace));
    } catch (err) {
      failure = failureOf(err, method);
    } finally {
      if (this.current === trace) this.current = null;
    }
    return this.ended(method, name, trace, started, response, failure);
  }

  /**
   * A tool call as `operation(…, call)` makes it, in one async frame: no closure for its body or
   * its params (its wire text is serializeMessage's, from the step's cached text around the id).
   * For sessions whose calls add nothing per call (see directCalls); a lost session is recovered
   * as `call` does.
   */
  private async directCall(name: string, args: unknown, readResult: boolean): Promise<OperationResult> {
    const trace = this.beginTrace('tools/call', readResult, undefined);
    const started = performance.now();
    trace.startedAt = started;
    let response: JsonRpcResponse | undefined;
    let failure: TransportError | string | undefined;
    try {
      const transport = this.transport;
      if (!transport || !this.initialized) throw notInitialized('tools/call');
      const id = this.nextId++;
      const message: JsonRpcRequest = { jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } as Record<string, unknown> };
      try {
        response = await transport.request(message, trace);
      } catch (err) {
        response = await this.recover(err, trace, 'tools/call', () => ({ name, arguments: args }));
      }
    } catch (err) {
      failure = failureOf(err, 'tools/call');
    } finally {
      if (this.current === trace) this.current = null;
    }
    return this.ended('tools/call', name, trace, started, response, failure);
  }

  /** The operation's outcome, once its requests are done. */
  private ended(
    method: string,
    name: string | undefined,
    trace: OperationTrace,
    started: number,
    response: JsonRpcResponse | undefined,
    failure: TransportError | string | undefined,
  ): OperationResult {
    // The call ends as its response arrived (our parse of it is not the server's latency); a
    // handshake, once its notifications/initialized is sent too.
    const ended = response !== undefined && method !== 'initialize' && trace.respondedAt > started ? trace.respondedAt : performance.now();
    const result = outcomeOf(method, name, trace, started, ended - started, response, failure);
    this.noteInstances(result, trace);
    if (method !== 'initialize' && method !== 'close') this.callsInSession++;
    return result;
  }

  /** Which instance answered the operation, and whether the session hopped to another one in it. */
  private noteInstances(result: OperationResult, trace: OperationTrace): void {
    const hopped = this.instances.observe(trace.http);
    this.instances.endOperation();
    // A handshake belongs to the instance that answered initialize; a call to the one that answered it last.
    if (result.method === 'initialize' && this.instances.home !== undefined) result.instance = this.instances.home;
    else {
      for (let i = trace.http.length - 1; i >= 0; i--) {
        const instance = trace.http[i].instance;
        if (instance !== undefined) {
          result.instance = instance;
          break;
        }
      }
    }
    if (hopped) result.hopped = true;
    if (this.instances.hopped) result.sessionHopped = true;
    if (trace.lost !== undefined) result.lost = trace.lost;
  }
}

/** A request of a session not (or no longer) initialized: it cannot be sent. */
function notInitialized(method: string): TransportError {
  return new TransportError('closed', `${method}: the session is not initialized (call initialize first)`);
}

/** Transports throw only TransportErrors, and authorization AuthErrors: anything else is mcp-load's own bug. */
function failureOf(err: unknown, method: string): TransportError | string {
  if (err instanceof AuthError) return new TransportError('auth', err.message);
  return err instanceof TransportError ? err : reportInternalError(err, method);
}

/** A 401 means the token was refused (revoked, expired early): one new token, one retry. */
function isUnauthorized(err: unknown): boolean {
  return err instanceof TransportError && err.reason === 'http_status' && err.status === 401;
}

function isInputRequired(response: JsonRpcResponse): boolean {
  return response.result?.resultType === 'input_required';
}

/** An input-required result the client cannot satisfy ends the call as a protocol error. */
function inputError(response: JsonRpcResponse, message: string): JsonRpcResponse {
  return { jsonrpc: '2.0', id: response.id, error: { code: INPUT_UNAVAILABLE, message } };
}

/** The spec's code for "the client lacks a capability the request needs". */
const INPUT_UNAVAILABLE = -32021;

function methodOf(trace: OperationTrace): string {
  return trace.method;
}

function outcomeOf(
  method: string,
  name: string | undefined,
  trace: OperationTrace,
  startedAt: number,
  durationMs: number,
  response: JsonRpcResponse | undefined,
  /** A transport failure, or the message of an internal error. */
  failure: TransportError | string | undefined,
): OperationResult {
  let bytesSent = 0;
  let bytesReceived = trace.streamBytesReceived;
  for (const r of trace.http) {
    bytesSent += r.bytesSent;
    bytesReceived += r.bytesReceived;
  }
  const result: OperationResult = {
    method,
    outcome: 'success',
    durationMs,
    startedAt,
    ttfbMs: trace.http.length > 0 ? trace.http[0].ttfbMs : -1,
    http: trace.http,
    bytesSent,
    bytesReceived,
    reinitAttempted: trace.reinitAttempted,
    reinitialized: trace.reinitialized,
    progressNotifications: trace.progressNotifications,
    notifications: trace.notifications,
    serverRequests: trace.serverRequests,
    streamResumptions: trace.streamResumptions,
    resumed: trace.resumed,
    reissued: trace.reissued,
  };
  if (name !== undefined) result.name = name;
  if (trace.traceparent !== undefined) result.traceparent = trace.traceparent;
  if (trace.streamBreak !== undefined) result.streamBreak = trace.streamBreak;
  if (typeof failure === 'string') {
    result.outcome = 'internal';
    result.error = { message: failure };
  } else if (failure) {
    result.outcome = failure instanceof DescriptorLimitError ? 'generator' : failure instanceof GatewayError ? 'gateway' : 'transport';
    result.error = { message: failure.message, reason: failure.reason };
    if (failure.status !== undefined) result.error.status = failure.status;
    if (failure instanceof StreamBrokenError) result.error.stream = { events: failure.events, ageMs: failure.ageMs, idleMs: failure.idleMs };
    const last = trace.http.length > 0 ? trace.http[trace.http.length - 1] : undefined;
    if (last?.location !== undefined) result.error.location = last.location;
    if (last?.retryAfterMs !== undefined) result.error.retryAfterMs = last.retryAfterMs;
  } else if (response?.error) {
    result.outcome = 'protocol';
    result.error = { message: String(response.error.message), code: response.error.code };
    const status = trace.http.length > 0 ? trace.http[trace.http.length - 1].status : 0;
    if (status >= 300) result.error.status = status;
  } else {
    result.result = response?.result;
    if (trace.replyText !== undefined && response?.result === undefined) result.replyText = trace.replyText;
    if (method === 'tools/call' && response?.result?.isError === true) {
      result.outcome = 'tool';
      result.error = { message: toolErrorText(response.result) };
    }
  }
  return result;
}

function toolErrorText(result: Record<string, unknown>): string {
  const content = result.content;
  if (Array.isArray(content)) {
    for (const c of content) {
      if (c && typeof c === 'object' && (c as { type?: unknown }).type === 'text') return String((c as { text?: unknown }).text);
    }
  }
  return 'tool returned isError: true';
}
