import { createHash } from 'node:crypto';
import { echoClientSettings } from './client.ts';
import { REDACTED, redactSecrets, redactUrl } from '../secrets/index.ts';
import type { EventSpec, FlowStep, Scenario, ScenarioEcho, StepEcho } from './types.ts';

type EchoSource = Omit<Scenario, 'toEcho' | 'hash' | 'source'>;

/** The scenario as plain JSON, without secrets: header values, URL credentials and query values become "***". */
export function echoScenario(scenario: EchoSource, hash: string): ScenarioEcho {
  const echo: ScenarioEcho = {
    file: scenario.file,
    id: scenario.id,
    hash,
    target: scenario.target === undefined ? null : redactUrl(scenario.target),
    transport: scenario.transport,
    headers: Object.fromEntries([...Object.keys(scenario.headers), ...Object.keys(scenario.headerTemplates)].map((name) => [name, REDACTED])),
    timeoutMs: scenario.timeoutMs,
    ...(scenario.keepAliveMs === undefined ? {} : { keepAliveMs: scenario.keepAliveMs }),
    ...withClient(scenario),
    wait: { ...scenario.wait },
    warmupMs: scenario.warmupMs,
    data: Object.fromEntries(Object.entries(scenario.data).map(([name, set]) => [name, { file: set.file, rows: set.rows.length }])),
    scenarios: scenario.scenarios.map(({ flow, ...spec }) => ({ ...spec, flow: flow.map(echoStep) })),
    thresholds: scenario.thresholds.map((threshold) => ({ ...threshold, tags: { ...threshold.tags } })),
    regression: structuredClone({ ...scenario.regression }),
  };
  if (scenario.events && scenario.events.length > 0) echo.events = scenario.events.map(echoEvent);
  if (scenario.auth) {
    const { identities, ...settings } = scenario.auth;
    echo.auth = { ...settings, clientIds: identities.map((identity) => identity.clientId) };
    for (const key of ['tokenEndpoint', 'issuer', 'resource'] as const) {
      const url = settings[key];
      if (url !== undefined) echo.auth[key] = redactUrl(url);
    }
  }
  return echo;
}

/**
 * sha256 of the echo without where it came from, what it ran against, or how it is compared
 * (`regression:` tunes the verdict, not the load), so runs against any target compare.
 */
export function hashScenario(scenario: EchoSource): string {
  const { file: _file, id: _id, target: _target, hash: _hash, regression: _regression, ...workload } = echoScenario(scenario, '');
  return createHash('sha256').update(canonicalJson(workload)).digest('hex');
}

function withClient(scenario: EchoSource): { client?: Partial<ScenarioEcho['client']> } {
  const client = echoClientSettings(scenario.client);
  return client === undefined ? {} : { client };
}

function echoEvent(event: EventSpec): EventSpec {
  const { run, ...rest } = event;
  if (run === undefined) return { ...rest };
  return { ...rest, run: 'shell' in run ? { shell: redactSecrets(run.shell) } : { argv: run.argv.map(redactSecrets) } };
}

function echoStep(step: FlowStep): StepEcho {
  const checks = 'checks' in step ? step.checks.map((check) => check.name) : [];
  switch (step.kind) {
    case 'think':
      return { kind: step.kind, name: step.name, think: step.think };
    case 'call':
      return { kind: step.kind, name: step.name, tool: step.tool, args: step.args, checks };
    case 'read':
      return { kind: step.kind, name: step.name, uri: step.uri, checks };
    case 'prompt':
      return { kind: step.kind, name: step.name, prompt: step.prompt, args: step.args, checks };
    case 'list':
      return { kind: step.kind, name: step.name, what: step.what, checks };
    case 'initialize':
    case 'ping':
      return { kind: step.kind, name: step.name, checks };
  }
}

/** JSON with object keys sorted at every level, so equal values hash equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(item).sort()) {
      const field = (item as Record<string, unknown>)[key];
      Object.defineProperty(sorted, key, { value: field, enumerable: true, writable: true, configurable: true });
    }
    return sorted;
  });
}
