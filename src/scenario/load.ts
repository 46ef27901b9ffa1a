import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname } from 'node:path';
import { isFramingHeader } from '../framing-headers.ts';
import { readAuth } from './auth.ts';
import { CLIENT_KEYS, readClientSettings } from './client.ts';
import { readDataSets } from './data-sets.ts';
import { echoScenario, hashScenario } from './echo.ts';
import { formatPath, Issues, ScenarioError, show, type ScenarioIssue } from './errors.ts';
import { isPlainMap, MapReader } from './fields.ts';
import { readScenarios } from './scenarios.ts';
import { compileTemplate, TemplateError } from './templates.ts';
import { readThresholds } from './thresholds.ts';
import { checkWarmup, readDefaults, withDefaultGate } from './defaults.ts';
import type { Render, Scenario } from './types.ts';
import { readYaml, type YamlSource } from './yaml-source.ts';

export interface LoadOptions {
  /** Replaces the file's `target` (CLI flag or action input); its `${VARS}` are then not needed. */
  target?: string;
  /** Variables for `${NAME}` interpolation; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Reads a data file (absolute path); defaults to fs.readFileSync. */
  readFile?: (path: string) => string;
}

export const TOP_LEVEL_KEYS = [
  'target',
  'transport',
  'headers',
  'auth',
  'timeout',
  'wait',
  'warmup',
  'data',
  'scenarios',
  'thresholds',
  'defaults',
  'regression',
  ...CLIENT_KEYS,
] as const;

export const WAIT_KEYS = ['timeout'] as const;

export const TRANSPORTS = ['auto', 'streamable-http', 'sse'] as const;

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const DEFAULT_TIMEOUT = 30 * SECOND;
const MAX_WAIT = 10 * MINUTE;

/** Reads, validates and resolves a scenario file; throws ScenarioError listing every problem with file:line:column. */
export async function loadScenario(file: string, opts: LoadOptions = {}): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ScenarioError([{ file, path: '', message: `cannot read the scenario: ${reason}` }]);
  }
  return parseScenario(text, file, opts);
}

/** As loadScenario, from text; `file` names the source in errors and anchors relative data paths. */
export function parseScenario(text: string, file: string, opts: LoadOptions = {}): Scenario {
  const issues = new Issues();
  const source = readYaml(text, { env: opts.env ?? process.env, omit: opts.target === undefined ? [] : ['target'] }, issues);
  if (!source) throw toError(file, issues, undefined);
  const resolved = resolveScenario(source, file, opts, issues);
  if (issues.count > 0 || !resolved) throw toError(file, issues, source);
  const hash = hashScenario(resolved);
  return { ...resolved, hash, toEcho: () => echoScenario(resolved, hash) };
}

function resolveScenario(
  source: YamlSource,
  file: string,
  opts: LoadOptions,
  issues: Issues,
): Omit<Scenario, 'hash' | 'toEcho'> | undefined {
  if (source.value === null || source.value === undefined) {
    issues.add([], 'the file is empty; a scenario needs at least scenarios: (see examples/quickstart.yml)');
    return undefined;
  }
  const r = MapReader.open(source.value, [], issues);
  if (!r) return undefined;
  r.allowOnly(TOP_LEVEL_KEYS);
  const data = readDataSets(r, dirname(file), opts.readFile ?? ((path) => readFileSync(path, 'utf8')));
  const rows = Object.fromEntries(Object.entries(data).map(([name, set]) => [name, set.rows]));
  const raw = isPlainMap(source.raw) ? source.raw : {};
  const { headers, headerTemplates } = readHeaders(r, rows);
  const auth = readAuth(r, rows);
  if (auth) {
    const preset = [...Object.keys(headers), ...Object.keys(headerTemplates)].find((name) => name.toLowerCase() === 'authorization');
    if (preset) issues.add([...r.at('headers'), preset], 'auth: sets the Authorization header from its tokens; remove this header or auth:', 'key');
  }
  const transport = r.oneOf('transport', TRANSPORTS, 'auto');
  if (transport === 'sse' && (auth || Object.keys(headerTemplates).length > 0)) {
    issues.add(r.at('transport'), 'auth: and templated headers need the Streamable HTTP transport; the legacy SSE transport sends only constant headers');
  }
  const scenarios = readScenarios(r, raw.scenarios, rows);
  const warmupMs = r.duration('warmup', { default: 0 });
  checkWarmup(warmupMs, scenarios, r.at('warmup'), issues);
  const resolved: Omit<Scenario, 'hash' | 'toEcho'> = {
    file,
    id: slugify(basename(file, extname(file))),
    target: readTarget(r, opts.target),
    transport,
    headers,
    headerTemplates,
    timeoutMs: r.duration('timeout', { default: DEFAULT_TIMEOUT, positive: true }),
    client: readClientSettings(r),
    wait: readWait(r),
    warmupMs,
    data,
    scenarios,
    thresholds: withDefaultGate(readThresholds(r.get('thresholds'), r.at('thresholds'), issues), scenarios, readDefaults(r).thresholds),
    regression: readRegression(r),
  };
  if (auth) resolved.auth = auth;
  return resolved;
}

