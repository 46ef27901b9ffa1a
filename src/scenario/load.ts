import { readFileSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import { isFramingHeader } from '../framing-headers.ts';
import { readAuth } from './auth.ts';
import { CLIENT_KEYS, readClientSettings } from './client.ts';
import { MIN_SECRET_LENGTH, redactSecrets, redactUrl, registerHeaderSecrets, registerSecret, registerUrlSecrets } from '../secrets/index.ts';
import { readDataSets } from './data-sets.ts';
import { readEvents } from './events.ts';
import { echoScenario, hashScenario } from './echo.ts';
import { formatPath, Issues, ScenarioError, show, type ScenarioIssue } from './errors.ts';
import { isPlainMap, MapReader } from './fields.ts';
import { readScenarios } from './scenarios.ts';
import { compileTemplate, TemplateError } from './templates.ts';
import { readThresholds } from './thresholds.ts';
import { checkWarmup, readDefaults, withDefaultGate } from './defaults.ts';
import { peakVUs, peakVuKey } from './executors.ts';
import { MAX_RESPONSE_CAP, MIN_RESPONSE_CAP, openFileLimit, RESERVED_DESCRIPTORS, MAX_WORKERS, WORKER_MODES } from './limits.ts';
import { applyOverrides, type ExecutorOverrides } from './overrides.ts';
import { parseSize, SIZE_HINT } from './size.ts';
import type { Render, Scenario, ScenarioSpec } from './types.ts';
import type { VariablePolicy } from './variables.ts';
import { readYaml, type YamlSource } from './yaml-source.ts';

export interface LoadOptions {
  /** Replaces the file's `target` (CLI flag or action input); its `${VARS}` are then not needed. */
  target?: string;
  /** Variables for `${NAME}` interpolation; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Which of them a scenario may read; by default all but the runner's credentials (GITHUB_TOKEN, ACTIONS_*, INPUT_*). */
  variables?: VariablePolicy;
  /** Reads a data file (absolute path); defaults to fs.readFileSync. */
  readFile?: (path: string) => string;
  /** This process runs 1/shardCount of the load (`--shard i/n`): its share of VUs must fit its descriptors. */
  shardCount?: number;
  /** The open-file limit to check VUs against; defaults to this process's `ulimit -n` (none where unknown). */
  openFileLimit?: number;
  /**
   * false: VUs are not checked against the descriptor limit here but by the pre-flight before the
   * run, which knows whether the load runs in worker processes, each with its own limit (the CLI, the action).
   */
  checkDescriptors?: boolean;
  /** The CLI's `--vus`, `--duration`, `--iterations`, set in every scenario (see overrides.ts). */
  overrides?: ExecutorOverrides;
}

export const TOP_LEVEL_KEYS = [
  'target',
  'transport',
  'headers',
  'auth',
  'timeout',
  'keepAlive',
  'maxResponseSize',
  'wait',
  'warmup',
  'data',
  'scenarios',
  'thresholds',
  'defaults',
  'regression',
  'events',
  'workers',
  'teardownTimeout',
  ...CLIENT_KEYS,
] as const;

export const WAIT_KEYS = ['timeout'] as const;

export const TRANSPORTS = ['auto', 'streamable-http', 'sse'] as const;

const WORKER_LIMIT = { max: MAX_WORKERS, advice: 'one worker per core is the most that helps; split a larger load over machines with --shard i/n' };

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const DEFAULT_TIMEOUT = 30 * SECOND;
const MAX_WAIT = 10 * MINUTE;
const MAX_KEEP_ALIVE = 60 * MINUTE;

/** The scenario file's text; throws ScenarioError when it cannot be read. */
export function readScenarioText(file: string): string {
  try {
    // Synchronously: node:fs/promises is 2 ms of a run's start-up, and nothing waits meanwhile.
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ScenarioError([{ file, path: '', message: `cannot read the scenario: ${reason}` }]);
  }
}

/** Reads, validates and resolves a scenario file; throws ScenarioError listing every problem with file:line:column. */
export async function loadScenario(file: string, opts: LoadOptions = {}): Promise<Scenario> {
  return parseScenario(readScenarioText(file), file, opts);
}

/** As loadScenario, from text; `file` names the source in errors and anchors relative data paths. */
export function parseScenario(text: string, file: string, opts: LoadOptions = {}): Scenario {
  const issues = new Issues();
  const source = readYaml(text, { env: opts.env ?? process.env, variables: opts.variables, omit: opts.target === undefined ? [] : ['target'] }, issues);
  if (!source) throw toError(file, issues, undefined);
  registerSubstitutedSecrets(source);
  if (opts.overrides) applyOverrides(source.value, opts.overrides, issues);
  // Each data file as read, kept with the scenario: a worker parses these same bytes (Scenario.source).
  const dataFiles: Record<string, string> = {};
  const read = opts.readFile ?? ((path: string) => readFileSync(path, 'utf8'));
  const readFile = (path: string): string => (dataFiles[path] = read(path));
  const resolved = resolveScenario(source, file, opts, readFile, issues);
  if (resolved) registerResolvedSecrets(resolved);
  if (resolved && issues.count === 0 && opts.checkDescriptors !== false) checkDescriptors(resolved.scenarios, opts, issues);
  if (issues.count > 0 || !resolved) throw toError(file, issues, source);
  // Hashed when first read (the result, after the run): sha256 needs node:crypto, 4 ms of a run's start-up.
  let hash: string | undefined;
  const workloadHash = (): string => (hash ??= hashScenario(resolved));
  return {
    ...resolved,
    source: { text, dataFiles },
    get hash() {
      return workloadHash();
    },
    toEcho: () => echoScenario(resolved, workloadHash()),
  };
}

/**
 * Every VU may hold a connection, and every connection is a file descriptor: a load that cannot
 * fit under `ulimit -n` would fail with EMFILE mid-run, so it is refused now, at its largest scenario.
 */
function checkDescriptors(scenarios: readonly ScenarioSpec[], opts: LoadOptions, issues: Issues): void {
  const limit = opts.openFileLimit ?? openFileLimit();
  if (limit === undefined || scenarios.length === 0) return;
  const shards = opts.shardCount ?? 1;
  const vus = Math.ceil(scenarios.reduce((sum, spec) => sum + peakVUs(spec), 0) / shards);
  const available = limit - RESERVED_DESCRIPTORS;
  if (vus <= available) return;
  const largest = scenarios.reduce((a, b) => (peakVUs(b) > peakVUs(a) ? b : a));
  const share = shards > 1 ? ` (this shard's 1/${shards} of the load)` : '';
  issues.add(
    ['scenarios', largest.name, peakVuKey(largest)],
    `${vus} VUs${share} need up to ${vus} connections, but this process may open only ${limit} files (ulimit -n), ${RESERVED_DESCRIPTORS} of them for itself; ` +
      `raise the limit (ulimit -n ${Math.max(vus + RESERVED_DESCRIPTORS, 1024)}), lower the VUs, or split the load with --shard i/n`,
  );
}

/** Header values and the target's credentials, but for a value whose interpolation failed (it still reads `${NAME}`). */
function registerResolvedSecrets(resolved: Pick<Scenario, 'headers' | 'target'>): void {
  registerHeaderSecrets(Object.fromEntries(Object.entries(resolved.headers).filter(([, value]) => !value.includes('${'))));
  if (!resolved.target?.includes('${')) registerUrlSecrets(resolved.target);
}

/** Top-level keys whose `${VARS}` carry credentials (`auth:` for OAuth settings, `events:` for a command's token). */
const SECRET_KEYS = new Set(['headers', 'target', 'auth', 'events']);

/**
 * `${VARS}` in headers, target and auth settings are credentials, but for a variable holding a
 * whole URL (a preview deployment): only its credentials and query values are.
 */
function registerSubstitutedSecrets(source: YamlSource): void {
  for (const { path, value } of source.substitutions) {
    if (!SECRET_KEYS.has(String(path[0]))) continue;
    if (path[0] === 'target' && value.includes('://')) registerUrlSecrets(value);
    else registerSecret(value);
  }
  if (isPlainMap(source.value)) registerCredentialFields(source.value.auth);
}

/** Keys of `auth:` settings whose values are credentials even when written out (a client secret, a token). */
const CREDENTIAL_KEY = /secret|token|password|assertion|apikey|api_key|private/i;

function registerCredentialFields(value: unknown): void {
  if (Array.isArray(value)) for (const item of value) registerCredentialFields(item);
  else if (isPlainMap(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === 'string' && CREDENTIAL_KEY.test(key)) registerSecret(item);
      else registerCredentialFields(item);
    }
  }
}

