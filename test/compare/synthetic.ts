// Fabricated runs whose truth is known: per-second buckets filled through a real MetricsRegistry and
// TimeSeries with explicit clocks, so every histogram, summary and breakdown is what a run would write.
import { ErrorSamples } from '../../src/engine/error-samples.ts';
import { MetricsRegistry, TimeSeries, snapshot } from '../../src/engine/metrics/index.ts';
import { CallRecorder, SessionRecorder } from '../../src/engine/recorder.ts';
import type { HttpPurpose, HttpRecord, OperationResult } from '../../src/mcp/index.ts';
import { breakdowns } from '../../src/results/breakdown.ts';
import { httpPerCall, sessionCounts } from '../../src/results/http-per-call.ts';
import { RESULT_SCHEMA_VERSION, type Result } from '../../src/results/types.ts';
import type { ScenarioSpecEcho } from '../../src/scenario/types.ts';
import { seededRandom } from '../../src/seeded-random.ts';

export interface SyntheticTool {
  name: string;
  /** Share of the calls (the shares of all tools add up to 1). */
  share: number;
  /** Multiplies this tool's latencies. */
  slowdown?: number;
  /** Probability that a call of this tool fails (overrides the run's). */
  errorRate?: number;
  /** HTTP requests per call of this tool. Default 1. */
  httpPerCall?: number;
  /** Per-tool median latency, ms (default: the run's). */
  medianMs?: number;
}

export interface SyntheticRun {
  seed: number;
  /** Seconds at the plateau, after a 2 s warm-up and a 3 s ramp-up; a 2 s ramp-down follows. Default 60. */
  steadySeconds?: number;
  /** MCP calls per second at the plateau. Default 150. */
  callsPerSecond?: number;
  /** Lognormal latency: median (ms) and σ of its log. Default 20 ms, 0.5. */
  medianMs?: number;
  sigma?: number;
  /** Multiplies every latency (1.2 = a 20 % slow-down at every percentile). */
  slowdown?: number;
  /** σ of an AR(1) drift (ρ 0.8 per second) of log latency, shared by all calls of a second. Default 0.04. */
  drift?: number;
  /** Multiplies the calls served per second (a server falling behind an arrival rate). */
  served?: number;
  errorRate?: number;
  tools?: SyntheticTool[];
  executor?: 'ramping-vus' | 'constant-arrival-rate';
  regression?: Record<string, unknown>;
  hash?: string;
  version?: string;
  cpus?: number;
  sha?: string;
}

const VUS = 10;
const WARMUP_S = 2;
const RAMP_UP_S = 3;
const RAMP_DOWN_S = 2;
const T0 = Date.UTC(2026, 0, 1);

