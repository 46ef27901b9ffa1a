import { parseArgs } from 'node:util';
import { shortcutExecutors } from '../scenario/index.ts';

// One table per command: the parser reads it (node:util parseArgs ignores the extra fields) and
// the help is printed from it, so an option cannot be parsed without being documented or vice versa.
// This module imports nothing heavy: `--help` must not load the engine.

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  default?: string | boolean;
  /** The value's placeholder in the help, e.g. `<url>`. */
  value?: string;
  /** One line for the help. */
  description: string;
}

export interface CommandSpec {
  /** The command with its positionals, e.g. `run <scenario.yml>`. */
  usage: string;
  /** What it does and how it exits, in a line or two. */
  summary: string;
  options: Readonly<Record<string, OptionSpec>>;
}

const TARGET = { type: 'string', value: '<url>', description: "override the scenario's target (e.g. a preview deployment)" } as const;
const RESULTS_DIR = { type: 'string', value: '<dir>', default: 'mcp-load-results', description: 'where result.json, report.html and summary.md go' } as const;
const TRANSPORT = { type: 'string', value: '<t>', default: 'auto', description: 'auto | streamable-http | sse' } as const;
const HEADER = { type: 'string', short: 'H', multiple: true, value: '<h>', description: '"Name: value", repeatable (values are never printed)' } as const;
const TIMEOUT = { type: 'string', value: '<ms>', default: '30000', description: 'per-request deadline in milliseconds' } as const;

/** What `run` and `demo` take: the scenario's overrides and the outputs. */
const RUN_OPTIONS = {
  target: TARGET,
  out: RESULTS_DIR,
  env: {
    type: 'string',
    short: 'e',
    multiple: true,
    value: '<KEY=VALUE>',
    description: 'set ${KEY} for the scenario, over the process environment; repeatable',
  },
  vus: { type: 'string', value: '<n>', description: `VUs of every scenario (${shortcutExecutors('vus').join(', ')})` },
  duration: {
    type: 'string',
    value: '<d>',
    description: `duration (maxDuration of the iteration executors) of every scenario (${shortcutExecutors('duration').join(', ')})`,
  },
  iterations: { type: 'string', value: '<n>', description: `iterations of every scenario (${shortcutExecutors('iterations').join(', ')})` },
  shard: { type: 'string', value: '<i/n>', description: 'run slice i of n (e.g. 2/4) of the load; merge the n results' },
  workers: {
    type: 'string',
    value: '<n>',
    description: 'workers, each its slice, merged exactly (default: the cores, less one for the embedded demo server; 1: one thread)',
  },
  'worker-mode': {
    type: 'string',
    value: '<m>',
    description: "thread (share this process's ulimit -n) or process (each its own); default: threads, processes when the VUs need them",
  },
  'allow-env': {
    type: 'string',
    multiple: true,
    value: '<NAME>',
    description: 'let ${NAME} read this GITHUB_TOKEN, ACTIONS_* or INPUT_* variable (never read otherwise); repeatable',
  },
  output: {
    type: 'string',
    short: 'o',
    multiple: true,
    value: '<k=t>',
    description: 'also write to an output, repeatable (as k6 --out): junit=FILE, json=FILE (JSON lines), prometheus=URL, otlp=URL',
  },
  'summary-json': {
    type: 'string',
    value: '<file|->',
    description: 'write the summary as JSON (docs/summary-json.md); - for stdout, the human summary then goes to stderr',
  },
  quiet: { type: 'boolean', default: false, description: 'no progress line' },
} as const;

