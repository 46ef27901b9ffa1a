import { show, type Issues, type Path } from './errors.ts';
import { EXECUTOR_KEYS, EXECUTORS, isExecutorName, readExecutor } from './executors.ts';
import { isPlainMap, MapReader, type PlainMap } from './fields.ts';
import { readFlow } from './flow.ts';
import { didYouMean } from './suggest.ts';
import type { ScenarioSpec } from './types.ts';

export const COMMON_SCENARIO_KEYS = ['executor', 'startTime', 'gracefulStop', 'session', 'flow', 'tags'] as const;
export const SESSIONS = ['per-vu', 'per-iteration'] as const;

const DEFAULT_GRACEFUL_STOP = 30_000; // k6's
const SCENARIO_NAME = /^[A-Za-z0-9_-]+$/;
const ALL_EXECUTOR_KEYS = [...new Set(Object.values(EXECUTOR_KEYS).flat())];

/** Reads `scenarios:` (name → executor options, common options and flow). */
export function readScenarios(r: MapReader, raw: unknown, rows: Record<string, readonly unknown[]>): ScenarioSpec[] {
  if (!r.has('scenarios')) {
    const example = 'scenarios: { agents: { executor: constant-vus, vus: 10, duration: 30s, flow: [...] } }';
    r.issues.add(['scenarios'], `required (e.g. ${example})`);
    return [];
  }
  const scenarios = MapReader.open(r.get('scenarios'), r.at('scenarios'), r.issues);
  if (!scenarios) return [];
  const names = Object.keys(scenarios.value);
  if (names.length === 0) r.issues.add(r.at('scenarios'), 'needs at least one scenario');
  const specs: ScenarioSpec[] = [];
  for (const name of names) {
    const path = scenarios.at(name);
    if (!SCENARIO_NAME.test(name)) r.issues.add(path, 'scenario names use letters, digits, _ and -', 'key');
    const rawSpec = isPlainMap(raw) && isPlainMap(raw[name]) ? (raw[name] as PlainMap) : {};
    const spec = readScenario(scenarios.value[name], rawSpec.flow, path, r.issues, rows, name);
    if (spec) specs.push(spec);
  }
  return specs;
}

function readScenario(
  value: unknown,
  rawFlow: unknown,
  path: Path,
  issues: Issues,
  rows: Record<string, readonly unknown[]>,
  name: string,
): ScenarioSpec | undefined {
  const r = MapReader.open(value, path, issues);
  if (!r) return undefined;
  const executor = r.get('executor');
  if (!isExecutorName(executor)) {
    const hint = typeof executor === 'string' ? didYouMean(executor, EXECUTORS) : '';
    if (executor === undefined || executor === null) issues.add(r.at('executor'), `required; one of ${EXECUTORS.join(', ')}`);
    else issues.add(r.at('executor'), `${show(executor)} is not an executor${hint || `; executors: ${EXECUTORS.join(', ')}`}`);
    r.allowOnly([...COMMON_SCENARIO_KEYS, ...ALL_EXECUTOR_KEYS]);
    return undefined;
  }
  const own: readonly string[] = EXECUTOR_KEYS[executor];
  for (const key of Object.keys(r.value)) {
    const owners = EXECUTORS.filter((other) => EXECUTOR_KEYS[other].includes(key));
    if (owners.length > 0 && !own.includes(key)) {
      const takes = `${owners.join(', ')} ${owners.length > 1 ? 'take' : 'takes'} it`;
      issues.add(r.at(key), `is not an option of ${executor} (${takes})`, 'key');
    }
  }
  r.allowOnly([...COMMON_SCENARIO_KEYS, ...own], `${executor} takes`, ALL_EXECUTOR_KEYS);
  return {
    ...readExecutor(r, executor),
    name,
    startTimeMs: r.duration('startTime', { default: 0 }),
    gracefulStopMs: r.duration('gracefulStop', { default: DEFAULT_GRACEFUL_STOP }),
    session: r.oneOf('session', SESSIONS, 'per-vu'),
    flow: readFlow(r.get('flow'), rawFlow, r.at('flow'), issues, rows),
    tags: r.stringMap('tags'),
  };
}
