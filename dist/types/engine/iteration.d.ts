import { McpSession, type McpTarget } from '../mcp/index.ts';
import type { ScenarioSpec } from '../scenario/index.ts';
import type { MetricsRegistry } from './metrics/index.ts';
import type { ErrorSamples } from './error-samples.ts';
import type { TraceExemplars } from './trace-exemplars.ts';
import type { AvailabilitySeries } from './availability.ts';
import type { ToolOutputSampler } from './tool-output-sampler.ts';
import type { SessionOptionsFor } from './session-options.ts';
import { StopSignal } from './stop-signal.ts';
import type { VirtualUser } from './virtual-user.ts';
/**
 * Runs one iteration of a scenario's flow for a VU, and records what it cost. Everything a step
 * needs (recorders, check handles) is resolved once here, so an iteration allocates little.
 */
export declare class IterationRunner {
    readonly spec: ScenarioSpec;
    private readonly target;
    private readonly sessionOptions;
    private readonly steps;
    private readonly explicitInit;
    private readonly sessionRecorder;
    private readonly iterationDuration;
    private readonly iterationsDone;
    private readonly rng;
    /** Sessions opened (per-vu), closed at the end of the run. */
    readonly openSessions: Set<McpSession>;
    constructor(spec: ScenarioSpec, target: McpTarget, sessionOptions: SessionOptionsFor, registry: MetricsRegistry, errors: ErrorSamples, exemplars?: TraceExemplars | undefined, rng?: () => number, toolOutput?: ToolOutputSampler | undefined, availability?: AvailabilitySeries | undefined);
    /**
     * One pass through the flow. `scheduledAt` (open model) is when the iteration should have
     * started: the wait for it counts in the first call's latency and the iteration's duration.
     */
    run(vu: VirtualUser, scheduledAt?: number): Promise<void>;
    private runOpening;
    /**
     * One pass through the flow in `session`, and what it cost. `late` (open model only) is how
     * long the iteration waited past its due time for a VU and its session. It is charged to the
     * first call, and so is the handshake the iteration had to make (its wait for a handshake turn
     * included): the agent's first call could not start before its session existed. In the closed
     * model a call's latency is its own.
     */
    private iterate;
    /**
     * Ends every warm session (DELETE), counted as teardown. The DELETEs take turns as handshakes do
     * (the target's cap on them in flight at once), so thousands of VUs ending together are not a
     * connection storm. When `deadline` fires, what has not closed yet is counted as not closed, its
     * requests are cut, and their outcomes are not recorded: a DELETE the run stopped waiting for is
     * not the server's failed request.
     */
    closeSessions(deadline?: StopSignal): Promise<void>;
    /**
     * Opens a VU's warm session ahead of its first iteration (the open model's setup), which waits
     * for it. A failed handshake here leaves the VU without a session: its first iteration tries again.
     */
    openSession(vu: VirtualUser): Promise<void>;
    /**
     * Opens the session. When that fails, the agent's next call (from flow step `nextStep`) could not
     * be made: it counts as a failed call, and the VU backs off before its next attempt. In the open
     * model that call is also charged the wait for a handshake turn.
     */
    private initialize;
    private nextCall;
    private execute;
}