export const COMMANDS = {
  run: {
    usage: 'run <scenario.yml>',
    summary: 'run a load test; exit 99 when a threshold fails (as k6)',
    options: RUN_OPTIONS,
  },
  demo: {
    usage: 'demo',
    summary: 'run examples/quickstart.yml against the embedded demo server',
    options: RUN_OPTIONS,
  },
  compare: {
    usage: 'compare <current.json> [baseline.json]',
    summary:
      'flag regressions that are real, not noise; exit 1 on one, 2 when an input cannot be read; a gated metric that could not be tested is ⚠ inconclusive (exit 0)',
    options: {
      history: { type: 'string', value: '<dir|file>', description: 'compare against the history of earlier runs (≥ 5) instead' },
      'fail-on-inconclusive': { type: 'boolean', default: false, description: 'exit 1 when a gated metric could not be tested' },
      output: {
        type: 'string',
        short: 'o',
        multiple: true,
        value: 'junit=<file>',
        description: 'also write JUnit XML: thresholds, checks and the gated verdicts',
      },
    },
  },
  merge: {
    usage: 'merge <result.json>…',
    summary:
      'merge the results of all shards of one test (run --shard i/n) into one result.json, report.html and summary.md; exit 99 when a threshold fails on the merged load',
    options: { out: RESULTS_DIR },
  },
  report: {
    usage: 'report <result.json>',
    summary: 're-render report.html and summary.md from a result',
    options: {
      out: { type: 'string', value: '<dir>', description: 'where they go (default: beside the result)' },
      baseline: { type: 'string', value: '<file>', description: "a baseline result: compared as the action does (the PR comment's verdicts), shown alongside" },
      history: {
        type: 'string',
        value: '<dir>',
        description: 'earlier runs (result.json files or a history.json): the history charts and section, with this run last',
      },
    },
  },
  session: {
    usage: 'session <url>',
    summary: 'run one MCP session (initialize, tools/list, [call], close) and print what each operation cost in HTTP requests',
    options: {
      transport: TRANSPORT,
      call: { type: 'string', value: '<tool>', description: 'call this tool too' },
      args: { type: 'string', value: '<json>', default: '{}', description: 'its arguments' },
      header: HEADER,
      timeout: TIMEOUT,
    },
  },
  history: {
    usage: 'history <dir>',
    summary:
      'the runs of one workload found under dir (result.json files, e.g. downloaded artifacts, or a history.json) in time order, their key figures, and the change points where one shifted',
    options: {},
  },
  capacity: {
    usage: 'capacity <scenario.yml> --slo "p95<200ms,errors<1%"',
    summary:
      "the highest arrival rate (flows/s) of the scenario's first workload that holds the SLO: geometric steps, then bisection; exit 1 when generator-bound or when even the first step broke it",
    options: {
      slo: { type: 'string', value: '<slo>', description: 'what must hold, e.g. "p95<200ms,errors<1%"' },
      start: { type: 'string', value: '<rate>', default: '10', description: 'first rate, iterations/s' },
      factor: { type: 'string', value: '<f>', default: '2', description: 'next rate = rate × f until a step breaks' },
      'max-rate': { type: 'string', value: '<rate>', default: '10000', description: 'never above' },
      step: { type: 'string', value: '<d>', default: '30s', description: "each step's duration (the first 1 s is warm-up)" },
      bisect: { type: 'string', value: '<n>', default: '3', description: 'bisection rounds' },
      'max-vus': { type: 'string', value: '<n>', default: '1000', description: 'VUs the arrival-rate executor may use' },
      target: TARGET,
      out: RESULTS_DIR,
    },
  },
  init: {
    usage: 'init <url>',
    summary: "list the server's tools, resources and prompts and write a commented scenario: one call per tool, arguments from its input schema",
    options: {
      out: { type: 'string', value: '<file>', default: 'scenario.yml', description: 'where the scenario goes' },
      force: { type: 'boolean', default: false, description: 'overwrite it' },
      vus: { type: 'string', value: '<n>', default: '10', description: 'agents at the peak' },
      duration: { type: 'string', value: '<d>', default: '1m30s', description: 'the whole run, ramps included' },
      think: { type: 'string', value: '<t>', default: '1s..3s', description: 'think time between iterations' },
      transport: TRANSPORT,
      header: HEADER,
      timeout: TIMEOUT,
    },
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

export function isCommandName(name: string | undefined): name is CommandName {
  return name !== undefined && Object.hasOwn(COMMANDS, name);
}

/** The command's options parsed by its table; unknown or malformed options throw parseArgs' ERR_PARSE_ARGS_* errors. */
export function parseCommand<N extends CommandName>(name: N, args: string[]) {
  return parseArgs({ args, options: COMMANDS[name].options as (typeof COMMANDS)[N]['options'], allowPositionals: true, strict: true });
}

/** `--help` or `-h` among the command's arguments (before a `--` that ends the options). */
export function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

const COLUMN = 25;
const WIDTH = 100;
const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', description: 'print this help' };

/** `mcp-load run --help`. */
export function commandHelp(name: CommandName): string {
  const spec: CommandSpec = COMMANDS[name];
  const lines = [`Usage: mcp-load ${spec.usage} [options]`, '', ...wrap(spec.summary, 0, 0), '', 'Options:'];
  for (const [option, config] of [...Object.entries(spec.options), ['help', HELP_OPTION] as const]) lines.push(...optionLines(option, config, 2, true));
  return lines.join('\n');
}

/** `mcp-load --help`: every command with its options. */
export function usage(): string {
  const lines = ['Usage: mcp-load <command> [options]', '', 'Commands:'];
  for (const spec of Object.values(COMMANDS) as CommandSpec[]) {
    lines.push(...entry(spec.usage, spec.summary, 2));
    // demo takes what run takes: said once.
    if (spec.options === RUN_OPTIONS && spec !== COMMANDS.run) continue;
    for (const [option, config] of Object.entries(spec.options)) lines.push(...optionLines(option, config, 4, false));
  }
  lines.push(
    ...entry('--version', 'print the version', 2),
    ...entry('--help', 'print this help', 2),
    '',
    'mcp-load <command> --help prints one command with its defaults; demo takes the options of run.',
  );
  return lines.join('\n');
}

function optionLines(name: string, config: OptionSpec, indent: number, withDefault: boolean): string[] {
  const flag = `${config.short ? `-${config.short}, ` : ''}--${name}${config.value ? ` ${config.value}` : ''}`;
  const shown = withDefault && typeof config.default === 'string' ? ` (default ${config.default})` : '';
  return entry(flag, `${config.description}${shown}`, indent);
}

/** `  --flag <v>             description`, wrapped under its column. */
function entry(term: string, description: string, indent: number): string[] {
  const head = `${' '.repeat(indent)}${term}`;
  if (head.length >= COLUMN - 1) return [head, ...wrap(description, COLUMN, COLUMN)];
  const [first, ...rest] = wrap(description, COLUMN, COLUMN);
  return [`${head.padEnd(COLUMN)}${first.trimStart()}`, ...rest];
}

function wrap(text: string, firstIndent: number, indent: number): string[] {
  const lines: string[] = [];
  let line = ' '.repeat(firstIndent);
  let empty = true;
  for (const word of text.split(' ')) {
    if (!empty && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = ' '.repeat(indent);
      empty = true;
    }
    line += empty ? word : ` ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines;
}
