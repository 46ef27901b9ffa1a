import { McpSession, type McpTarget, type OperationResult } from '../mcp/index.ts';
import type { FlowStep, RenderContext, ScenarioSpec, StepCheck } from '../scenario/index.ts';
import type { CounterHandle, MetricsRegistry, RateHandle, TrendHandle } from './metrics/index.ts';
import type { ErrorSamples } from './error-samples.ts';
import type { TraceExemplars } from './trace-exemplars.ts';
import type { AvailabilitySeries } from './availability.ts';
import type { ToolOutputSampler } from './tool-output-sampler.ts';
import { CallRecorder, SessionRecorder } from './recorder.ts';
import { backoffDelayMs } from './backoff.ts';
import type { SessionOptionsFor } from './session-options.ts';
import { sleep, StopSignal } from './stop-signal.ts';
import type { VirtualUser } from './virtual-user.ts';

interface StepRuntime {
  step: FlowStep;
  /** Null for steps that are not agent calls (think, initialize). */
  recorder: CallRecorder | null;
  checks: { check: StepCheck; passed: RateHandle }[];
  /** A tool call's result is read by one of its checks: parse every reply (else only what the outcome needs). */
  readsResult: boolean;
}

/** Checks decided by the outcome and the duration alone; any other kind reads the result. */
const OUTCOME_ONLY_CHECKS: ReadonlySet<StepCheck['kind']> = new Set(['notError', 'durationUnder']);

/**
 * Runs one iteration of a scenario's flow for a VU, and records what it cost. Everything a step
 * needs (recorders, check handles) is resolved once here, so an iteration allocates little.
 */
export class IterationRunner {
  readonly spec: ScenarioSpec;
  private readonly target: McpTarget;
  private readonly sessionOptions: SessionOptionsFor;
  private readonly steps: StepRuntime[];
  private readonly explicitInit: boolean;
  private readonly sessionRecorder: SessionRecorder;
  private readonly iterationDuration: TrendHandle;
  private readonly iterationsDone: CounterHandle;
  private readonly rng: () => number;
  /** Sessions opened (per-vu), closed at the end of the run. */
  readonly openSessions = new Set<McpSession>();

  constructor(
    spec: ScenarioSpec,
    target: McpTarget,
    sessionOptions: SessionOptionsFor,
    registry: MetricsRegistry,
    errors: ErrorSamples,
    exemplars: TraceExemplars | undefined = undefined,
    rng: () => number = Math.random,
    toolOutput: ToolOutputSampler | undefined = undefined,
    availability: AvailabilitySeries | undefined = undefined,
  ) {
    this.spec = spec;
    this.target = target;
    this.sessionOptions = sessionOptions;
    this.rng = rng;
    const scenario = spec.name;
    this.steps = spec.flow.map((step) => ({
      step,
      recorder:
        step.kind === 'think' || step.kind === 'initialize'
          ? null
          : new CallRecorder(registry, errors, scenario, methodOf(step), nameOf(step), exemplars, toolOutput, availability),
      checks:
        step.kind === 'think'
          ? []
          : step.checks.map((check) => ({ check, passed: registry.rate('checks').handle({ scenario, step: step.name, check: check.name }) })),
      readsResult: step.kind !== 'think' && step.checks.some((check) => !OUTCOME_ONLY_CHECKS.has(check.kind)),
    }));
    this.explicitInit = spec.flow.some((s) => s.kind === 'initialize');
    this.sessionRecorder = new SessionRecorder(registry, errors, scenario);
    const tags = { scenario };
    this.iterationDuration = registry.trend('iteration_duration').handle(tags);
    this.iterationsDone = registry.counter('iterations').handle(tags);
  }

  /**
   * One pass through the flow. `scheduledAt` (open model) is when the iteration should have
   * started: the wait for it counts in the first call's latency and the iteration's duration.
   */
  run(vu: VirtualUser, scheduledAt?: number): Promise<void> {
    const started = performance.now();
    // A warm session ready to use: the iteration is one async frame (iterate), not two.
    if (vu.opening === null && vu.session !== null && this.spec.session !== 'per-iteration') return this.iterate(vu, vu.session, false, started, scheduledAt);
    return this.runOpening(vu, started, scheduledAt);
  }

