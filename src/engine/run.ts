import { McpTarget, reportInternalError, type SessionOptions } from '../mcp/index.ts';
import { shardScenario, type Shard, type Scenario, type ScenarioSpec, defaultKeepAliveMs } from '../scenario/index.ts';
import { ErrorSamples, type ErrorKind } from './error-samples.ts';
import { TraceExemplars, type TraceExemplar } from './trace-exemplars.ts';
import { AvailabilitySeries, type AvailabilitySeriesJSON } from './availability.ts';
import { TOOL_OUTPUT_LIMITS, tokenizerGraceMs, ToolOutputSampler } from './tool-output-sampler.ts';
import type { Tokenizer } from './tool-output-tokens.ts';
import { EventLoopMonitor } from './event-loop.ts';
import { EventSchedule, type EventRecord } from './events.ts';
import { createExecutor, type Executor, type ExecutorContext } from './executors/index.ts';
import { IterationRunner } from './iteration.ts';
import { evaluateThresholds, initMetrics, MAX_SERIES_PER_METRIC, MetricsRegistry, OTHER_TAG_VALUE, TimeSeries, type ThresholdResult } from './metrics/index.ts';
import { preflight } from './preflight.ts';
import { shareDiscovery } from './workers/shared-discovery.ts';
import type { RunShare } from './workers/share.ts';
import { waitForTarget } from './readiness.ts';
import { settleWithin, sleep, StopSignal } from './stop-signal.ts';
import { vuSessionOptions, type VuSessionOptions } from './session-options.ts';
import { VirtualUser } from './virtual-user.ts';
import { loadUndiciIfPlanned } from './undici-use.ts';

export interface Progress {
  elapsedMs: number;
  totalMs: number;
  vus: number;
  /** MCP calls and errors in the last second. */
  callsPerSecond: number;
  errorsPerSecond: number;
  totalCalls: number;
  totalErrors: number;
  warmingUp: boolean;
}

export interface RunOptions {
  /** The URL to load (the scenario's target, a --target override, or the embedded demo server). */
  url: string;
  /** Fire for a graceful stop (SIGINT): no new iterations, running ones finish within gracefulStop. */
  stop?: StopSignal;
  /** Fire for an immediate stop (a second SIGINT). */
  abort?: StopSignal;
  /** Each second; `registry` is the live metrics (read, never kept: a worker snapshots it for its parent's thresholds). */
  onProgress?: (progress: Progress, registry: MetricsRegistry) => void;
  /** Options for each MCP session (canned replies, stream, …). */
  session?: SessionOptions;
  /** Run only this shard's slice of the load (`--shard i/n`); n shards together run the whole. */
  shard?: Shard;
  /** Check the local limits before the load (default); a worker thread does not, its parent checked them for all. */
  preflight?: boolean;
  /** A pre-flight warning, as soon as it is known (it is also in the outcome's warnings). */
  onWarning?: (warning: string) => void;
  /** In a worker: what the workers find out once for all (the discovery probe, OAuth tokens; workers/share.ts). */
  share?: RunShare;
  /** What counts the sampled replies' tokens: the process's tokenizer thread, or a worker's parent's (workers/tokenizer-relay.ts). */
  tokenizer?: () => Tokenizer;
}

export interface RunOutcome {
  registry: MetricsRegistry;
  timeSeries: TimeSeries;
  thresholds: ThresholdResult[];
  /** Error kinds with counts and bounded message samples. */
  errors: ErrorKind[];
  /** Epoch ms. */
  startedAt: number;
  endedAt: number;
  /** Why the run ended early, if it did. */
  interrupted?: 'signal' | 'threshold';
  /** Things the user should know about the run itself. */
  warnings: string[];
  /** The worst per-second p99 of the generator's event-loop delay (its saturation is a finding). */
  generatorLagP99Ms: number;
  vusMax: number;
  /** The slice this run was, when sharded. */
  shard?: Shard;
  /** With tracing on: the slowest sampled calls' trace ids. */
  traceExemplars?: TraceExemplar[];
  /** Calls and failures per second by send time. */
  availability: AvailabilitySeriesJSON;
  /** The scenario's `events:`, with when they fired and what their commands did; absent without any. */
  events?: EventRecord[];
}

