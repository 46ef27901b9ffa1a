import { parseDuration } from './duration.ts';
import { show, type Issues, type Path } from './errors.ts';
import { isPlainMap, MapReader } from './fields.ts';
import { didYouMean } from './suggest.ts';
import type { ThresholdAggregation, ThresholdOperator, ThresholdSpec } from './types.ts';
import { BUILTIN_METRICS, builtinType, type MetricType } from '../metric-catalogue.ts';

export type { MetricType };
export { BUILTIN_METRICS };

/** Aggregations each metric type supports, as in k6 (`count` on trends is the number of samples). */
const AGGREGATIONS: Readonly<Record<MetricType, readonly string[]>> = {
  counter: ['count', 'rate'],
  gauge: ['value', 'min', 'max'],
  rate: ['rate'],
  trend: ['avg', 'min', 'max', 'med', 'p(N)', 'count'],
};

export const THRESHOLD_OBJECT_KEYS = ['threshold', 'abortOnFail', 'delayAbortEval'] as const;

const KEY = /^([A-Za-z_][A-Za-z0-9_]*)(?:\{(.*)\})?$/;
const EXPRESSION = /^\s*([a-z]+)(?:\(\s*([^)]*?)\s*\))?\s*(<=|>=|===|==|!=|<|>)\s*(\S+)\s*$/;

/** Reads `thresholds:` (metric key → list of expressions or {threshold, abortOnFail, delayAbortEval}). */
export function readThresholds(value: unknown, path: Path, issues: Issues): ThresholdSpec[] {
  if (value === null || value === undefined) return [];
  if (!isPlainMap(value)) {
    issues.add(path, `must be a map of metric to expressions, got ${show(value)}`);
    return [];
  }
  const specs: ThresholdSpec[] = [];
  for (const [key, entries] of Object.entries(value)) {
    const keyPath = [...path, key];
    const parsed = parseThresholdKey(key);
    if ('error' in parsed) {
      issues.add(keyPath, parsed.error, 'key');
      continue;
    }
    const list = typeof entries === 'string' || isPlainMap(entries) ? [entries] : entries;
    if (!Array.isArray(list) || list.length === 0) {
      issues.add(keyPath, `must be a list of expressions like ["p(95)<200"], got ${show(entries)}`);
      continue;
    }
    list.forEach((entry, index) => {
      const entryPath = Array.isArray(entries) ? [...keyPath, index] : keyPath;
      const spec = readThresholdEntry(entry, entryPath, issues);
      if (!spec) return;
      const expression = parseThresholdExpression(spec.source, builtinType(parsed.metric)!);
      if ('error' in expression) {
        issues.add(spec.sourcePath, expression.error);
        return;
      }
      specs.push({
        metric: parsed.metric,
        tags: parsed.tags,
        key,
        source: spec.source,
        ...expression,
        abortOnFail: spec.abortOnFail,
        delayAbortEvalMs: spec.delayAbortEvalMs,
      });
    });
  }
  return specs;
}

function readThresholdEntry(
  entry: unknown,
  path: Path,
  issues: Issues,
): { source: string; sourcePath: Path; abortOnFail: boolean; delayAbortEvalMs: number } | undefined {
  if (typeof entry === 'string') return { source: entry, sourcePath: path, abortOnFail: false, delayAbortEvalMs: 0 };
  const r = isPlainMap(entry) ? MapReader.open(entry, path, issues) : undefined;
  if (!r) {
    issues.add(path, `must be an expression like "p(95)<200" or {threshold, abortOnFail, delayAbortEval}, got ${show(entry)}`);
    return undefined;
  }
  r.allowOnly(THRESHOLD_OBJECT_KEYS);
  return {
    source: r.string('threshold', { hint: 'e.g. threshold: "p(95)<200"' }),
    sourcePath: r.at('threshold'),
    abortOnFail: r.boolean('abortOnFail', false),
    delayAbortEvalMs: r.duration('delayAbortEval', { default: 0 }),
  };
}

/** `mcp_call_duration{tool:send_sms,method:tools/call}` → metric and tag filter; unknown metrics are errors. */
export function parseThresholdKey(key: string): { metric: string; tags: Record<string, string> } | { error: string } {
  const match = KEY.exec(key.trim());
  if (!match) return { error: `${show(key)} is not a metric name with an optional {tag:value} filter` };
  const [, metric, filter] = match;
  if (!Object.hasOwn(BUILTIN_METRICS, metric)) {
    const hint = didYouMean(metric, Object.keys(BUILTIN_METRICS)) || `; metrics: ${Object.keys(BUILTIN_METRICS).join(', ')}`;
    return { error: `unknown metric "${metric}"${hint}` };
  }
  const tags: Record<string, string> = {};
  if (filter !== undefined) {
    for (const part of filter.split(',')) {
      const colon = part.indexOf(':');
      const name = part.slice(0, colon).trim();
      const value = part.slice(colon + 1).trim();
      if (colon < 0 || !name || !value) return { error: `tag filter "${part.trim()}" must be tag:value, e.g. {tool:send_sms}` };
      tags[name] = value;
    }
  }
  return { metric, tags };
}

/** `p(95)<200`, `rate<0.01`, `avg<1s` (trend values may carry a duration unit; they compare in ms). */
export function parseThresholdExpression(
  source: string,
  type: MetricType,
): { aggregation: ThresholdAggregation; op: ThresholdOperator; value: number } | { error: string } {
  const match = EXPRESSION.exec(source);
  const usage = `use ${AGGREGATIONS[type].join(', ')} with <, <=, >, >=, ==, !=, e.g. ${example(type)}`;
  if (!match) return { error: `${show(source)} is not a threshold expression (${usage})` };
  const [, name, argument, operator, literal] = match;
  let aggregation: ThresholdAggregation;
  if (name === 'p') {
    const p = Number(argument);
    if (argument === undefined || argument === '' || !Number.isFinite(p) || p < 0 || p > 100) {
      return { error: `${show(source)}: p() takes a percentile from 0 to 100, e.g. p(95)` };
    }
    aggregation = { kind: 'p', p };
  } else if (argument === undefined && isSimpleAggregation(name)) {
    aggregation = { kind: name };
  } else {
    return { error: `${show(source)}: unknown aggregation "${name}" (${usage})` };
  }
  const supported = AGGREGATIONS[type].includes(aggregation.kind === 'p' ? 'p(N)' : aggregation.kind);
  if (!supported) {
    const label = aggregation.kind === 'p' ? `p(${aggregation.p})` : name;
    return { error: `${show(source)}: ${label} does not apply to a ${type} metric (${usage})` };
  }
  const value = type === 'trend' ? (parseDuration(literal) ?? Number(literal)) : Number(literal);
  if (!Number.isFinite(value)) return { error: `${show(source)}: ${show(literal)} is not a number` };
  const op: ThresholdOperator = operator === '==' ? '===' : (operator as ThresholdOperator);
  return { aggregation, op, value };
}

function isSimpleAggregation(name: string): name is Exclude<ThresholdAggregation['kind'], 'p'> {
  return ['avg', 'min', 'max', 'med', 'rate', 'count', 'value'].includes(name);
}

function example(type: MetricType): string {
  return { counter: 'count<100', gauge: 'value<50', rate: 'rate<0.01', trend: 'p(95)<200' }[type];
}