  private async runOpening(vu: VirtualUser, started: number, scheduledAt: number | undefined): Promise<void> {
    // A session still opening from the setup: the wait for it is the first call's, like a handshake.
    if (vu.opening !== null) await vu.opening;
    const perIteration = this.spec.session === 'per-iteration';
    let session = vu.session;
    if (perIteration || session === null) {
      session = new McpSession(this.target, this.sessionOptions(vu.id, vu.iterations, this.spec.name));
      if (!perIteration) {
        vu.session = session;
        this.openSessions.add(session);
      }
    }
    return this.iterate(vu, session, perIteration, started, scheduledAt);
  }

  /**
   * One pass through the flow in `session`, and what it cost. `late` (open model only) is how
   * long the iteration waited past its due time for a VU and its session. It is charged to the
   * first call, and so is the handshake the iteration had to make (its wait for a handshake turn
   * included): the agent's first call could not start before its session existed. In the closed
   * model a call's latency is its own.
   */
  private async iterate(vu: VirtualUser, session: McpSession, perIteration: boolean, started: number, scheduledAt: number | undefined): Promise<void> {
    // An interrupt cuts the call in flight by aborting the active session's requests.
    const interrupt = vu.interrupt;
    vu.activeSession = session;
    try {
      const late = scheduledAt === undefined ? undefined : Math.max(0, performance.now() - scheduledAt);
      const ctx: RenderContext = { vu: vu.id, iter: vu.iterations, scenario: this.spec.name, rng: this.rng };
      vu.iterations++;
      const openModel = late !== undefined;
      let pendingLate = late ?? 0;
      let completed = true;
      if (!this.explicitInit && !session.initialized) {
        const before = performance.now();
        completed = await this.initialize(session, vu, pendingLate, 0, openModel);
        pendingLate = openModel ? pendingLate + performance.now() - before : 0;
      }
      for (let i = 0; completed && i < this.steps.length; i++) {
        if (interrupt.fired) break;
        const { step, recorder, checks, readsResult } = this.steps[i];
        if (step.kind === 'think') {
          await sleep(step.sample(this.rng), interrupt);
          continue;
        }
        if (step.kind === 'initialize') {
          const before = performance.now();
          if (!session.initialized && !(await this.initialize(session, vu, pendingLate, i + 1, openModel))) break;
          pendingLate = openModel ? pendingLate + performance.now() - before : 0;
          continue;
        }
        const result = await this.execute(session, step, ctx, readsResult);
        if (interrupt.fired) {
          recorder!.interrupted();
          break;
        }
        recorder!.record(result, pendingLate);
        for (let c = 0; c < checks.length; c++) {
          const { check, passed } = checks[c];
          passed.add(check.test({ error: result.outcome !== 'success', result: result.result, durationMs: result.durationMs + pendingLate }));
        }
        pendingLate = 0;
      }
      if (perIteration && session.initialized) this.sessionRecorder.recordClose(await session.close());
    } finally {
      vu.activeSession = null;
    }
    if (interrupt.fired) return; // cut short: an interrupted iteration is not counted
    this.iterationDuration.record((performance.now() - (scheduledAt ?? started)) * 1000);
    this.iterationsDone.add(1);
  }

  /**
   * Ends every warm session (DELETE), counted as teardown. The DELETEs take turns as handshakes do
   * (the target's cap on them in flight at once), so thousands of VUs ending together are not a
   * connection storm. When `deadline` fires, what has not closed yet is counted as not closed, its
   * requests are cut, and their outcomes are not recorded: a DELETE the run stopped waiting for is
   * not the server's failed request.
   */
  async closeSessions(deadline: StopSignal = new StopSignal()): Promise<void> {
    const pending = new Set([...this.openSessions].filter((s) => s.initialized));
    this.openSessions.clear();
    let over = false;
    const offDeadline = deadline.onFire(() => {
      over = true;
      this.sessionRecorder.recordNotClosed(pending.size);
      for (const s of pending) s.abort();
    });
    try {
      await Promise.all(
        [...pending].map((s) =>
          this.target.handshakeTurn(async () => {
            if (over) return;
            const result = await s.close();
            if (over) return;
            pending.delete(s);
            this.sessionRecorder.recordClose(result);
          }),
        ),
      );
    } finally {
      offDeadline();
    }
  }

