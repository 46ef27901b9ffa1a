import type { MetricsSnapshot } from '../engine/index.ts';
import type { HttpPerCall, SessionCounts } from './types.ts';
/**
 * HTTP requests per MCP call from the tagged series: the headline is every HTTP request the run
 * sent (discovery, session setup and teardown included) over the agent's calls, the cost of MCP as
 * a k6 run counts it. Beside it, each phase over its own unit: discovery per target, setup and
 * teardown per session, calls per call.
 */
export declare function httpPerCall(snapshot: MetricsSnapshot): HttpPerCall;
/** The sessions' lifecycle counts, from the session metrics' totals. */
export declare function sessionCounts(snapshot: MetricsSnapshot): SessionCounts;