/** Runs every scenario of the test against the target and returns its metrics. */
export async function runTest(whole: Scenario, options: RunOptions): Promise<RunOutcome> {
  // Refused before anything starts when this shard would get no load.
  const scenario = options.shard ? shardScenario(whole, options.shard) : whole;
  const { client } = scenario;
  const sessionOptions: SessionOptions = {
    transport: scenario.transport,
    protocolVersion: client.protocolVersion,
    openStream: client.stream,
    progress: client.progress,
    replies: client.replies,
    reissue: client.reissue,
    cookies: client.cookies,
    ...(client.trace ? { traceparent: { sample: client.trace.sample } } : {}),
    ...options.session,
  };
  const preflightWarnings = options.preflight === false ? [] : preflight(scenario, sessionOptions.openStream ?? false);
  for (const warning of preflightWarnings) options.onWarning?.(warning);
  await initMetrics();
  loadUndiciIfPlanned(scenario, sessionOptions.openStream ?? false);
  const stop = options.stop ?? new StopSignal();
  const abort = options.abort ?? new StopSignal();
  const target = new McpTarget({
    url: options.url,
    headers: { ...scenario.headers },
    timeoutMs: scenario.timeoutMs,
    replyGraceMs: client.replyGraceMs,
    keepAliveMs: scenario.keepAliveMs ?? defaultKeepAliveMs(scenario.scenarios),
    instance: client.instance,
    ...(scenario.maxResponseBytes === undefined ? {} : { maxResponseBytes: scenario.maxResponseBytes }),
  });
  if (options.share) shareDiscovery(target, options.share);
  const perVu = vuSessionOptions(scenario, target, sessionOptions, options.share);
  try {
    if (scenario.wait.timeoutMs > 0) await waitForTarget(target, perVu.forVu(1, 0, ''), scenario.wait.timeoutMs, stop);
    const outcome = await runScenarios(scenario, target, perVu, stop, abort, options.onProgress, options.shard, options.tokenizer);
    outcome.warnings.unshift(...preflightWarnings);
    if (options.shard) outcome.shard = { index: options.shard.index, count: options.shard.count };
    return outcome;
  } finally {
    await target.close();
  }
}

