import { HTTP_PURPOSES, OUTCOME_CLASSES, type HttpRecord, type OperationResult, type SessionLoss, type StreamBreak } from '../mcp/index.ts';
import type { ErrorSamples } from './error-samples.ts';
import type { TraceExemplars } from './trace-exemplars.ts';
import type { AvailabilitySeries } from './availability.ts';
import type { ToolOutputSampler, ToolOutputSlot } from './tool-output-sampler.ts';
import { InstanceRecorder } from './instance-recorder.ts';
import { EXPECTED_RESPONSE_TAG, type CounterHandle, type MetricsRegistry, type RateHandle, type TrendHandle } from './metrics/index.ts';

/** HTTP metrics of one (MCP method, purpose, HTTP method, status, failed) combination. */
interface HttpHandles {
  duration: TrendHandle;
  waiting: TrendHandle;
  reqs: CounterHandle;
  failed: RateHandle;
}

/** MCP metrics of one outcome class for a call. */
interface OutcomeHandles {
  duration: TrendHandle;
  calls: CounterHandle;
  errors: RateHandle;
  success: RateHandle;
}

const HTTP_METHODS = ['GET', 'POST', 'DELETE'] as const;
/** A tool error (`isError: true`) is output the model reads too. */
const TOOL_ERROR = OUTCOME_CLASSES.indexOf('tool');
/** Statuses a discovery probe asks for: a 2025 server declining `server/discover`. */
const DISCOVERY_REFUSALS = new Set([400, 404, 405, 406, 415, 422]);

/**
 * Whether a request failed: no response, a 3xx mcp-load does not follow, a 4xx or 5xx. Probes
 * (discovery, the transport fallback) fail only for a real reason: no response, 401/403, 5xx.
 */
export function httpFailed(r: HttpRecord): boolean {
  if (r.failed || r.status === 0) return true;
  if (r.purpose === 'discovery' || r.purpose === 'probe') return r.status >= 500 || (r.status >= 300 && !DISCOVERY_REFUSALS.has(r.status));
  return r.status >= 300;
}

/** Turns the HTTP requests of operations into `http_*` samples, one handle set per tag combination. */
class HttpRecorder {
  private readonly handles = new Map<number, HttpHandles>();
  private readonly heldOpen: CounterHandle;
  private readonly instances: InstanceRecorder;
  private readonly sseReplies: CounterHandle;

  constructor(
    private readonly registry: MetricsRegistry,
    private readonly baseTags: Record<string, string>,
  ) {
    this.heldOpen = registry.counter('reply_streams_held_open').handle(baseTags);
    this.instances = InstanceRecorder.of(registry);
    this.sseReplies = registry.counter('sse_replies').handle(baseTags);
  }

  record(http: readonly HttpRecord[]): void {
    for (let i = 0; i < http.length; i++) this.recordOne(http[i]);
  }

  private recordOne(r: HttpRecord): void {
    const failed = httpFailed(r);
    const key = ((r.status * 16 + HTTP_PURPOSES.indexOf(r.purpose)) * 4 + HTTP_METHODS.indexOf(r.method)) * 2 + (failed ? 1 : 0);
    let h = this.handles.get(key);
    if (h === undefined) {
      const tags = {
        ...this.baseTags,
        purpose: r.purpose,
        http_method: r.method,
        status: String(r.status),
        [EXPECTED_RESPONSE_TAG]: String(!failed),
      };
      h = {
        duration: this.registry.trend('http_req_duration').handle(tags),
        waiting: this.registry.trend('http_req_waiting').handle(tags),
        reqs: this.registry.counter('http_reqs').handle(tags),
        failed: this.registry.rate('http_req_failed').handle(tags),
      };
      this.handles.set(key, h);
    }
    h.duration.record(r.durationMs * 1000);
    if (r.ttfbMs >= 0) h.waiting.record(r.ttfbMs * 1000);
    h.reqs.add(1);
    h.failed.add(failed);
    if (r.heldOpen) this.heldOpen.add(1);
    if (r.instance !== undefined) this.instances.request(r, failed);
    if (r.eventStream && r.method === 'POST') this.sseReplies.add(1);
  }
}

/**
 * Turns what one kind of agent call (a flow step: tools/call, a list, a read…) cost into metric
 * samples. One recorder per (scenario, method, name): every tag set is resolved to a handle once,
 * so recording allocates nothing.
 */
