import { parseDuration, didYouMean } from '../scenario/index.ts';

/** How a metric is tested; decides its defaults and which knobs apply. */
export type MetricKind = 'latency' | 'throughput' | 'error-rate' | 'http-per-call' | 'tokens';

/** The knobs of one metric, defaults applied. */
export interface MetricSettings {
  /** Smallest relative change worth flagging (0.1 = 10 %). */
  minEffect: number;
  /** Smallest absolute change worth flagging, in the metric's unit (ms, calls/s, error rate). */
  floor: number;
  /** Error rates: fewer errors than this in the worse run are never flagged. */
  minCount: number;
  /** Error rates: one-sided significance level of the two-proportion test. */
  alpha: number;
  gated: boolean;
}

/** The `regression:` block of a scenario, validated, defaults applied. */
export interface RegressionSettings {
  /** Window length for the windowed metrics (whole seconds). */
  windowMs: number;
  /** Two-sided confidence of the rank interval (its exact coverage is at least this). */
  confidence: number;
  /** Half-width of the history band in IQRs around the history median. */
  historyK: number;
  /** The knobs of a metric by its reference (`mcp_call_duration_p95`, `tool:send_sms:p95`). */
  metric(ref: string, kind: MetricKind, gatedByDefault: boolean): MetricSettings;
}

/** A `regression:` block that cannot be used; the message names the setting. */
export class RegressionSettingsError extends Error {
  override name = 'RegressionSettingsError';
}

export const DEFAULT_WINDOW_MS = 5_000;

const DEFAULTS: Record<MetricKind, Omit<MetricSettings, 'gated'>> = {
  latency: { minEffect: 0.1, floor: 2, minCount: 0, alpha: 0 },
  throughput: { minEffect: 0.1, floor: 1, minCount: 0, alpha: 0 },
  'error-rate': { minEffect: 0.1, floor: 0.001, minCount: 10, alpha: 0.01 },
  'http-per-call': { minEffect: 0, floor: 0, minCount: 0, alpha: 0 },
  // Output a model reads: a tenth more tokens, and at least one, is worth a mention.
  tokens: { minEffect: 0.1, floor: 1, minCount: 0, alpha: 0 },
};

/** Every overall metric a comparison reports, with its kind. */
export const OVERALL_METRICS: Readonly<Record<string, MetricKind>> = {
  mcp_call_duration_p95: 'latency',
  mcp_call_duration_p50: 'latency',
  mcp_error_rate: 'error-rate',
  throughput: 'throughput',
  http_per_call: 'http-per-call',
  http_per_call_discovery: 'http-per-call',
  http_per_call_setup: 'http-per-call',
  http_per_call_calls: 'http-per-call',
  http_per_call_teardown: 'http-per-call',
  tokens_per_call: 'tokens',
};

/** Per-tool metrics: `tool:<name>:<short>`; `<name>` may be `*` in settings. */
export const TOOL_METRICS = {
  p95: { metric: 'mcp_call_duration_p95', kind: 'latency' },
  error_rate: { metric: 'mcp_error_rate', kind: 'error-rate' },
  http_per_call: { metric: 'http_per_call', kind: 'http-per-call' },
  tokens_per_call: { metric: 'tokens_per_call', kind: 'tokens' },
} as const satisfies Record<string, { metric: string; kind: MetricKind }>;

export type ToolMetric = keyof typeof TOOL_METRICS;

export function toolRef(tool: string, short: ToolMetric): string {
  return `tool:${tool}:${short}`;
}

const GLOBAL_KEYS = ['window', 'confidence', 'historyK', 'gate'] as const;
const KNOBS: Record<MetricKind, readonly string[]> = {
  latency: ['minEffect', 'floor', 'floorMs', 'gated'],
  throughput: ['minEffect', 'floor', 'gated'],
  'error-rate': ['minEffect', 'floor', 'minCount', 'alpha', 'gated'],
  'http-per-call': ['gated'],
  // Informational only: an estimate from a sample of replies does not fail a build.
  tokens: ['minEffect', 'floor'],
};

type Knobs = Partial<MetricSettings>;

