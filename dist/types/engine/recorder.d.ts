import { type HttpRecord, type OperationResult } from '../mcp/index.ts';
import type { ErrorSamples } from './error-samples.ts';
import type { TraceExemplars } from './trace-exemplars.ts';
import type { AvailabilitySeries } from './availability.ts';
import type { ToolOutputSampler } from './tool-output-sampler.ts';
import { type MetricsRegistry } from './metrics/index.ts';
/**
 * Whether a request failed: no response, a 3xx mcp-load does not follow, a 4xx or 5xx. Probes
 * (discovery, the transport fallback) fail only for a real reason: no response, 401/403, 5xx.
 */
export declare function httpFailed(r: HttpRecord): boolean;
/**
 * Turns what one kind of agent call (a flow step: tools/call, a list, a read…) cost into metric
 * samples. One recorder per (scenario, method, name): every tag set is resolved to a handle once,
 * so recording allocates nothing.
 */
export declare class CallRecorder {
    private readonly registry;
    private readonly errors;
    private readonly name;
    private readonly exemplars;
    private readonly availability;
    private readonly outcomes;
    private readonly http;
    private readonly dataSent;
    private readonly dataReceived;
    private readonly reinits;
    private readonly reinitAttempts;
    private readonly serverRequests;
    private readonly notifications;
    private readonly progress;
    private readonly resumptions;
    private readonly resumed;
    private readonly reissued;
    private readonly interruptedCalls;
    private readonly replyBreaks;
    private readonly replyBreakAge;
    private readonly replyBreakIdle;
    /** Per kind of session stream: legacy, get. */
    private readonly streamBreaks;
    /** tools/call only: the sample of replies whose size and tokens are counted after the run. */
    private readonly output;
    private readonly instances;
    private readonly lifecycle;
    constructor(registry: MetricsRegistry, errors: ErrorSamples, scenario: string, method: string, name: string | undefined, exemplars?: TraceExemplars | undefined, toolOutput?: ToolOutputSampler | undefined, availability?: AvailabilitySeries | undefined);
    /** The operation was cut by an interrupt (graceful stop over, second signal): neither a success nor the server's error. */
    interrupted(): void;
    /** Records the call; `extraMs` adds time the call waited before it could start (open model). */
    record(result: OperationResult, extraMs?: number): void;
    /**
     * The agent's call could not be made because its session could not be opened: a failed call of
     * the handshake's class, after the handshake's time. Its HTTP requests are the session's.
     */
    recordUnreachable(handshake: OperationResult, extraMs?: number): void;
    /** A call of outcome class `index` that took `operation`'s time and `extraMs` of waiting before it. */
    private count;
}
/**
 * A session's own lifecycle (handshake, discovery, DELETE, back-off): session metrics, never MCP
 * calls. Its HTTP requests count in the HTTP metrics, so the HTTP-per-call ratio includes them.
 */
export declare class SessionRecorder {
    private readonly registry;
    private readonly errors;
    private readonly initDuration;
    private readonly initErrors;
    private readonly created;
    private readonly closed;
    private readonly notClosed;
    private readonly backoffs;
    private readonly initHttp;
    private readonly closeHttp;
    private readonly bytes;
    private readonly instances;
    private readonly lifecycle;
    constructor(registry: MetricsRegistry, errors: ErrorSamples, scenario: string);
    /** A handshake (or 2026 discovery); `extraMs` adds time it waited to start (open model). */
    recordInit(result: OperationResult, extraMs?: number): void;
    /** A session's end (DELETE, or nothing to send for a stateless one). */
    recordClose(result: OperationResult): void;
    /** Sessions whose DELETE did not finish before the teardown deadline: neither closed nor failed requests. */
    recordNotClosed(sessions: number): void;
    /** A VU paused before its next handshake attempt. */
    recordBackoff(): void;
}