function readTarget(r: MapReader, override: string | undefined): string | undefined {
  if (override !== undefined) {
    const problem = urlProblem(override);
    if (problem) r.issues.add(['target'], `${problem} (given as the target override)`);
    return override;
  }
  if (!r.has('target')) return undefined;
  const target = r.string('target');
  const problem = urlProblem(target);
  if (problem) r.issues.add(r.at('target'), problem);
  return target;
}

function urlProblem(target: string): string | undefined {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return `${show(target)} is not a URL (e.g. https://example.com/mcp)`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${show(target)} is not an http(s) URL`;
  return undefined;
}

// RFC 9110 token characters.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Constant headers, and those with `{{templates}}` compiled to render once per session. */
function readHeaders(
  r: MapReader,
  rows: Readonly<Record<string, readonly unknown[]>>,
): { headers: Record<string, string>; headerTemplates: Record<string, Render> } {
  const headers = r.stringMap('headers');
  const headerTemplates: Record<string, Render> = {};
  for (const [name, value] of Object.entries(headers)) {
    const path = [...r.at('headers'), name];
    if (!HEADER_NAME.test(name)) r.issues.add(path, 'is not a valid header name', 'key');
    else if (isFramingHeader(name)) r.issues.add(path, 'is set by mcp-load for each request; remove it', 'key');
    if (/[\r\n\0]/.test(value)) r.issues.add(path, 'a header value cannot hold line breaks');
    if (!value.includes('{{')) continue;
    delete headers[name];
    try {
      headerTemplates[name] = compileTemplate(value, rows);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      r.issues.add(path, error.message);
    }
  }
  return { headers, headerTemplates };
}

function readWait(r: MapReader): { timeoutMs: number } {
  if (!r.has('wait')) return { timeoutMs: 0 };
  const wait = MapReader.open(r.get('wait'), r.at('wait'), r.issues);
  if (!wait) return { timeoutMs: 0 };
  wait.allowOnly(WAIT_KEYS);
  return { timeoutMs: wait.duration('timeout', { default: 60 * SECOND, max: MAX_WAIT }) };
}

function readRegression(r: MapReader): Record<string, unknown> {
  if (!r.has('regression')) return {};
  const regression = MapReader.open(r.get('regression'), r.at('regression'), r.issues);
  return regression ? regression.value : {};
}

/** `My Scenario` → `my-scenario`. */
export function slugify(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'scenario'
  );
}

function toError(file: string, issues: Issues, source: YamlSource | undefined): ScenarioError {
  const located: ScenarioIssue[] = issues.list.map((issue) => {
    const position = issue.position ?? source?.locate(issue.path, issue.at);
    return { file, line: position?.line, column: position?.column, path: formatPath(issue.path), message: issue.message };
  });
  located.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return new ScenarioError(located);
}