export class CallRecorder {
  private readonly outcomes: OutcomeHandles[];
  private readonly http: HttpRecorder;
  private readonly dataSent: CounterHandle;
  private readonly dataReceived: CounterHandle;
  private readonly reinits: CounterHandle;
  private readonly reinitAttempts: CounterHandle;
  private readonly serverRequests: CounterHandle;
  private readonly notifications: CounterHandle;
  private readonly progress: CounterHandle;
  private readonly resumptions: CounterHandle;
  private readonly resumed: CounterHandle;
  private readonly reissued: CounterHandle;
  private readonly interruptedCalls: CounterHandle;
  private readonly replyBreaks: CounterHandle;
  private readonly replyBreakAge: TrendHandle;
  private readonly replyBreakIdle: TrendHandle;
  /** Per kind of session stream: legacy, get. */
  private readonly streamBreaks: Record<StreamBreak['stream'], { breaks: CounterHandle; lifetime: TrendHandle; reconnect: TrendHandle }>;
  /** tools/call only: the sample of replies whose size and tokens are counted after the run. */
  private readonly output: ToolOutputSlot | undefined;
  private readonly instances: InstanceRecorder;
  private readonly lifecycle: SessionLifecycle;

  constructor(
    private readonly registry: MetricsRegistry,
    private readonly errors: ErrorSamples,
    scenario: string,
    method: string,
    private readonly name: string | undefined,
    private readonly exemplars: TraceExemplars | undefined = undefined,
    toolOutput: ToolOutputSampler | undefined = undefined,
    private readonly availability: AvailabilitySeries | undefined = undefined,
  ) {
    const baseTags: Record<string, string> = name === undefined ? { scenario, method } : { scenario, method, tool: name };
    this.outcomes = OUTCOME_CLASSES.map((outcome) => {
      const tags =
        outcome === 'success' ? { ...baseTags, [EXPECTED_RESPONSE_TAG]: 'true' } : { ...baseTags, error_class: outcome, [EXPECTED_RESPONSE_TAG]: 'false' };
      return {
        duration: registry.trend('mcp_call_duration').handle(tags),
        calls: registry.counter('mcp_calls').handle(tags),
        errors: registry.rate('mcp_errors').handle(tags),
        success: registry.rate('mcp_success').handle(tags),
      };
    });
    this.http = new HttpRecorder(registry, baseTags);
    // Bytes per operation kind, so reports can show bytes per call for each tool.
    this.dataSent = registry.counter('data_sent').handle(baseTags);
    this.dataReceived = registry.counter('data_received').handle(baseTags);
    this.reinits = registry.counter('session_reinits').handle({ scenario });
    this.reinitAttempts = registry.counter('session_reinit_attempts').handle({ scenario });
    this.serverRequests = registry.counter('mcp_server_requests').handle(baseTags);
    this.notifications = registry.counter('mcp_notifications').handle(baseTags);
    this.progress = registry.counter('mcp_progress_notifications').handle(baseTags);
    this.resumptions = registry.counter('stream_resumptions').handle(baseTags);
    this.resumed = registry.counter('stream_resumed_calls').handle(baseTags);
    this.reissued = registry.counter('requests_reissued').handle(baseTags);
    this.interruptedCalls = registry.counter('mcp_calls_interrupted').handle(baseTags);
    this.replyBreaks = registry.counter('sse_reply_breaks').handle(baseTags);
    this.replyBreakAge = registry.trend('sse_reply_break_age').handle(baseTags);
    this.replyBreakIdle = registry.trend('sse_reply_break_idle').handle(baseTags);
    const streamHandles = (stream: StreamBreak['stream']) => ({
      breaks: registry.counter('sse_stream_breaks').handle({ scenario, stream }),
      lifetime: registry.trend('sse_stream_lifetime').handle({ scenario, stream }),
      reconnect: registry.trend('sse_stream_reconnect_duration').handle({ scenario, stream }),
    });
    this.streamBreaks = { legacy: streamHandles('legacy'), get: streamHandles('get') };
    this.output = toolOutput !== undefined && method === 'tools/call' && name !== undefined ? toolOutput.slot(scenario, name) : undefined;
    this.instances = InstanceRecorder.of(registry);
    this.lifecycle = new SessionLifecycle(registry, scenario);
  }

