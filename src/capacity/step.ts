import { mergeTrendStates, type TrendState } from '../engine/index.ts';
import type { CapacityStep, Result } from '../results/index.ts';
import type { Scenario, ScenarioSpec } from '../scenario/index.ts';
import type { Slo } from './slo.ts';
import { windowLatency } from './window-latency.ts';

/** Generator event-loop p99 above this: the generator, not the server, set the pace (as the engine warns). */
export const GENERATOR_LAG_MS = 50;
/** Dropped arrivals above this share of the planned ones breach (VUs ran out: the server is holding them). */
const DROPPED_SHARE = 0.01;

export interface StepPlan {
  /** Iterations (flows) per second. */
  rate: number;
  durationMs: number;
  maxVUs: number;
}

/**
 * The scenario's first workload at a constant arrival rate: the same flow, session mode and
 * target; the first second (up to a fifth of the step) is warm-up, not judged.
 */
export function stepScenario(scenario: Scenario, plan: StepPlan, first: boolean): Scenario {
  const base = scenario.scenarios[0];
  const spec: ScenarioSpec = {
    name: base.name,
    startTimeMs: 0,
    gracefulStopMs: base.gracefulStopMs,
    session: base.session,
    flow: base.flow,
    tags: base.tags,
    executor: 'constant-arrival-rate',
    rate: plan.rate,
    timeUnitMs: 1000,
    durationMs: plan.durationMs,
    // Enough warm sessions for calls of up to 500 ms: a VU opened mid-step would charge its handshake
    // to a call's latency (arrival-rate latency counts from the scheduled start).
    preAllocatedVUs: Math.min(plan.maxVUs, Math.max(2, Math.ceil(plan.rate / 2))),
    maxVUs: plan.maxVUs,
  };
  const warmupMs = Math.min(1000, Math.round(plan.durationMs / 5));
  const echo = scenario.toEcho();
  const { flow } = echo.scenarios[0];
  const { flow: _, ...specEcho } = spec;
  return {
    ...scenario,
    scenarios: [spec],
    thresholds: [],
    warmupMs,
    wait: first ? scenario.wait : { timeoutMs: 0 },
    toEcho: () => ({ ...echo, warmupMs, thresholds: [], scenarios: [{ ...specEcho, flow }] }),
  };
}

/**
 * Judges one step against the SLO. Latency is judged with compare's window statistics: the median
 * over the step's steady 1 s windows of each window's SLO percentile (mcp_call_duration counts agent
 * calls only: session setup, which grows with the VUs a step needs, is left out), with its interval;
 * the whole step's percentile is kept beside it. The first limit
 * that broke is named; the generator comes first, since its figures would be its own, not the server's.
 */
export function judgeStep(result: Result, plan: StepPlan, slo: Slo): CapacityStep {
  const summary = (metric: string) => result.metrics.metrics.find((m) => m.metric === metric && Object.keys(m.tags).length === 0);
  const calls = summary('mcp_calls');
  const errors = summary('mcp_errors');
  const dropped = summary('dropped_iterations');
  const lag = summary('event_loop_delay');
  const measuredMs = Math.max(1, result.metrics.endMs - result.metrics.startMs);
  const flowCalls = result.metrics.metrics
    .filter((m) => m.metric === 'mcp_call_duration' && m.type === 'trend' && m.tags.method !== undefined && m.tags.method !== 'initialize')
    .map((m) => m as TrendState & { tags: Record<string, string> })
    .filter((m) => m.summary.count > 0);
  const key = slo.latency ? (`p${slo.latency.percentile}` as const) : 'p95';
  const merged = flowCalls.length === 0 ? undefined : mergeTrendStates(flowCalls, measuredMs).summary;
  const windowed = windowLatency(result, key);
  const stepLatencyMs = merged === undefined ? null : merged[key];
  // A step too short for a whole steady window is judged on its whole-step percentile (latencyWindows 0 says so).
  const latencyMs = windowed.medianMs ?? stepLatencyMs;
  const callCount = calls?.type === 'counter' ? calls.summary.count : 0;
  const errorRate = errors?.type === 'rate' ? errors.summary.rate : 0;
  const droppedCount = dropped?.type === 'counter' ? dropped.summary.count : 0;
  // event_loop_delay holds each second's p99: the median second's says whether the lag was sustained, not one GC pause.
  const lagP99 = lag?.type === 'trend' && lag.summary.count > 0 ? lag.summary.p50 : 0;
  const planned = plan.rate * (plan.durationMs / 1000);

  let limit: CapacityStep['limit'];
  // Only the event loop's own lag says "generator": a slow server also lowers the achieved rate.
  if (lagP99 > GENERATOR_LAG_MS) {
    limit = 'generator';
  } else if (slo.latency && latencyMs !== null && latencyMs > slo.latency.limitMs) {
    limit = 'latency';
  } else if (slo.errorRate !== undefined && errorRate > slo.errorRate) {
    limit = 'errors';
  } else if (droppedCount > DROPPED_SHARE * planned) {
    limit = 'dropped';
  }
  const step: CapacityStep = {
    rate: plan.rate,
    durationMs: plan.durationMs,
    callsPerSecond: callCount / (measuredMs / 1000),
    latencyMs,
    latencyPercentile: key,
    latencyWindows: windowed.windows,
    ...(windowed.intervalMs ? { latencyIntervalMs: windowed.intervalMs } : {}),
    stepLatencyMs,
    flowCalls: merged?.count ?? 0,
    errorRate,
    dropped: droppedCount,
    generatorLagP99Ms: lagP99,
    held: limit === undefined,
  };
  if (limit) step.limit = limit;
  return step;
}
