import type { Issues, Path } from './errors.ts';
import { plannedDurationMs } from './executors.ts';
import { isPlainMap, MapReader } from './fields.ts';
import { formatDuration } from './duration.ts';
import { parseThresholdExpression } from './thresholds.ts';
import type { ScenarioSpec, ThresholdSpec } from './types.ts';

export const DEFAULTS_KEYS = ['thresholds'] as const;

/** The error rate above which a run fails unless the scenario sets its own threshold on `mcp_errors`. */
export const DEFAULT_MAX_ERROR_RATE = 0.05;
/** The share of an open model's scheduled iterations that may be dropped before the run fails: beyond it the planned load was not offered. */
export const DEFAULT_MAX_DROPPED_SHARE = 0.01;

/** `defaults: { thresholds: false }` turns the default health gate off. */
export function readDefaults(r: MapReader): { thresholds: boolean } {
  if (!r.has('defaults')) return { thresholds: true };
  const value = r.get('defaults');
  const d = isPlainMap(value) ? MapReader.open(value, r.at('defaults'), r.issues) : undefined;
  if (!d) {
    r.issues.add(r.at('defaults'), 'must be a map, e.g. defaults: { thresholds: false }');
    return { thresholds: true };
  }
  d.allowOnly(DEFAULTS_KEYS);
  return { thresholds: d.boolean('thresholds', true) };
}

/**
 * The health gate every run carries unless the scenario opts out: an error rate under 5 % (only
 * when the scenario sets no threshold of its own on `mcp_errors`), at least one successful MCP
 * call (a successful session when the flow makes no call), and, with an arrival-rate scenario, at
 * most 1 % of the scheduled iterations dropped (unless the scenario sets its own threshold on
 * `dropped_iteration_share`). A run against a dead, unauthorised or rate-limiting target therefore
 * fails instead of passing with 100 % errors, and an open model that could not offer its planned
 * load fails instead of passing on the load it did offer.
 */
export function withDefaultGate(thresholds: ThresholdSpec[], scenarios: readonly ScenarioSpec[], enabled: boolean): ThresholdSpec[] {
  if (!enabled) return thresholds;
  const gate: ThresholdSpec[] = [];
  if (!thresholds.some((t) => t.metric === 'mcp_errors')) gate.push(defaultThreshold('mcp_errors', {}, `rate<${DEFAULT_MAX_ERROR_RATE}`));
  const makesCalls = scenarios.some((s) => s.flow.some((step) => step.kind !== 'think' && step.kind !== 'initialize'));
  gate.push(makesCalls ? defaultThreshold('mcp_calls', { expected_response: 'true' }, 'count>=1') : defaultThreshold('sessions_created', {}, 'count>=1'));
  const openModel = scenarios.some((s) => s.executor === 'constant-arrival-rate' || s.executor === 'ramping-arrival-rate');
  if (openModel && !thresholds.some((t) => t.metric === 'dropped_iteration_share')) {
    gate.push(defaultThreshold('dropped_iteration_share', {}, `rate<=${DEFAULT_MAX_DROPPED_SHARE}`));
  }
  return [...thresholds, ...gate];
}

type GateMetric = 'mcp_errors' | 'mcp_calls' | 'sessions_created' | 'dropped_iteration_share';

function defaultThreshold(metric: GateMetric, tags: Record<string, string>, source: string): ThresholdSpec {
  const type = metric === 'mcp_errors' || metric === 'dropped_iteration_share' ? 'rate' : 'counter';
  const expression = parseThresholdExpression(source, type);
  if ('error' in expression) throw new Error(`default threshold ${source}: ${expression.error}`);
  const tagText = Object.entries(tags)
    .map(([k, v]) => `${k}:${v}`)
    .join(',');
  return { metric, tags, key: tagText ? `${metric}{${tagText}}` : metric, source, ...expression, abortOnFail: false, delayAbortEvalMs: 0, default: true };
}

/** A warm-up that lasts as long as every scenario's schedule leaves nothing to measure: refused at load time. */
export function checkWarmup(warmupMs: number, scenarios: readonly ScenarioSpec[], at: Path, issues: Issues): void {
  if (warmupMs === 0 || scenarios.length === 0) return;
  const endMs = Math.max(...scenarios.map((s) => s.startTimeMs + plannedDurationMs(s)));
  if (warmupMs >= endMs) {
    issues.add(
      at,
      `warm-up of ${formatDuration(warmupMs)} lasts as long as the whole schedule (${formatDuration(endMs)}, startTime included): nothing would be measured; shorten the warm-up or lengthen the load`,
    );
  }
}