  /** The operation was cut by an interrupt (graceful stop over, second signal): neither a success nor the server's error. */
  interrupted(): void {
    this.interruptedCalls.add(1);
  }

  /** Records the call; `extraMs` adds time the call waited before it could start (open model). */
  record(result: OperationResult, extraMs = 0): void {
    const index = OUTCOME_CLASSES.indexOf(result.outcome);
    this.count(index, result, extraMs);
    if (index !== 0 && this.registry.phase === 'measuring') this.errors.add(result);
    if (this.output !== undefined && (index === 0 || index === TOOL_ERROR) && this.registry.phase === 'measuring') this.output.offer(result);
    if (result.traceparent !== undefined && this.exemplars && this.registry.phase === 'measuring') {
      this.exemplars.offer(this.name ?? result.method, result.traceparent, result.durationMs + extraMs);
    }
    if (result.reinitAttempted) this.reinitAttempts.add(1);
    if (result.serverRequests > 0) this.serverRequests.add(result.serverRequests);
    if (result.notifications > 0) this.notifications.add(result.notifications);
    if (result.progressNotifications > 0) this.progress.add(result.progressNotifications);
    if (result.streamResumptions > 0) this.resumptions.add(result.streamResumptions);
    if (result.resumed) this.resumed.add(1);
    if (result.reissued > 0) this.reissued.add(result.reissued);
    if (result.reinitialized) this.reinits.add(1);
    const broke = result.error?.stream;
    if (broke !== undefined) {
      this.replyBreaks.add(1);
      this.replyBreakAge.record(broke.ageMs * 1000);
      this.replyBreakIdle.record(broke.idleMs * 1000);
    }
    const streamBreak = result.streamBreak;
    if (streamBreak !== undefined) {
      const h = this.streamBreaks[streamBreak.stream];
      h.breaks.add(1);
      h.lifetime.record(streamBreak.lifetimeMs * 1000);
      h.reconnect.record(streamBreak.reconnectMs * 1000);
    }
    this.http.record(result.http);
    this.dataSent.add(result.bytesSent);
    this.dataReceived.add(result.bytesReceived);
    if (result.instance !== undefined) this.instances.call(result.instance, index === 0, result.durationMs + extraMs);
    this.lifecycle.record(result, index !== 0);
  }

  /**
   * The agent's call could not be made because its session could not be opened: a failed call of
   * the handshake's class, after the handshake's time. Its HTTP requests are the session's.
   */
  recordUnreachable(handshake: OperationResult, extraMs = 0): void {
    this.count(Math.max(1, OUTCOME_CLASSES.indexOf(handshake.outcome)), handshake, extraMs);
    if (handshake.sessionHopped) this.lifecycle.failedAfterHop.add(1);
  }

  /** A call of outcome class `index` that took `operation`'s time and `extraMs` of waiting before it. */
  private count(index: number, operation: OperationResult, extraMs: number): void {
    const durationMs = operation.durationMs + extraMs;
    const h = this.outcomes[index];
    h.duration.record(durationMs * 1000);
    h.calls.add(1);
    h.errors.add(index !== 0);
    h.success.add(index === 0);
    // By send time: the scheduled start in the open model, as the latency is measured from it.
    if (this.availability !== undefined && this.registry.phase === 'measuring') {
      // The operation's own start less the wait charged to it, without reading the clock again.
      const startedAt = operation.startedAt ?? performance.now() - operation.durationMs;
      this.availability.record(startedAt - extraMs, index);
    }
  }
}

/**
 * A session's own lifecycle (handshake, discovery, DELETE, back-off): session metrics, never MCP
 * calls. Its HTTP requests count in the HTTP metrics, so the HTTP-per-call ratio includes them.
 */
export class SessionRecorder {
  private readonly initDuration: { ok: TrendHandle; failed: TrendHandle };
  private readonly initErrors: RateHandle;
  private readonly created: CounterHandle;
  private readonly closed: CounterHandle;
  private readonly notClosed: CounterHandle;
  private readonly backoffs: CounterHandle;
  private readonly initHttp: HttpRecorder;
  private readonly closeHttp: HttpRecorder;
  private readonly bytes: { sent: CounterHandle; received: CounterHandle }[];
  private readonly instances: InstanceRecorder;
  private readonly lifecycle: SessionLifecycle;

