import { stringify as stringifyYaml } from 'yaml';
import { formatDuration, compileSchemaSampler, SchemaSampleError } from '../scenario/index.ts';

/** What a server lists, as `tools/list`, `resources/list` and `prompts/list` return it (untrusted). */
export interface ServerCatalogue {
  url: string;
  server: { name: string; version: string; protocol: string };
  tools: readonly unknown[];
  resources: readonly unknown[];
  prompts: readonly unknown[];
}

export interface DraftShape {
  /** Where the scenario file's `# yaml-language-server: $schema=` points. */
  schemaRef: string;
  vus: number;
  durationMs: number;
  /** A think step as written, e.g. `1s..3s`. */
  think: string;
  /** Header names the user passed: written as `${ENV}` references, never their values. */
  headerNames: readonly string[];
}

/** Names that say a tool changes or removes what exists; a load test must not run them unasked. */
const DESTRUCTIVE_NAME =
  /(^|[-_.\s]|[a-z](?=[A-Z]))(delete|remove|drop|destroy|purge|erase|wipe|truncate|reset|kill|terminate|revoke|cancel|overwrite|uninstall|rm)([-_.\s]|[A-Z]|$)/i;
/** Names that say a call takes a long time on purpose (it would dominate every percentile). */
const LONG_RUNNING_NAME = /long[-_\s]?running|sleep/i;
const READ_STEPS_MAX = 3;
const DESCRIPTION_CHARS = 100;
/** Schema keys that only document; left out of the `{{fromSchema}}` text to keep it short. */
const DOCUMENTATION_KEYS = new Set(['description', 'title', '$schema', '$comment', 'default', 'markdownDescription', 'deprecated', 'readOnly', 'writeOnly']);

/**
 * A commented scenario for a server, from what it lists: the seed's shape (ramping agents, random
 * think time), one call per tool with `{{fromSchema}}` arguments for its required inputs, a few
 * resource reads, thresholds on p95 and errors. Tools that look destructive, reach the outside world
 * or run long on purpose, and prompts (free-text arguments), are written commented out with the reason.
 */
export function draftScenario(catalogue: ServerCatalogue, shape: DraftShape): string {
  const lines: string[] = [];
  const { server } = catalogue;
  lines.push(`# yaml-language-server: $schema=${shape.schemaRef}`);
  lines.push(`# Written by \`mcp-load init\` from ${comment(server.name)} ${comment(server.version)} (protocol ${comment(server.protocol)}):`);
  lines.push(`# ${catalogue.tools.length} tools, ${catalogue.resources.length} resources, ${catalogue.prompts.length} prompts. Arguments are drawn`);
  lines.push("# per call from each tool's input schema ({{fromSchema}}); replace them with real values where it matters.");
  lines.push(`target: ${scalar(catalogue.url)}`);
  if (shape.headerNames.length > 0) {
    lines.push('headers: # values come from the environment, so no secret is written here');
    for (const name of shape.headerNames) lines.push(`  ${scalar(name)}: ${scalar(`\${${envName(name)}}`, false)}`);
  }
  const ramp = Math.max(1000, Math.round(shape.durationMs * 0.2));
  const down = Math.max(1000, Math.round(shape.durationMs * 0.1));
  const hold = Math.max(1000, shape.durationMs - ramp - down);
  lines.push(
    'scenarios:',
    '  agents:',
    '    executor: ramping-vus',
    '    startVUs: 0',
    '    stages:',
    `      - { duration: ${formatDuration(ramp)}, target: ${shape.vus} } # ramp up`,
    `      - { duration: ${formatDuration(hold)}, target: ${shape.vus} } # hold`,
    `      - { duration: ${formatDuration(down)}, target: 0 } # ramp down`,
    '    gracefulStop: 5s',
    '    flow:',
  );
  const steps = [...catalogue.tools.map(toolStep), ...resourceSteps(catalogue.resources), ...catalogue.prompts.map(promptStep)];
  const active = steps.filter((step) => step.leftOut === undefined).length;
  for (const step of steps) lines.push(...renderStep(step));
  if (active === 0) lines.push('      - list: tools # every call above is left out: uncomment the ones to load');
  lines.push(`      - think: ${shape.think}`);
  lines.push('thresholds: # adjust to your SLO', '  mcp_call_duration: ["p(95)<500"]', '  mcp_errors: ["rate<0.01"]', '');
  return lines.join('\n');
}

interface DraftStep {
  /** The step's YAML lines, indented for the flow list (first line starts with `- `). */
  body: string[];
  /** A one-line description above it. */
  about?: string;
  /** Why the step is written commented out; undefined when it runs. */
  leftOut?: string;
}

function renderStep(step: DraftStep): string[] {
  const out: string[] = [];
  if (step.about) out.push(`      # ${step.about}`);
  if (step.leftOut !== undefined) out.push(`      # left out: ${step.leftOut}; uncomment to load it`);
  for (const line of step.body) out.push(step.leftOut === undefined ? `      ${line}` : `      # ${line}`);
  return out;
}

function toolStep(entry: unknown): DraftStep {
  const tool = asMap(entry);
  const name = typeof tool.name === 'string' ? tool.name : '';
  const annotations = asMap(tool.annotations);
  const schema = asMap(tool.inputSchema);
  const { args, problem } = argumentLines(schema);
  const body = [`- call: ${scalar(name)}`, ...args, '  check: { notError: true }'];
  const taskOnly =
    asMap(tool.execution).taskSupport === 'required' ? 'it runs only as a task (execution.taskSupport: required), which mcp-load does not drive' : undefined;
  return { body, about: describe(name, tool.description), leftOut: leftOutTool(name, annotations) ?? taskOnly ?? problem };
}