  /**
   * Opens a VU's warm session ahead of its first iteration (the open model's setup), which waits
   * for it. A failed handshake here leaves the VU without a session: its first iteration tries again.
   */
  openSession(vu: VirtualUser): Promise<void> {
    if (this.spec.session === 'per-iteration' || this.explicitInit || vu.session !== null) return Promise.resolve();
    const session = new McpSession(this.target, this.sessionOptions(vu.id, vu.iterations, this.spec.name));
    vu.session = session;
    this.openSessions.add(session);
    const opening = session
      .initialize()
      .then((result) => {
        this.sessionRecorder.recordInit(result);
        if (result.outcome === 'success') return;
        vu.session = null;
        this.openSessions.delete(session);
      })
      .finally(() => {
        if (vu.opening === opening) vu.opening = null;
      });
    vu.opening = opening;
    return opening;
  }

  /**
   * Opens the session. When that fails, the agent's next call (from flow step `nextStep`) could not
   * be made: it counts as a failed call, and the VU backs off before its next attempt. In the open
   * model that call is also charged the wait for a handshake turn.
   */
  private async initialize(session: McpSession, vu: VirtualUser, late: number, nextStep: number, openModel: boolean): Promise<boolean> {
    const before = performance.now();
    const result = await session.initialize();
    if (vu.interrupt.fired) return false;
    this.sessionRecorder.recordInit(result, late);
    if (result.outcome === 'success') {
      vu.failedHandshakes = 0;
      return true;
    }
    const turnWait = openModel ? Math.max(0, performance.now() - before - result.durationMs) : 0;
    this.nextCall(nextStep)?.recordUnreachable(result, late + turnWait);
    // A failed handshake leaves no usable session: the next iteration starts a new one.
    if (vu.session === session) {
      vu.session = null;
      this.openSessions.delete(session);
    }
    vu.failedHandshakes++;
    this.sessionRecorder.recordBackoff();
    await vu.pause(backoffDelayMs(vu.failedHandshakes, result.error, this.rng));
    return false;
  }

  private nextCall(from: number): CallRecorder | null {
    for (let i = from; i < this.steps.length; i++) {
      const recorder = this.steps[i].recorder;
      if (recorder !== null) return recorder;
    }
    return null;
  }

  private execute(
    session: McpSession,
    step: Exclude<FlowStep, { kind: 'think' | 'initialize' }>,
    ctx: RenderContext,
    readsResult: boolean,
  ): Promise<OperationResult> {
    switch (step.kind) {
      case 'call':
        return session.callTool(step.tool, step.render(ctx), readsResult);
      case 'list':
        return step.what === 'tools' ? session.listTools() : step.what === 'resources' ? session.listResources() : session.listPrompts();
      case 'read':
        return session.readResource(step.render(ctx));
      case 'prompt':
        return session.getPrompt(step.prompt, step.render(ctx));
      case 'ping':
        return session.ping();
    }
  }
}

function methodOf(step: FlowStep): string {
  switch (step.kind) {
    case 'call':
      return 'tools/call';
    case 'list':
      return `${step.what}/list`;
    case 'read':
      return 'resources/read';
    case 'prompt':
      return 'prompts/get';
    default:
      return step.kind;
  }
}

function nameOf(step: FlowStep): string | undefined {
  switch (step.kind) {
    case 'call':
      return step.tool;
    case 'read':
      return step.uri;
    case 'prompt':
      return step.prompt;
    default:
      return undefined;
  }
}
