// The built-in metrics, defined once: the scenario validates thresholds against them, the engine records them, reports format them.
/** k6's four metric types. */
export type MetricType = 'counter' | 'gauge' | 'rate' | 'trend';

/** k6's value kinds: trends of `time` are recorded in µs and reported in ms; `data` is bytes. */
export type MetricContains = 'time' | 'data' | 'default';

export interface MetricDefinition {
  readonly type: MetricType;
  readonly contains: MetricContains;
  /**
   * Samples carry an `expected_response` tag (as k6's); the metric's untagged aggregate and every
   * filter that does not name that tag are of expected outcomes (successful calls, non-failed
   * requests), so failing fast cannot pull a latency down. `{expected_response:false}` selects failures.
   */
  readonly byOutcome?: true;
}

/** The tag that splits latency by outcome, and the filter that a metric's untagged aggregate implies. */
export const EXPECTED_RESPONSE_TAG = 'expected_response';
export const EXPECTED_ONLY = Object.freeze({ [EXPECTED_RESPONSE_TAG]: 'true' });

export const BUILTIN_METRICS = {
  mcp_call_duration: { type: 'trend', contains: 'time', byOutcome: true },
  mcp_calls: { type: 'counter', contains: 'default' },
  mcp_errors: { type: 'rate', contains: 'default' },
  mcp_success: { type: 'rate', contains: 'default' },
  http_req_duration: { type: 'trend', contains: 'time', byOutcome: true },
  http_reqs: { type: 'counter', contains: 'default' },
  http_req_failed: { type: 'rate', contains: 'default' },
  http_req_waiting: { type: 'trend', contains: 'time', byOutcome: true },
  iteration_duration: { type: 'trend', contains: 'time' },
  iterations: { type: 'counter', contains: 'default' },
  dropped_iterations: { type: 'counter', contains: 'default' },
  /** Iterations cut by an interrupt (graceful stop over, ramp-down, a second signal), including those the run stopped waiting for. */
  interrupted_iterations: { type: 'counter', contains: 'default' },
  /** Exceptions from mcp-load's own code outside an MCP operation (a flow's template or check): bugs, never the server's. */
  internal_errors: { type: 'counter', contains: 'default' },
  vus: { type: 'gauge', contains: 'default' },
  vus_max: { type: 'gauge', contains: 'default' },
  data_sent: { type: 'counter', contains: 'data' },
  data_received: { type: 'counter', contains: 'data' },
  checks: { type: 'rate', contains: 'default' },
  session_init_duration: { type: 'trend', contains: 'time', byOutcome: true },
  /** Lost sessions re-established (the new handshake succeeded). */
  session_reinits: { type: 'counter', contains: 'default' },
  /** Lost sessions found (404, or a 400 that says so) and a new session started, whether or not it succeeded. */
  session_reinit_attempts: { type: 'counter', contains: 'default' },
  /** SSE replies the server kept open after their response, closed by mcp-load after the reply grace. */
  reply_streams_held_open: { type: 'counter', contains: 'default' },
  /** Requests the server sent the client (sampling, elicitation, roots, ping) during an operation, by the operation's tags. */
  mcp_server_requests: { type: 'counter', contains: 'default' },
  /** Notifications the server sent during an operation (progress included). */
  mcp_notifications: { type: 'counter', contains: 'default' },
  mcp_progress_notifications: { type: 'counter', contains: 'default' },
  /** GETs with Last-Event-ID resuming a reply stream that broke before its response (2025-11-25 resumability). */
  stream_resumptions: { type: 'counter', contains: 'default' },
  /** Operations whose response arrived on a resumed stream. */
  stream_resumed_calls: { type: 'counter', contains: 'default' },
  /** 2026-07-28 requests re-issued with a new id after their stream broke (reissue: true). */
  requests_reissued: { type: 'counter', contains: 'default' },
  /** MCP operations cut by an interrupt (graceful stop over, a second signal): neither successes nor server errors. */
  mcp_calls_interrupted: { type: 'counter', contains: 'default' },
  session_init_errors: { type: 'rate', contains: 'default' },
  sessions_created: { type: 'counter', contains: 'default' },
  sessions_closed: { type: 'counter', contains: 'default' },
  sessions_not_closed: { type: 'counter', contains: 'default' },
  session_backoffs: { type: 'counter', contains: 'default' },
  /** OAuth token requests to the authorization server, tagged `outcome` (ok, failed). */
  auth_token_fetches: { type: 'counter', contains: 'default' },
  auth_token_fetch_duration: { type: 'trend', contains: 'time' },
  /** 401s from the MCP server to a request that carried a token (each leads to one new token, shared). */
  auth_rejections: { type: 'counter', contains: 'default' },
  event_loop_delay: { type: 'trend', contains: 'time' },
  /**
   * UTF-8 bytes of a tools/call result's text a client hands a model (text items, embedded
   * resources and structuredContent as JSON; see docs/tokens.md), on a bounded sample of replies.
   */
  tool_output_bytes: { type: 'trend', contains: 'data' },
  /** o200k_base tokens of that text, on the same sample: an estimate of what the output costs an LLM. */
  tool_output_tokens: { type: 'trend', contains: 'default' },
} as const satisfies Record<string, MetricDefinition>;

export type BuiltinMetricName = keyof typeof BUILTIN_METRICS;


/** The filter a metric's untagged aggregate stands for: `{expected_response:true}` for latencies by outcome. */
export function impliedFilter(name: string): Readonly<Record<string, string>> | undefined {
  return Object.hasOwn(BUILTIN_METRICS, name) && (BUILTIN_METRICS[name as BuiltinMetricName] as MetricDefinition).byOutcome ? EXPECTED_ONLY : undefined;
}

export function builtinType(name: string): MetricType | undefined {
  return Object.hasOwn(BUILTIN_METRICS, name) ? BUILTIN_METRICS[name as BuiltinMetricName].type : undefined;
}
