import type { MetricType } from './metric.ts';

/** k6's value kinds: trends of `time` are recorded in µs and reported in ms; `data` is bytes. */
export type MetricContains = 'time' | 'data' | 'default';

export interface MetricDefinition {
  readonly type: MetricType;
  readonly contains: MetricContains;
}

export const BUILTIN_METRICS = {
  mcp_call_duration: { type: 'trend', contains: 'time' },
  mcp_calls: { type: 'counter', contains: 'default' },
  mcp_errors: { type: 'rate', contains: 'default' },
  mcp_success: { type: 'rate', contains: 'default' },
  http_req_duration: { type: 'trend', contains: 'time' },
  http_reqs: { type: 'counter', contains: 'default' },
  http_req_failed: { type: 'rate', contains: 'default' },
  http_req_waiting: { type: 'trend', contains: 'time' },
  iteration_duration: { type: 'trend', contains: 'time' },
  iterations: { type: 'counter', contains: 'default' },
  dropped_iterations: { type: 'counter', contains: 'default' },
  vus: { type: 'gauge', contains: 'default' },
  vus_max: { type: 'gauge', contains: 'default' },
  data_sent: { type: 'counter', contains: 'data' },
  data_received: { type: 'counter', contains: 'data' },
  checks: { type: 'rate', contains: 'default' },
  session_init_duration: { type: 'trend', contains: 'time' },
  session_reinits: { type: 'counter', contains: 'default' },
  /** OAuth token requests to the authorization server, tagged `outcome` (ok, failed). */
  auth_token_fetches: { type: 'counter', contains: 'default' },
  auth_token_fetch_duration: { type: 'trend', contains: 'time' },
  /** 401s from the MCP server to a request that carried a token (each leads to one new token, shared). */
  auth_rejections: { type: 'counter', contains: 'default' },
  event_loop_delay: { type: 'trend', contains: 'time' },
} as const satisfies Record<string, MetricDefinition>;

export type BuiltinMetricName = keyof typeof BUILTIN_METRICS;


export function builtinType(name: string): MetricType | undefined {
  return Object.hasOwn(BUILTIN_METRICS, name) ? BUILTIN_METRICS[name as BuiltinMetricName].type : undefined;
}