/** Why a tool must not run unasked: its annotations first (as the MCP spec reads them), then its name. */
function leftOutTool(name: string, annotations: Record<string, unknown>): string | undefined {
  if (annotations.destructiveHint === true) return 'destructiveHint: it may destroy data';
  // The spec's default for a tool that is not read-only is destructive.
  if (annotations.readOnlyHint === false && annotations.destructiveHint === undefined)
    return 'readOnlyHint false without destructiveHint (the spec then presumes destructive)';
  if (DESTRUCTIVE_NAME.test(name)) return 'its name looks destructive';
  if (annotations.openWorldHint === true) return 'openWorldHint: it may reach beyond this server';
  if (LONG_RUNNING_NAME.test(name)) return 'its name says it runs long on purpose';
  return undefined;
}

/** `args:` with one `{{fromSchema}}` per required property; a property the sampler cannot honour is the step's problem. */
function argumentLines(schema: Record<string, unknown>): { args: string[]; problem?: string } {
  const properties = asMap(schema.properties);
  const required = Array.isArray(schema.required) ? schema.required.filter((k): k is string => typeof k === 'string') : [];
  if (required.length === 0) return { args: [] };
  const args = ['  args:'];
  let problem: string | undefined;
  for (const key of required) {
    const property = withDefinitions(asMap(properties[key]), schema);
    try {
      compileSchemaSampler(property);
      args.push(`    ${scalar(key)}: ${scalar(fromSchemaTemplate(property))}`);
    } catch (error) {
      if (!(error instanceof SchemaSampleError)) throw error;
      problem ??= `argument ${comment(key)} needs a value (${comment(error.message)})`;
      args.push(`    ${scalar(key)}: null # give it a value`);
    }
  }
  return { args, problem };
}

/** A property that refers to the root's `$defs` carries them, since it is sampled on its own. */
function withDefinitions(property: Record<string, unknown>, root: Record<string, unknown>): Record<string, unknown> {
  if (!JSON.stringify(property).includes('"$ref"')) return property;
  return { ...property, ...(root.$defs ? { $defs: root.$defs } : {}), ...(root.definitions ? { definitions: root.definitions } : {}) };
}

/** `{{fromSchema '…'}}`: the schema as YAML flow, or as JSON (with `'` escaped) when the flow text has a `'`. */
export function fromSchemaTemplate(schema: unknown): string {
  const lean = withoutDocumentation(schema);
  const flow = stringifyYaml(lean, { collectionStyle: 'flow', lineWidth: 0 }).trim();
  const text = flow.includes("'") || flow.includes('\n') ? JSON.stringify(lean).replace(/'/g, '\\u0027') : flow;
  return `{{fromSchema '${text}'}}`;
}

function withoutDocumentation(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutDocumentation);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DOCUMENTATION_KEYS.has(key)) continue;
    // `properties` and `$defs` hold names, not keywords: a property called "title" stays.
    out[key] = key === 'properties' || key === '$defs' || key === 'definitions' ? mapValues(value, withoutDocumentation) : withoutDocumentation(value);
  }
  return out;
}

function mapValues(value: unknown, f: (v: unknown) => unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, f(v)]));
}

function resourceSteps(resources: readonly unknown[]): DraftStep[] {
  const listed = resources.map(asMap).filter((r) => typeof r.uri === 'string');
  return listed.map((resource, index) => ({
    body: [`- read: ${scalar(literalTemplate(resource.uri as string))}`, '  check: { notError: true }'],
    about: describe(String(resource.name ?? resource.uri), resource.description),
    leftOut: index < READ_STEPS_MAX ? undefined : `only the first ${READ_STEPS_MAX} resources are read`,
  }));
}

function promptStep(entry: unknown): DraftStep {
  const prompt = asMap(entry);
  const name = typeof prompt.name === 'string' ? prompt.name : '';
  const required = (Array.isArray(prompt.arguments) ? prompt.arguments : []).map(asMap).filter((a) => a.required === true && typeof a.name === 'string');
  const args =
    required.length === 0 ? [] : ['  args:', ...required.map((a) => `    ${scalar(a.name as string)}: "" # ${comment(String(a.description ?? 'free text'))}`)];
  return {
    body: [`- prompt: ${scalar(name)}`, ...args, '  check: { notError: true }'],
    about: describe(name, prompt.description),
    leftOut: required.length > 0 ? 'prompt arguments are free text: give them values' : 'prompts are not what most agents call in a loop',
  };
}

/** `name — description`, one line, bounded, safe inside a YAML comment. */
function describe(name: string, description: unknown): string {
  const about = typeof description === 'string' && description.trim() !== '' ? ` — ${description}` : '';
  return comment(`${name}${about}`);
}

/** Untrusted text made safe for a YAML comment: one line, no control characters, bounded. */
function comment(text: string): string {
  const line = text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > DESCRIPTION_CHARS ? `${line.slice(0, DESCRIPTION_CHARS - 1)}…` : line;
}

/**
 * A YAML scalar for untrusted text: JSON's double-quoted form (valid YAML), with `${` kept literal
 * (`$${`) so the loader's environment interpolation leaves it alone, unless `interpolated` is wanted.
 */
function scalar(text: string, literal = true): string {
  return JSON.stringify(literal ? text.replace(/\$\{/g, '$$$${') : text);
}

/** A resource URI read as a template: `{{` kept literal. */
function literalTemplate(text: string): string {
  return text.replace(/\{\{/g, '\\{{');
}

function envName(header: string): string {
  return (
    header
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'HEADER'
  );
}

function asMap(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