export function syntheticRun(spec: SyntheticRun): Result {
  const random = seededRandom(spec.seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const steady = spec.steadySeconds ?? 60;
  const perSecond = spec.callsPerSecond ?? 150;
  const sigma = spec.sigma ?? 0.5;
  const driftSigma = spec.drift ?? 0.04;
  const tools = spec.tools ?? [{ name: 'send_sms', share: 1 }];
  const executor = spec.executor ?? 'ramping-vus';
  const totalS = RAMP_UP_S + steady + RAMP_DOWN_S;
  const endMs = T0 + totalS * 1000;

  const registry = new MetricsRegistry({ warmup: true, nowMs: T0 });
  const series = new TimeSeries(registry, { startMs: T0 });
  const vus = registry.gauge('vus').handle();
  // The engine's own recorders, so every metric and tag is the one a run writes.
  const errors = new ErrorSamples();
  const handles = tools.map((tool) => new CallRecorder(registry, errors, 'agents', 'tools/call', tool.name));
  const sessions = new SessionRecorder(registry, errors, 'agents');

  let drift = 0;
  for (let s = 0; s < totalS; s++) {
    if (s === WARMUP_S) registry.startMeasuring(T0 + s * 1000);
    // Share of the plateau's load in this second; the ramps run lighter and faster.
    const load =
      executor === 'constant-arrival-rate' ? 1 : s < RAMP_UP_S ? (s + 0.5) / RAMP_UP_S : s < RAMP_UP_S + steady ? 1 : (totalS - s - 0.5) / RAMP_DOWN_S;
    if (s === WARMUP_S) for (let v = 0; v < VUS; v++) sessions.recordInit(operation('initialize', 15, false, 2, 'session'));
    drift = 0.8 * drift + Math.sqrt(1 - 0.64) * driftSigma * normal();
    const calls = Math.round(perSecond * load * (spec.served ?? 1));
    for (let c = 0; c < calls; c++) {
      const pick = random();
      let at = 0;
      let i = 0;
      while (i < tools.length - 1 && pick >= at + tools[i].share) at += tools[i++].share;
      const tool = tools[i];
      const medianMs = tool.medianMs ?? spec.medianMs ?? 20;
      const ms = medianMs * Math.exp(sigma * normal() + drift) * (spec.slowdown ?? 1) * (tool.slowdown ?? 1) * (0.7 + 0.3 * load);
      const failed = random() < (tool.errorRate ?? spec.errorRate ?? 0);
      handles[i].record(operation('tools/call', ms, failed, tool.httpPerCall ?? 1, 'call'));
    }
    if (s === totalS - 1) for (let v = 0; v < VUS; v++) sessions.recordClose(operation('close', 5, false, 1, 'teardown'));
    vus.set(executor === 'constant-arrival-rate' ? VUS : Math.round(VUS * load));
    series.tick(T0 + (s + 1) * 1000);
  }
  registry.finish(endMs);
  const metrics = snapshot(registry, endMs);
  const timeSeries = series.toJSON();
  series.dispose();
  registry.dispose();

  const hash = spec.hash ?? 'a'.repeat(64);
  const scenarioSpec: ScenarioSpecEcho =
    executor === 'constant-arrival-rate'
      ? { ...common(), executor, rate: perSecond, timeUnitMs: 1000, durationMs: totalS * 1000, preAllocatedVUs: VUS, maxVUs: VUS }
      : {
          ...common(),
          executor,
          startVUs: 0,
          stages: [
            { durationMs: RAMP_UP_S * 1000, target: VUS },
            { durationMs: steady * 1000, target: VUS },
            { durationMs: RAMP_DOWN_S * 1000, target: 0 },
          ],
          gracefulRampDownMs: 0,
        };
  const result: Result = {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: { name: 'mcp-load', version: spec.version ?? '0.1.0' },
    scenario: {
      id: 'synthetic',
      hash,
      file: 'synthetic.yml',
      echo: {
        file: 'synthetic.yml',
        id: 'synthetic',
        hash,
        target: null,
        transport: 'auto',
        headers: {},
        timeoutMs: 30_000,
        wait: { timeoutMs: 0 },
        warmupMs: WARMUP_S * 1000,
        data: {},
        scenarios: [scenarioSpec],
        thresholds: [],
        regression: spec.regression ?? {},
      },
    },
    target: 'http://127.0.0.1:1/mcp',
    environment: { os: 'linux', arch: 'x64', node: 'v20.0.0', cpus: spec.cpus ?? 4, ci: true },
    startedAt: new Date(T0).toISOString(),
    endedAt: new Date(endMs).toISOString(),
    durationMs: endMs - T0,
    metrics,
    timeSeries,
    httpPerCall: httpPerCall(metrics),
    sessions: sessionCounts(metrics),
    ...breakdowns(metrics),
    thresholds: [],
    checks: [],
    errors: [],
    warnings: [],
    findings: [],
    vusMax: VUS,
  };
  if (spec.sha !== undefined) result.environment.git = { sha: spec.sha };
  return result;
}

function common() {
  return { name: 'agents', startTimeMs: 0, gracefulStopMs: 0, session: 'per-vu' as const, flow: [], tags: {} };
}

// A successful operation is only counted by the recorders (a failed one is kept as an error sample),
// so one object per kind is reused with its duration set: the calibration builds millions of calls.
const reused = new Map<string, { op: OperationResult; request: HttpRecord }>();

/** An operation as the wire client reports it: `httpRequests` requests of `purpose`, a tool error when `failed`. */
function operation(method: string, durationMs: number, failed: boolean, httpRequests: number, purpose: HttpPurpose): OperationResult {
  if (failed) return freshOperation(method, durationMs, failed, httpRequests, purpose);
  const kind = `${method} ${httpRequests} ${purpose}`;
  let entry = reused.get(kind);
  if (entry === undefined) {
    const op = freshOperation(method, durationMs, false, httpRequests, purpose);
    reused.set(kind, (entry = { op, request: op.http[0] }));
  }
  entry.op.durationMs = durationMs;
  if (entry.request !== undefined) entry.request.durationMs = durationMs;
  return entry.op;
}

function freshOperation(method: string, durationMs: number, failed: boolean, httpRequests: number, purpose: HttpPurpose): OperationResult {
  const request: HttpRecord = {
    method: purpose === 'teardown' ? 'DELETE' : 'POST',
    status: 200,
    ttfbMs: -1,
    durationMs,
    bytesSent: 0,
    bytesReceived: 0,
    purpose,
    failed: false,
    heldOpen: false,
  };
  return {
    method,
    outcome: failed ? 'tool' : 'success',
    durationMs,
    ttfbMs: -1,
    http: Array.from({ length: httpRequests }, () => request),
    bytesSent: 0,
    bytesReceived: 0,
    reinitAttempted: false,
    reinitialized: false,
    streamResumptions: 0,
    resumed: false,
    reissued: 0,
    progressNotifications: 0,
    notifications: 0,
    serverRequests: 0,
  };
}
