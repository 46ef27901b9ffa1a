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
export declare const EXPECTED_RESPONSE_TAG = "expected_response";
export declare const EXPECTED_ONLY: Readonly<{
    expected_response: "true";
}>;
export declare const BUILTIN_METRICS: {
    readonly mcp_call_duration: {
        readonly type: "trend";
        readonly contains: "time";
        readonly byOutcome: true;
    };
    readonly mcp_calls: {
        readonly type: "counter";
        readonly contains: "default";
    };
    readonly mcp_errors: {
        readonly type: "rate";
        readonly contains: "default";
    };
    readonly mcp_success: {
        readonly type: "rate";
        readonly contains: "default";
    };
    readonly http_req_duration: {
        readonly type: "trend";
        readonly contains: "time";
        readonly byOutcome: true;
    };
    readonly http_reqs: {
        readonly type: "counter";
        readonly contains: "default";
    };
    readonly http_req_failed: {
        readonly type: "rate";
        readonly contains: "default";
    };
    readonly http_req_waiting: {
        readonly type: "trend";
        readonly contains: "time";
        readonly byOutcome: true;
    };
    readonly iteration_duration: {
        readonly type: "trend";
        readonly contains: "time";
    };
    readonly iterations: {
        readonly type: "counter";
        readonly contains: "default";
    };
    readonly dropped_iterations: {
        readonly type: "counter";
        readonly contains: "default";
    };
    /** Of an open model's scheduled iterations, the share dropped (no VU free): the default health gate fails above 1 %. */
    readonly dropped_iteration_share: {
        readonly type: "rate";
        readonly contains: "default";
    };
    /** Iterations cut by an interrupt (graceful stop over, ramp-down, a second signal), including those the run stopped waiting for. */
    readonly interrupted_iterations: {
        readonly type: "counter";
        readonly contains: "default";
    };
    /** Exceptions from mcp-load's own code outside an MCP operation (a flow's template or check): bugs, never the server's. */
    readonly internal_errors: {
        readonly type: "counter";
        readonly contains: "default";
    };
    readonly vus: {
        readonly type: "gauge";
        readonly contains: "default";
    };
    readonly vus_max: {
        readonly type: "gauge";
        readonly contains: "default";
    };
    readonly data_sent: {
        readonly type: "counter";
        readonly contains: "data";
    };
    readonly data_received: {
        readonly type: "counter";
        readonly contains: "data";
    };
    readonly checks: {
        readonly type: "rate";
        readonly contains: "default";
    };
    readonly session_init_duration: {
        readonly type: "trend";
        readonly contains: "time";
        readonly byOutcome: true;
    };
    /** Lost sessions re-established (the new handshake succeeded). */
    readonly session_reinits: {
        readonly type: "counter";
        readonly contains: "default";
    };
    /** Lost sessions found (404, or a 400 that says so) and a new session started, whether or not it succeeded. */
    readonly session_reinit_attempts: {
        readonly type: "counter";
        readonly contains: "default";
    };
    /** SSE replies the server kept open after their response, closed by mcp-load after the reply grace. */
    readonly reply_streams_held_open: {
        readonly type: "counter";
        readonly contains: "default";
    };
    /** Requests the server sent the client (sampling, elicitation, roots, ping) during an operation, by the operation's tags. */
    readonly mcp_server_requests: {
        readonly type: "counter";
        readonly contains: "default";
    };
    /** Notifications the server sent during an operation (progress included). */
    readonly mcp_notifications: {
        readonly type: "counter";
        readonly contains: "default";
    };
    readonly mcp_progress_notifications: {
        readonly type: "counter";
        readonly contains: "default";
    };
    /** Calls answered (or meant to be) with an SSE stream: the replies that could break. */
    readonly sse_replies: {
        readonly type: "counter";
        readonly contains: "default";
    };
    /** SSE replies that broke after their headers, before their response (reason `stream_broken`). */
    readonly sse_reply_breaks: {
        readonly type: "counter";
        readonly contains: "default";
    };
    /** Of a broken SSE reply: from its headers to the break. */
    readonly sse_reply_break_age: {
        readonly type: "trend";
        readonly contains: "time";
    };
    /** Of a broken SSE reply: the silence before the break (an intermediary's idle/read timeout shows here). */
    readonly sse_reply_break_idle: {
        readonly type: "trend";
        readonly contains: "time";
    };
    /** Legacy HTTP+SSE session streams that ended without mcp-load closing them, counted when the session reconnected. */
    readonly sse_stream_breaks: {
        readonly type: "counter";
        readonly contains: "default";
    };
    /** Of a broken stream: how long it had lived. */
    readonly sse_stream_lifetime: {
        readonly type: "trend";
        readonly contains: "time";
    };
    /** Of a broken stream: from the break to the new stream's endpoint event (mcp-load reconnects at the session's next call). */
    readonly sse_stream_reconnect_duration: {
        readonly type: "trend";
        readonly contains: "time";
    };
    /** GETs with Last-Event-ID resuming a reply stream that broke before its response (2025-11-25 resumability). */
    readonly stream_resumptions: {
        readonly type: "counter";
        readonly contains: "default";
    };
    /** Operations whose response arrived on a resumed stream. */
    readonly stream_resumed_calls: {
        readonly type: "counter";
        readonly contains: "default";
    };
    /** 2026-07-28 requests re-issued with a new id after their stream broke (reissue: true). */
    readonly requests_reissued: {
        readonly type: "counter";
        readonly contains: "default";
    };
    /** MCP operations cut by an interrupt (graceful stop over, a second signal): neither successes nor server errors. */
    readonly mcp_calls_interrupted: {
        readonly type: "counter";
        readonly contains: "default";
    };
    readonly session_init_errors: {
        readonly type: "rate";
        readonly contains: "default";
    };
    readonly sessions_created: {
        readonly type: "counter";
        readonly contains: "default";
    };
    readonly sessions_closed: {
        readonly type: "counter";
        readonly contains: "default";
    };
    readonly sessions_not_closed: {
        readonly type: "counter";
        readonly contains: "default";
    };
    readonly session_backoffs: {
        readonly type: "counter";
        readonly contains: "default";
    };
    /** Sessions the server no longer knew (404, or a 400 that says so), tagged `status` and `phase` (`handshake`: right after initialize was answered; `session`: in use). */
    readonly sessions_lost: {
        readonly type: "counter";
        readonly contains: "default";
    };
    /** How long a lost session had lived since its handshake, at the loss. */
    readonly session_lost_age: {
        readonly type: "trend";
        readonly contains: "time";
    };
    /** The agent's calls lost sessions had made before the loss, summed (over sessions_lost: the mean). */
    readonly session_lost_calls: {
        readonly type: "counter";
        readonly contains: "default";
    };
    /** Sessions served by more than one instance (a balancer without stickiness); counted once per session. */
    readonly session_hops: {
        readonly type: "counter";
        readonly contains: "default";
    };
    /** MCP calls that failed in a session already served by more than one instance. */
    readonly calls_failed_after_hop: {
        readonly type: "counter";
        readonly contains: "default";
    };
    /** Per instance (tag `instance`, from a response header or a stickiness cookie; at most MAX_INSTANCES, the rest `other`): HTTP requests answered... */
    readonly instance_http_reqs: {
        readonly type: "counter";
        readonly contains: "default";
    };
    /** ... of which failed (as http_req_failed counts)... */
    readonly instance_http_failed: {
        readonly type: "rate";
        readonly contains: "default";
    };
    /** ... MCP calls answered, by outcome (`expected_response`)... */
    readonly instance_calls: {
        readonly type: "counter";
        readonly contains: "default";
    };
    readonly instance_call_duration: {
        readonly type: "trend";
        readonly contains: "time";
        readonly byOutcome: true;
    };
    /** ... and sessions whose handshake it answered. */
    readonly instance_sessions: {
        readonly type: "counter";
        readonly contains: "default";
    };
    /** OAuth token requests to the authorization server, tagged `outcome` (ok, failed). */
    readonly auth_token_fetches: {
        readonly type: "counter";
        readonly contains: "default";
    };
    readonly auth_token_fetch_duration: {
        readonly type: "trend";
        readonly contains: "time";
    };
    /** 401s from the MCP server to a request that carried a token (each leads to one new token, shared). */
    readonly auth_rejections: {
        readonly type: "counter";
        readonly contains: "default";
    };
    readonly event_loop_delay: {
        readonly type: "trend";
        readonly contains: "time";
    };
    /**
     * UTF-8 bytes of a tools/call result's text a client hands a model (text items, embedded
     * resources and structuredContent as JSON; see docs/tokens.md), on a bounded sample of replies.
     */
    readonly tool_output_bytes: {
        readonly type: "trend";
        readonly contains: "data";
    };
    /** o200k_base tokens of that text, on the same sample: an estimate of what the output costs an LLM. */
    readonly tool_output_tokens: {
        readonly type: "trend";
        readonly contains: "default";
    };
};
export type BuiltinMetricName = keyof typeof BUILTIN_METRICS;
/** The filter a metric's untagged aggregate stands for: `{expected_response:true}` for latencies by outcome. */
export declare function impliedFilter(name: string): Readonly<Record<string, string>> | undefined;
export declare function builtinType(name: string): MetricType | undefined;