async function runScenarios(
  scenario: Scenario,
  target: McpTarget,
  sessionOptions: VuSessionOptions,
  stop: StopSignal,
  abort: StopSignal,
  onProgress: RunOptions['onProgress'],
  shard: Shard | undefined,
  tokenizer: RunOptions['tokenizer'],
): Promise<RunOutcome> {
  const registry = new MetricsRegistry({ warmup: scenario.warmupMs > 0 });
  for (const t of scenario.thresholds) registry.track(t.metric, t.tags);
  const vusGauge = registry.gauge('vus').handle();
  const vusMaxGauge = registry.gauge('vus_max').handle();
  const warnings: string[] = [];
  let interrupted: RunOutcome['interrupted'];

  let active = 0;
  let allocated = 0;
  const allVus: VirtualUser[] = [];
  abort.onFire(() => {
    stop.fire();
    for (const vu of allVus) vu.interrupt.fire();
  });
  stop.onFire(() => (interrupted ??= 'signal'));

  const errorSamples = new ErrorSamples();
  sessionOptions.record(registry);
  const exemplars = scenario.client.trace ? new TraceExemplars() : undefined;
  const toolOutput = new ToolOutputSampler(registry, TOOL_OUTPUT_LIMITS, tokenizer);
  const availability = new AvailabilitySeries();
  const runners = scenario.scenarios.map(
    (spec) => new IterationRunner(spec, target, sessionOptions.forVu, registry, errorSamples, exemplars, Math.random, toolOutput, availability),
  );
  // A sharded test runs each command once, in shard 1; the other shards mark the moments only.
  const commandsHere = shard === undefined || shard.index === 1;
  const events = new EventSchedule((scenario.events ?? []).map((e) => (commandsHere ? e : { name: e.name, atMs: e.atMs, timeoutMs: e.timeoutMs })));
  abort.onFire(() => events.killAll());
  const executors = scenario.scenarios.map((spec) => createExecutor(spec));
  // Progress runs against the planned schedule; graceful stops only extend it when iterations linger.
  const totalMs = Math.max(...scenario.scenarios.map((s, i) => s.startTimeMs + executors[i].durationMs));

  const contexts = scenario.scenarios.map((spec, i): ExecutorContext => {
    const tags = { scenario: spec.name };
    const dropped = registry.counter('dropped_iterations').handle(tags);
    const droppedShare = registry.rate('dropped_iteration_share').handle(tags);
    const interruptedIterations = registry.counter('interrupted_iterations').handle(tags);
    const internalErrors = registry.counter('internal_errors').handle(tags);
    const runner = runners[i];
    return {
      newVu() {
        const vu = new VirtualUser(++allocated);
        allVus.push(vu);
        vusMaxGauge.set(allocated);
        return vu;
      },
      openSession: (vu) => runner.openSession(vu),
      async runIteration(vu, scheduledAt) {
        if (scheduledAt !== undefined) droppedShare.add(false);
        vu.running = true;
        try {
          await runner.run(vu, scheduledAt);
        } catch (err) {
          // The flow's own code threw (a template, a check): our bug, never the server's failure.
          reportInternalError(err, `scenario ${spec.name}`);
          internalErrors.add(1);
        } finally {
          vu.running = false;
        }
        if (vu.interrupt.fired && !vu.abandoned) interruptedIterations.add(1);
      },
      abandon(vu) {
        vu.abandoned = true;
        interruptedIterations.add(1);
      },
      activeVus(delta) {
        active += delta;
      },
      droppedIteration() {
        dropped.add(1);
        droppedShare.add(true);
      },
      stop,
      abort,
      now: () => performance.now(),
    };
  });

  // Setup, outside the measured window: preallocated VUs open their sessions before the schedule
  // starts; a handshake that takes longer than one timeout is waited for by the VU's first iteration.
  await settleWithin(Promise.all(executors.map((e, i) => e.setup?.(contexts[i]))), scenario.timeoutMs, stop);
  const startedAt = Date.now();
  registry.startWindow(startedAt);
  const timeSeries = new TimeSeries(registry, { startMs: startedAt });
  const loop = new EventLoopMonitor(registry.trend('event_loop_delay').handle());
  const t0 = performance.now();
  // Send times and events count from the measured window's start, as every time series does.
  availability.start(t0);
  events.start(t0);
  const runs = scenario.scenarios.map((spec, i) => runOne(spec, executors[i], contexts[i]));

  // The 1 s ticker: time series, progress, abortOnFail thresholds, generator lag.
  const calls = registry.counter('mcp_calls').total;
  const errors = registry.rate('mcp_errors').total;
  let lastCalls = 0;
  let lastErrors = 0;
  const tick = (): void => {
    const now = Date.now();
    const elapsedMs = performance.now() - t0;
    vusGauge.set(active);
    loop.sample();
    toolOutput.newSecond();
    timeSeries.tick(now);
    const totalCalls = calls.count;
    const totalErrors = errors.passes;
    onProgress?.(
      {
        elapsedMs,
        totalMs,
        vus: active,
        callsPerSecond: totalCalls - lastCalls,
        errorsPerSecond: totalErrors - lastErrors,
        totalCalls,
        totalErrors,
        warmingUp: registry.phase === 'warmup',
      },
      registry,
    );
    lastCalls = totalCalls;
    lastErrors = totalErrors;
    if (abortingThresholdFailed(scenario, registry, elapsedMs, now)) {
      interrupted = 'threshold';
      stop.fire();
    }
  };
  vusGauge.set(0);
  const ticker = setInterval(tick, 1000);
  // Warm-up ends on time, not at the next tick.
  const warmupEnd = scenario.warmupMs > 0 ? setTimeout(() => registry.startMeasuring(Date.now()), scenario.warmupMs) : undefined;
  try {
    await Promise.all(runs);
  } finally {
    clearInterval(ticker);
    clearTimeout(warmupEnd);
  }
  const endedAt = Date.now();
  events.stopScheduling();
  vusGauge.set(0);
  timeSeries.tick(endedAt);
  registry.finish(endedAt);
  loop.stop();
  // Warm sessions end with a DELETE each, taking turns, within the teardown deadline: teardown must not hold the results hostage.
  const deadline = new StopSignal();
  const offAbort = abort.onFire(() => deadline.fire());
  const closing = Promise.all(runners.map((r) => r.closeSessions(deadline)));
  if (!(await settleWithin(closing, scenario.teardownTimeoutMs))) deadline.fire();
  offAbort();
  // The cut DELETEs settle at once; this bounds the wait for them all the same.
  await settleWithin(closing, TEARDOWN_CUT_GRACE_MS);

  const eventRecords = await events.settle();
  // Off the hot path: the sampled replies' sizes and tokens, before thresholds read them.
  const tokenWarning = await toolOutput.measure(tokenizerGraceMs(endedAt - startedAt));
  if (tokenWarning !== undefined) warnings.push(tokenWarning);
  warnings.push(...sessionOptions.warnings());
  for (const { metric, tagSets } of registry.folded()) {
    warnings.push(
      `${metric} had more than ${MAX_SERIES_PER_METRIC} distinct tag sets: ${tagSets} later ones are counted together as tool "${OTHER_TAG_VALUE}" (totals are exact); ` +
        'split the tools over several scenarios or runs to see each of them.',
    );
  }
  const thresholds = evaluateThresholds(registry, scenario.thresholds, { nowMs: endedAt });
  const outcome: RunOutcome = {
    registry,
    timeSeries,
    thresholds,
    errors: errorSamples.toJSON(),
    startedAt,
    endedAt,
    warnings,
    generatorLagP99Ms: loop.worstP99Ms,
    vusMax: allocated,
    availability: availability.toJSON(),
  };
  if (eventRecords.length > 0) outcome.events = eventRecords;
  if (interrupted) outcome.interrupted = interrupted;
  if (exemplars) outcome.traceExemplars = exemplars.toJSON();
  return outcome;
}

/** After the deadline, the cut DELETEs' own settling (their sockets destroyed). */
const TEARDOWN_CUT_GRACE_MS = 1000;

async function runOne(spec: ScenarioSpec, executor: Executor, ctx: ExecutorContext): Promise<void> {
  if (spec.startTimeMs > 0) await sleep(spec.startTimeMs, ctx.stop);
  if (ctx.stop.fired) return;
  await executor.run(ctx);
}

function abortingThresholdFailed(scenario: Scenario, registry: MetricsRegistry, elapsedMs: number, nowMs: number): boolean {
  const aborting = scenario.thresholds.filter((t) => t.abortOnFail && elapsedMs >= t.delayAbortEvalMs);
  if (aborting.length === 0 || registry.phase === 'warmup') return false;
  return evaluateThresholds(registry, aborting, { nowMs, ignoreEmpty: true }).some((r) => !r.ok);
}
