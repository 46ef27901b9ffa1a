import { OUTCOME_CLASSES, type HttpPurpose, type HttpRecord, type OperationResult } from '../mcp/index.ts';
import type { ErrorSamples } from './error-samples.ts';
import type { CounterHandle, MetricsRegistry, RateHandle, TrendHandle } from './metrics/index.ts';

/** HTTP metrics of one (MCP method, purpose, HTTP method, status) combination. */
interface HttpHandles {
  duration: TrendHandle;
  waiting: TrendHandle;
  reqs: CounterHandle;
  failed: RateHandle;
}

/** MCP metrics of one outcome class for an operation. */
interface OutcomeHandles {
  duration: TrendHandle;
  calls: CounterHandle;
  errors: RateHandle;
  success: RateHandle;
}

const PURPOSES: readonly HttpPurpose[] = ['call', 'session', 'probe', 'reinit', 'server-request', 'stream', 'teardown', 'resume'];
const HTTP_METHODS = ['GET', 'POST', 'DELETE'] as const;

/**
 * Turns what one kind of MCP operation cost into metric samples. One recorder per (scenario,
 * method, name): every tag set is resolved to a handle once, so recording allocates nothing.
 */
export class OperationRecorder {
  private readonly registry: MetricsRegistry;
  private readonly baseTags: Record<string, string>;
  /** Empty for session teardown: a DELETE is wire work, not an MCP call, and counts in HTTP metrics only. */
  private readonly outcomes: OutcomeHandles[];
  private readonly http = new Map<number, HttpHandles>();
  private readonly dataSent: CounterHandle;
  private readonly dataReceived: CounterHandle;
  private readonly reinits: CounterHandle;
  private readonly reinitAttempts: CounterHandle;
  private readonly heldOpen: CounterHandle;
  private readonly serverRequests: CounterHandle;
  private readonly notifications: CounterHandle;
  private readonly progress: CounterHandle;
  private readonly resumptions: CounterHandle;
  private readonly resumed: CounterHandle;
  private readonly reissued: CounterHandle;
  private readonly interruptedCalls: CounterHandle;

  private readonly errors: ErrorSamples;

  constructor(registry: MetricsRegistry, errors: ErrorSamples, scenario: string, method: string, name: string | undefined) {
    this.registry = registry;
    this.errors = errors;
    this.baseTags = name === undefined ? { scenario, method } : { scenario, method, tool: name };
    const isCall = method !== 'close';
    this.outcomes = (isCall ? OUTCOME_CLASSES : []).map((outcome) => {
      const tags = outcome === 'success' ? this.baseTags : { ...this.baseTags, error_class: outcome };
      return {
        duration: registry.trend('mcp_call_duration').handle(tags),
        calls: registry.counter('mcp_calls').handle(tags),
        errors: registry.rate('mcp_errors').handle(tags),
        success: registry.rate('mcp_success').handle(tags),
      };
    });
    // Bytes per operation kind, so reports can show bytes per call for each tool.
    this.dataSent = registry.counter('data_sent').handle(this.baseTags);
    this.dataReceived = registry.counter('data_received').handle(this.baseTags);
    this.reinits = registry.counter('session_reinits').handle({ scenario });
    this.reinitAttempts = registry.counter('session_reinit_attempts').handle({ scenario });
    this.heldOpen = registry.counter('reply_streams_held_open').handle(this.baseTags);
    this.serverRequests = registry.counter('mcp_server_requests').handle(this.baseTags);
    this.notifications = registry.counter('mcp_notifications').handle(this.baseTags);
    this.progress = registry.counter('mcp_progress_notifications').handle(this.baseTags);
    this.resumptions = registry.counter('stream_resumptions').handle(this.baseTags);
    this.resumed = registry.counter('stream_resumed_calls').handle(this.baseTags);
    this.reissued = registry.counter('requests_reissued').handle(this.baseTags);
    this.interruptedCalls = registry.counter('mcp_calls_interrupted').handle(this.baseTags);
  }

  /** The operation was cut by an interrupt (graceful stop over, second signal): neither a success nor the server's error. */
  interrupted(): void {
    this.interruptedCalls.add(1);
  }

  /** Records the operation; `extraMs` adds time the call waited before it could start (open model). */
  record(result: OperationResult, extraMs = 0): void {
    const index = OUTCOME_CLASSES.indexOf(result.outcome);
    const h = this.outcomes[index];
    if (h !== undefined) {
      h.duration.record((result.durationMs + extraMs) * 1000);
      h.calls.add(1);
      h.errors.add(index !== 0);
      h.success.add(index === 0);
    }
    if (index !== 0 && this.registry.phase === 'measuring') this.errors.add(result);
    if (result.reinitAttempted) this.reinitAttempts.add(1);
    if (result.serverRequests > 0) this.serverRequests.add(result.serverRequests);
    if (result.notifications > 0) this.notifications.add(result.notifications);
    if (result.progressNotifications > 0) this.progress.add(result.progressNotifications);
    if (result.streamResumptions > 0) this.resumptions.add(result.streamResumptions);
    if (result.resumed) this.resumed.add(1);
    if (result.reissued > 0) this.reissued.add(result.reissued);
    if (result.reinitialized) this.reinits.add(1);
    const http = result.http;
    for (let i = 0; i < http.length; i++) this.recordHttp(http[i]);
    this.dataSent.add(result.bytesSent);
    this.dataReceived.add(result.bytesReceived);
  }

  private recordHttp(r: HttpRecord): void {
    const key = r.status * 128 + PURPOSES.indexOf(r.purpose) * 4 + HTTP_METHODS.indexOf(r.method);
    let h = this.http.get(key);
    if (h === undefined) {
      const tags = { ...this.baseTags, purpose: r.purpose, http_method: r.method, status: String(r.status) };
      h = {
        duration: this.registry.trend('http_req_duration').handle(tags),
        waiting: this.registry.trend('http_req_waiting').handle(tags),
        reqs: this.registry.counter('http_reqs').handle(tags),
        failed: this.registry.rate('http_req_failed').handle(tags),
      };
      this.http.set(key, h);
    }
    h.duration.record(r.durationMs * 1000);
    if (r.ttfbMs >= 0) h.waiting.record(r.ttfbMs * 1000);
    h.reqs.add(1);
    if (r.heldOpen) this.heldOpen.add(1);
    // A probe's refusal is the answer it asked for (a 2025 server declining 2026 discovery).
    h.failed.add(r.purpose !== 'probe' && (r.failed || r.status >= 400));
  }
}