function resolveScenario(
  source: YamlSource,
  file: string,
  opts: LoadOptions,
  readFile: (path: string) => string,
  issues: Issues,
): Omit<Scenario, 'hash' | 'toEcho' | 'source'> | undefined {
  if (source.value === null || source.value === undefined) {
    issues.add([], 'the file is empty; a scenario needs at least scenarios: (see examples/quickstart.yml)');
    return undefined;
  }
  const r = MapReader.open(source.value, [], issues);
  if (!r) return undefined;
  r.allowOnly(TOP_LEVEL_KEYS);
  const data = readDataSets(r, dirname(file), readFile);
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
  const timeoutMs = r.duration('timeout', { default: DEFAULT_TIMEOUT, positive: true });
  checkWarmup(warmupMs, scenarios, r.at('warmup'), issues);
  const resolved: Omit<Scenario, 'hash' | 'toEcho' | 'source'> = {
    file,
    id: slugify(basename(file, extname(file))),
    target: readTarget(r, opts.target),
    transport,
    headers,
    headerTemplates,
    timeoutMs,
    teardownTimeoutMs: r.duration('teardownTimeout', { default: timeoutMs, positive: true, max: MAX_WAIT }),
    ...readKeepAlive(r),
    client: readClientSettings(r),
    ...readMaxResponseSize(r),
    wait: readWait(r),
    warmupMs,
    data,
    scenarios,
    thresholds: withDefaultGate(readThresholds(r.get('thresholds'), r.at('thresholds'), issues), scenarios, readDefaults(r).thresholds),
    regression: readRegression(r),
  };
  if (auth) resolved.auth = auth;
  const events = readEvents(r.get('events'), scenarios, issues);
  if (events.length > 0) resolved.events = events;
  if (r.has('workers')) Object.assign(resolved, readWorkers(r));
  return resolved;
}