  constructor(
    private readonly registry: MetricsRegistry,
    private readonly errors: ErrorSamples,
    scenario: string,
  ) {
    const tags = { scenario };
    const init = { scenario, method: 'initialize' };
    const close = { scenario, method: 'close' };
    this.initDuration = {
      ok: registry.trend('session_init_duration').handle({ ...tags, [EXPECTED_RESPONSE_TAG]: 'true' }),
      failed: registry.trend('session_init_duration').handle({ ...tags, [EXPECTED_RESPONSE_TAG]: 'false' }),
    };
    this.initErrors = registry.rate('session_init_errors').handle(tags);
    this.created = registry.counter('sessions_created').handle(tags);
    this.closed = registry.counter('sessions_closed').handle(tags);
    this.notClosed = registry.counter('sessions_not_closed').handle(tags);
    this.backoffs = registry.counter('session_backoffs').handle(tags);
    this.initHttp = new HttpRecorder(registry, init);
    this.closeHttp = new HttpRecorder(registry, close);
    this.bytes = [init, close].map((t) => ({ sent: registry.counter('data_sent').handle(t), received: registry.counter('data_received').handle(t) }));
    this.instances = InstanceRecorder.of(registry);
    this.lifecycle = new SessionLifecycle(registry, scenario);
  }

  /** A handshake (or 2026 discovery); `extraMs` adds time it waited to start (open model). */
  recordInit(result: OperationResult, extraMs = 0): void {
    const ok = result.outcome === 'success';
    (ok ? this.initDuration.ok : this.initDuration.failed).record((result.durationMs + extraMs) * 1000);
    this.initErrors.add(!ok);
    if (ok) this.created.add(1);
    else if (this.registry.phase === 'measuring') this.errors.add(result);
    this.initHttp.record(result.http);
    this.bytes[0].sent.add(result.bytesSent);
    this.bytes[0].received.add(result.bytesReceived);
    if (ok && result.instance !== undefined) this.instances.sessionStarted(result.instance);
    // The handshake's own failure is counted as the agent's next call (recordUnreachable), not here.
    this.lifecycle.record(result, false);
  }

  /** A session's end (DELETE, or nothing to send for a stateless one). */
  recordClose(result: OperationResult): void {
    if (result.outcome === 'success') this.closed.add(1);
    else this.notClosed.add(1);
    this.closeHttp.record(result.http);
    this.bytes[1].sent.add(result.bytesSent);
    this.bytes[1].received.add(result.bytesReceived);
  }

  /** Sessions whose DELETE did not finish before the teardown deadline: neither closed nor failed requests. */
  recordNotClosed(sessions: number): void {
    if (sessions > 0) this.notClosed.add(sessions);
  }

  /** A VU paused before its next handshake attempt. */
  recordBackoff(): void {
    this.backoffs.add(1);
  }
}

/** What a session went through during one operation: a first hop to another instance, a loss. */
class SessionLifecycle {
  private readonly hops: CounterHandle;
  readonly failedAfterHop: CounterHandle;
  private readonly lostAge: TrendHandle;
  private readonly lostCalls: CounterHandle;
  private readonly lostByStatus = new Map<string, CounterHandle>();

  constructor(
    private readonly registry: MetricsRegistry,
    private readonly scenario: string,
  ) {
    const tags = { scenario };
    this.hops = registry.counter('session_hops').handle(tags);
    this.failedAfterHop = registry.counter('calls_failed_after_hop').handle(tags);
    this.lostAge = registry.trend('session_lost_age').handle(tags);
    this.lostCalls = registry.counter('session_lost_calls').handle(tags);
  }

  record(result: OperationResult, failed: boolean): void {
    if (result.hopped) this.hops.add(1);
    if (failed && result.sessionHopped) this.failedAfterHop.add(1);
    if (result.lost !== undefined) for (const lost of result.lost) this.recordLoss(lost);
  }

  private recordLoss(lost: SessionLoss): void {
    const key = `${lost.phase} ${lost.status}`;
    let byStatus = this.lostByStatus.get(key);
    if (byStatus === undefined) {
      byStatus = this.registry.counter('sessions_lost').handle({ scenario: this.scenario, status: String(lost.status), phase: lost.phase });
      this.lostByStatus.set(key, byStatus);
    }
    byStatus.add(1);
    this.lostAge.record(lost.ageMs * 1000);
    this.lostCalls.add(lost.calls);
  }
}