/** Validates a scenario's `regression:` block (call it at load time to fail before the run). */
export function regressionSettings(block: Readonly<Record<string, unknown>> = {}): RegressionSettings {
  const knobs = new Map<string, Knobs>();
  const gate = new Set<string>();
  let windowMs = DEFAULT_WINDOW_MS;
  let confidence = 0.9;
  let historyK = 3;
  for (const [key, value] of Object.entries(block)) {
    const path = `regression.${key}`;
    switch (key) {
      case 'window':
        windowMs = readWindow(value, path);
        break;
      case 'confidence':
        confidence = readNumber(value, path, 0.5, 0.999);
        break;
      case 'historyK':
        historyK = readNumber(value, path, 0.5, 10);
        break;
      case 'gate':
        if (!Array.isArray(value)) throw new RegressionSettingsError(`${path}: expected a list of metrics, e.g. ['tool:send_sms:p95']`);
        value.forEach((ref, i) => {
          if (typeof ref !== 'string') throw new RegressionSettingsError(`${path}[${i}]: expected a metric name`);
          if (kindOf(ref, `${path}[${i}]`) === 'tokens') {
            throw new RegressionSettingsError(`${path}[${i}]: ${ref} is informational (tokens are estimated from a sample of replies) and cannot be gated`);
          }
          gate.add(ref);
        });
        break;
      default:
        knobs.set(key, readKnobs(value, path, kindOf(key, path)));
    }
  }
  return {
    windowMs,
    confidence,
    historyK,
    metric(ref, kind, gatedByDefault) {
      const chain = inheritance(ref).map((r) => knobs.get(r) ?? {});
      const pick = <K extends keyof MetricSettings>(name: K): MetricSettings[K] | undefined => chain.find((k) => k[name] !== undefined)?.[name];
      const own = chain.slice(0, ref.startsWith('tool:') ? 2 : 1);
      const gated = own.find((k) => k.gated !== undefined)?.gated ?? (gatedBy(gate, ref) || gatedByDefault);
      const defaults = DEFAULTS[kind];
      return {
        minEffect: pick('minEffect') ?? defaults.minEffect,
        floor: pick('floor') ?? defaults.floor,
        minCount: pick('minCount') ?? defaults.minCount,
        alpha: pick('alpha') ?? defaults.alpha,
        gated,
      };
    },
  };
}

/** Where a metric's knobs come from, most specific first: `tool:x:p95`, `tool:*:p95`, `mcp_call_duration_p95`. */
function inheritance(ref: string): string[] {
  const tool = parseToolRef(ref);
  if (tool === undefined) return [ref];
  return [ref, `tool:*:${tool.short}`, TOOL_METRICS[tool.short].metric];
}

function gatedBy(gate: ReadonlySet<string>, ref: string): boolean {
  const tool = parseToolRef(ref);
  return gate.has(ref) || (tool !== undefined && gate.has(`tool:*:${tool.short}`));
}

function parseToolRef(ref: string): { tool: string; short: ToolMetric } | undefined {
  if (!ref.startsWith('tool:')) return undefined;
  const at = ref.lastIndexOf(':');
  const short = ref.slice(at + 1);
  const tool = ref.slice('tool:'.length, at);
  if (tool.length === 0 || !Object.hasOwn(TOOL_METRICS, short)) return undefined;
  return { tool, short: short as ToolMetric };
}

function kindOf(ref: string, path: string): MetricKind {
  if (Object.hasOwn(OVERALL_METRICS, ref)) return OVERALL_METRICS[ref];
  const tool = parseToolRef(ref);
  if (tool !== undefined) return TOOL_METRICS[tool.short].kind;
  if (ref.startsWith('tool:')) {
    throw new RegressionSettingsError(`${path}: expected tool:<name>:${Object.keys(TOOL_METRICS).join('|')}`);
  }
  const known = [...GLOBAL_KEYS, ...Object.keys(OVERALL_METRICS)];
  throw new RegressionSettingsError(`${path}: unknown metric or setting${didYouMean(ref, known)}`);
}

function readKnobs(value: unknown, path: string, kind: MetricKind): Knobs {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RegressionSettingsError(`${path}: expected a map of ${KNOBS[kind].join(', ')}`);
  }
  const knobs: Knobs = {};
  for (const [name, v] of Object.entries(value)) {
    const at = `${path}.${name}`;
    if (!KNOBS[kind].includes(name)) {
      throw new RegressionSettingsError(`${at}: not a setting of this metric${didYouMean(name, KNOBS[kind])} (settings: ${KNOBS[kind].join(', ')})`);
    }
    switch (name) {
      case 'minEffect':
        knobs.minEffect = readNumber(v, at, 0, 100);
        break;
      case 'floor':
      case 'floorMs':
        knobs.floor = readNumber(v, at, 0, Number.MAX_VALUE);
        break;
      case 'minCount':
        knobs.minCount = readNumber(v, at, 0, Number.MAX_SAFE_INTEGER);
        break;
      case 'alpha':
        knobs.alpha = readNumber(v, at, 1e-6, 0.5);
        break;
      case 'gated':
        if (typeof v !== 'boolean') throw new RegressionSettingsError(`${at}: expected true or false`);
        knobs.gated = v;
        break;
    }
  }
  return knobs;
}

function readNumber(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new RegressionSettingsError(`${path}: expected a number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function readWindow(value: unknown, path: string): number {
  const ms = typeof value === 'string' ? parseDuration(value) : typeof value === 'number' ? value : undefined;
  if (ms === undefined || !(ms >= 1000) || ms % 1000 !== 0 || ms > 600_000) {
    throw new RegressionSettingsError(`${path}: expected whole seconds from 1s to 10m (e.g. 5s), got ${JSON.stringify(value)}`);
  }
  return ms;
}