export const WORKERS_KEYS = ['count', 'mode'] as const;

/** `workers: 4`, or `workers: { count: 4, mode: process }` (either key may be left out). */
function readWorkers(r: MapReader): Pick<Scenario, 'workers' | 'workerMode'> {
  if (!isPlainMap(r.get('workers'))) return { workers: r.integer('workers', { min: 1, max: WORKER_LIMIT }) };
  const w = MapReader.open(r.get('workers'), r.at('workers'), r.issues);
  if (!w) return {};
  w.allowOnly(WORKERS_KEYS);
  return {
    ...(w.has('count') ? { workers: w.integer('count', { min: 1, max: WORKER_LIMIT }) } : {}),
    ...(w.has('mode') ? { workerMode: w.oneOf('mode', WORKER_MODES, 'thread') } : {}),
  };
}

function readTarget(r: MapReader, override: string | undefined): string | undefined {
  if (override !== undefined) {
    const problem = urlProblem(override);
    if (problem) r.issues.add(['target'], `${problem} (given as the target override)`);
    else registerUrlSecrets(override);
    return override;
  }
  if (!r.has('target')) return undefined;
  const target = r.string('target');
  const problem = urlProblem(target);
  if (problem) r.issues.add(r.at('target'), problem);
  return target;
}

// scheme://[userinfo@]host:PORT — read before URL parsing, which calls a port above 65535 "Invalid URL".
const WRITTEN_PORT = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?(?:\[[^\]]*\]|[^/?#:]*):(\d+)(?:[/?#]|$)/i;

/** What is wrong with a target URL, quoted without its credentials or query. */
function urlProblem(target: string): string | undefined {
  const shown = show(redactUrl(target));
  const port = WRITTEN_PORT.exec(target)?.[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65_535)) {
    return `${shown}: port ${Number(port)} is out of range; a port is 1 to 65535`;
  }
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return `${shown} is not a URL (e.g. https://example.com/mcp)`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${shown} is not an http(s) URL`;
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

/** The reply-size cap: a reply (or SSE event) beyond it is aborted as a transport error (`too_large`). */
function readMaxResponseSize(r: MapReader): { maxResponseBytes?: number } {
  if (!r.has('maxResponseSize')) return {};
  const bytes = parseSize(r.number('maxResponseSize'));
  if (bytes === undefined) {
    r.issues.add(r.at('maxResponseSize'), `${show(r.get('maxResponseSize'))} is not a size (${SIZE_HINT})`);
    return {};
  }
  if (bytes < MIN_RESPONSE_CAP || bytes > MAX_RESPONSE_CAP) {
    r.issues.add(r.at('maxResponseSize'), `must be between 1KiB and 1GiB, got ${bytes} bytes (the default, 4MiB, suits most servers)`);
    return {};
  }
  return { maxResponseBytes: bytes };
}

/** `keepAlive`: the idle lifetime of a kept-alive connection; absent, the engine derives it from the flows' thinks. */
function readKeepAlive(r: MapReader): { keepAliveMs?: number } {
  if (!r.has('keepAlive')) return {};
  return { keepAliveMs: r.duration('keepAlive', { default: 0, positive: true, max: MAX_KEEP_ALIVE }) };
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

/** The message with each interpolated value written back as its `${NAME}`: messages quote values, not the environment. */
function unsubstituted(message: string, source: YamlSource | undefined): string {
  let out = message;
  const substitutions = [...(source?.substitutions ?? [])].sort((a, b) => b.value.length - a.value.length);
  for (const { name, value } of substitutions) {
    if (value.length >= MIN_SECRET_LENGTH) out = out.split(value).join(`\${${name}}`);
  }
  return out;
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
    const message = redactSecrets(unsubstituted(issue.message, source));
    return { file, line: position?.line, column: position?.column, path: formatPath(issue.path), message };
  });
  located.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return new ScenarioError(located);
}
