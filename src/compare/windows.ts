import { mergeTrendStates, type TimeBucket, type TrendState } from '../engine/index.ts';
import type { Result } from '../results/index.ts';
import { loadPlan } from '../scenario/index.ts';
import type { ScenarioSpecEcho } from '../scenario/index.ts';

/** The figures of one steady-state window: the unit of analysis (requests within a run are autocorrelated). */
export interface WindowSample {
  /** ms; null when the window had no MCP call. */
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  /** MCP calls per second. */
  throughput: number;
}

/** A scenario counts as at its plateau from this share of its planned peak (VUs or arrival rate). */
const PLATEAU_SHARE = 0.9;
/** A run with fewer windows than this gets shorter ones (down to 1 s): more windows, a narrower interval. The test needs 3 a side. */
const WANTED_WINDOWS = 10;
/** Shorter buckets (the run's last partial second) are left out. */
const MIN_BUCKET_MS = 500;
/**
 * Share of a bucket's length at either edge that may fall outside the measured time or the plan's
 * plateau: the one-second ticks drift a few ms from the warm-up's end and the executor's schedule,
 * and a second that is 95 % at plateau is steady (strictly, a 5 s run would keep only 2 of its 4 seconds).
 */
const EDGE_SHARE = 0.05;

/**
 * Splits the run's steady phase into windows of `windowMs` (whole seconds of per-second buckets)
 * and summarises each: latency percentiles from the exactly merged histograms, calls per second.
 *
 * Steady means measured (after warm-up) and at plateau: while every scenario of the plan is either
 * at ≥ 90 % of its own planned peak or idle throughout the bucket, and at least one is at its peak.
 * The plan (stages, rates, start times) comes from the scenario echo, so the same buckets are chosen
 * in every run of a workload whatever the server did. The iteration-count executors have no planned
 * end; with them, the measured VUs decide (≥ 90 % of the run's peak at both ends of the bucket).
 * A trailing part of a steady stretch too short for a whole window is dropped.
 */
export function steadyWindows(result: Result, windowMs: number): { windowMs: number; windows: WindowSample[] } {
  const buckets = result.timeSeries.buckets;
  if (buckets.length === 0) return { windowMs, windows: [] };
  const steady = steadyPredicate(result, buckets);
  const stretches: TimeBucket[][] = [];
  let stretch: TimeBucket[] = [];
  buckets.forEach((bucket, i) => {
    if (isMeasured(result, bucket) && steady(bucket, i)) {
      stretch.push(bucket);
    } else if (stretch.length > 0) {
      stretches.push(stretch);
      stretch = [];
    }
  });
  if (stretch.length > 0) stretches.push(stretch);

  let size = Math.max(1, Math.round(windowMs / 1000));
  const count = (n: number) => stretches.reduce((sum, s) => sum + Math.floor(s.length / n), 0);
  while (size > 1 && count(size) < WANTED_WINDOWS) size--;
  const windows: WindowSample[] = [];
  for (const s of stretches) {
    for (let at = 0; at + size <= s.length; at += size) windows.push(summarise(s.slice(at, at + size)));
  }
  return { windowMs: size * 1000, windows };
}

function isMeasured(result: Result, bucket: TimeBucket): boolean {
  const length = bucket.endMs - bucket.startMs;
  const edge = EDGE_SHARE * length;
  return bucket.startMs + edge >= result.metrics.startMs && bucket.endMs - edge <= result.metrics.endMs && length >= MIN_BUCKET_MS;
}

function summarise(buckets: readonly TimeBucket[]): WindowSample {
  const states = buckets.map((b) => b.latency.mcp_call_duration).filter((s): s is TrendState => s != null);
  const durationMs = buckets.reduce((sum, b) => sum + (b.endMs - b.startMs), 0);
  const calls = buckets.reduce((sum, b) => sum + (b.values.mcp_calls ?? 0), 0);
  const latency = states.length === 0 ? undefined : states.length === 1 ? states[0].summary : mergeTrendStates(states, durationMs).summary;
  return {
    p50: latency === undefined ? null : latency.p50,
    p90: latency === undefined ? null : latency.p90,
    p95: latency === undefined ? null : latency.p95,
    p99: latency === undefined ? null : latency.p99,
    throughput: calls / (durationMs / 1000),
  };
}

type Steady = (bucket: TimeBucket, index: number) => boolean;

function steadyPredicate(result: Result, buckets: readonly TimeBucket[]): Steady {
  const plans = result.scenario.echo.scenarios.map(plannedLoad);
  if (plans.length > 0 && plans.every((p): p is PlannedLoad => p !== undefined)) {
    return atPlateau(
      plans.filter((p) => p.peak > 0),
      buckets[0].startMs,
    );
  }
  return vusNearPeak(result, buckets);
}

interface PlannedLoad {
  peak: number;
  at(ms: number): number;
}

function atPlateau(plans: readonly PlannedLoad[], runStartMs: number): Steady {
  return (bucket) => {
    const edge = Math.max(1, EDGE_SHARE * (bucket.endMs - bucket.startMs));
    const points = [bucket.startMs + edge, (bucket.startMs + bucket.endMs) / 2, bucket.endMs - edge].map((t) => t - runStartMs);
    let anyOn = false;
    for (const plan of plans) {
      const states = points.map((t) => {
        const load = plan.at(t);
        return load >= PLATEAU_SHARE * plan.peak ? 'on' : load <= 0 ? 'off' : 'partial';
      });
      if (states.some((s) => s !== states[0]) || states[0] === 'partial') return false;
      if (states[0] === 'on') anyOn = true;
    }
    return anyOn;
  };
}

function vusNearPeak(result: Result, buckets: readonly TimeBucket[]): Steady {
  const vus = (b: TimeBucket | undefined) => b?.values.vus ?? 0;
  const peak = Math.max(0, ...buckets.filter((b) => isMeasured(result, b)).map(vus));
  // The gauge is read at the end of a bucket; the previous bucket's value is its start.
  return (bucket, i) => peak > 0 && vus(bucket) >= PLATEAU_SHARE * peak && vus(buckets[i - 1]) >= PLATEAU_SHARE * peak;
}

/** VUs or arrival rate over time (ms from the run's start); undefined for executors without a planned end. */
function plannedLoad(spec: ScenarioSpecEcho): PlannedLoad | undefined {
  const plan = loadPlan(spec);
  return plan && staged(plan.initial, plan.stages, spec.startTimeMs, plan.scale);
}

function staged(initial: number, stages: readonly { durationMs: number; target: number }[], start: number, scale: number): PlannedLoad {
  return {
    peak: Math.max(initial, ...stages.map((s) => s.target)) * scale,
    at(t) {
      if (t < start) return 0;
      let from = start;
      let level = initial;
      for (const stage of stages) {
        if (t < from + stage.durationMs) return (level + ((stage.target - level) * (t - from)) / stage.durationMs) * scale;
        from += stage.durationMs;
        level = stage.target;
      }
      return 0;
    },
  };
}
