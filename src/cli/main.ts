import { TOOL_VERSION } from '../version.ts';
import { parseArgs } from 'node:util';
import { parseHeaderOptions, UsageError } from './args.ts';
import { fileURLToPath } from 'node:url';
import { TargetNotReadyError, DescriptorBudgetError } from '../engine/index.ts';
import { parseShard, ScenarioError, ShardError, type Shard, parseDuration } from '../scenario/index.ts';
import { dirname } from 'node:path';
import { MergeError, readResult, ResultFileError } from '../results/index.ts';
import { HistoryFileError } from '../compare/index.ts';
import { OutputDirError } from './output-dir.ts';
import { parseSlo, SloError, DEFAULT_CAPACITY } from '../capacity/index.ts';
import { MAX_WORKERS } from '../scenario/index.ts';
import type { TransportChoice } from '../mcp/index.ts';
import { inertText } from '../inert-text.ts';
import { redactSecrets } from '../secrets/index.ts';
import { OutputSpecError, parseOutputSpec, type OutputSpec } from '../outputs/index.ts';

// Each command's module is imported when that command runs, so a command loads only its own code
// (`run` neither the HTML report nor the outputs it is not asked for): start-up is part of what users wait for.
const USAGE = `Usage: mcp-load <command> [options]

Commands:
  run <scenario.yml>     run a load test; exit 99 when a threshold fails (as k6)
    --target <url>       override the scenario's target (e.g. a preview deployment)
    --out <dir>          where result.json goes (default mcp-load-results)
    --shard <i/n>        run slice i of n (e.g. 2/4) of the load; merge the n results
    --workers <n>        worker threads, each its slice, merged exactly (default: the
                         cores, less one for the embedded demo server; 1: one thread)
    --allow-env <NAME>   let the scenario's \${NAME} read this GITHUB_TOKEN, ACTIONS_*
                         or INPUT_* variable (never read otherwise); repeatable
    -o, --output <k=t>   also write to an output, repeatable (as k6's --out): junit=FILE,
                         json=FILE (JSON lines), prometheus=URL (remote write), otlp=URL
    --quiet              no progress line
  demo                   run examples/quickstart.yml against the embedded demo server
  compare <current.json> [baseline.json]
                         flag regressions that are real, not noise; exit 1 on one,
                         2 when an input cannot be read; a gated metric that could
                         not be tested is ⚠ inconclusive (exit 0)
    --history <dir|file> compare against the history of earlier runs (≥ 5) instead
    --fail-on-inconclusive  exit 1 when a gated metric could not be tested
    -o junit=<file>      also write JUnit XML: thresholds, checks and the gated verdicts
  merge <result.json>…   merge the results of all shards of one test (run --shard i/n)
                         into one result.json, report.html and summary.md; exit 99
                         when a threshold fails on the merged load
    --out <dir>          where they go (default mcp-load-results)
  report <result.json>   re-render report.html and summary.md from a result
    --out <dir>          where they go (default: beside the result)
    --baseline <file>    a baseline result: compared as the action does (the PR
                         comment's verdicts), shown alongside
    --history <dir>      earlier runs (result.json files or a history.json): the history
                         charts and section, with this run last, and its change points
  session <url>          run one MCP session (initialize, tools/list, [call], close)
                         and print what each operation cost in HTTP requests
    --transport <t>      auto | streamable-http | sse (default auto)
    --call <tool>        call this tool too
    --args <json>        its arguments (default {})
    -H, --header <h>     "Name: value", repeatable (values are never printed)
    --timeout <ms>       per-request deadline (default 30000)
  history <dir>          the runs of one workload found under dir (result.json files, e.g.
                         downloaded artifacts, or a history.json) in time order, their key
                         figures, and the change points where one shifted (E-divisive means)
  capacity <scenario.yml> --slo "p95<200ms,errors<1%"
                         the highest arrival rate (flows/s) of the scenario's first workload
                         that holds the SLO: geometric steps, then bisection; exit 1 when
                         generator-bound or when even the first step broke it
    --start <rate>       first rate, iterations/s (default 10)
    --factor <f>         next rate = rate × f until a step breaks (default 2)
    --max-rate <rate>    never above (default 10000)
    --step <d>           each step's duration (default 30s; the first 1 s is warm-up)
    --bisect <n>         bisection rounds (default 3)
    --max-vus <n>        VUs the arrival-rate executor may use (default 1000)
    --target, --out      as for run
  init <url>             list the server's tools, resources and prompts and write a commented
                         scenario: one call per tool, arguments from its input schema
    --out <file>         where (default scenario.yml; --force to overwrite)
    --vus <n>            agents at the peak (default 10)
    --duration <d>       the whole run, ramps included (default 1m30s)
    --think <t>          think time between iterations (default 1s..3s)
    --transport, -H, --timeout   as for session
  --version              print the version
  --help                 print this help
`;

const TRANSPORTS = ['auto', 'streamable-http', 'sse'];

/** An error message as the terminal may show it: no secret, no control character. */
function errorText(message: string): string {
  return inertText(redactSecrets(message));
}

/** The CLI: returns the process exit code. */
export async function main(argv: string[], out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'session':
        return await sessionCommand(rest, out);
      case 'run':
        return await runCommand(rest, out);
      case 'init':
        return await initCommand(rest, out);
      case 'capacity':
        return await capacityCommand(rest, out);
      case 'history': {
        const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
        if (!positionals[0]) throw new UsageError('history needs a folder of result files (or a history.json), e.g. mcp-load history nightly-results/');
        const { runHistoryCommand } = await import('./history-command.ts');
        return await runHistoryCommand({ dir: positionals[0], out: (t) => out(t.replace(/\n$/, '')) });
      }
      case 'demo':
        return await runCommand([quickstartPath(), ...rest], out);
      case 'report':
        return await reportCommand(rest, out);
      case 'merge':
        return await mergeCommand(rest, out);
      case 'compare': {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: { history: { type: 'string' }, 'fail-on-inconclusive': { type: 'boolean', default: false }, output: { type: 'string', short: 'o', multiple: true } },
        });
        if (!positionals[0]) throw new UsageError('compare needs the current result, e.g. mcp-load compare result.json baseline.json');
        const outputs = (values.output ?? []).map(outputOption);
        const other = outputs.find((o) => o.kind !== 'junit');
        if (other) throw new UsageError(`compare writes only --output junit=FILE (${other.kind} needs a live run: mcp-load run -o ${other.kind}=…)`);
        const { runCompareCommand } = await import('./compare-command.ts');
        return await runCompareCommand({
          current: positionals[0],
          baseline: positionals[1],
          history: values.history,
          failOnInconclusive: values['fail-on-inconclusive'],
          junit: outputs.at(-1)?.target,
          out: (t) => out(t.replace(/\n$/, '')),
          err: (t) => process.stderr.write(t),
        });
      }
      case '-v':
      case '--version':
      case 'version':
        out(`mcp-load ${TOOL_VERSION}`);
        return 0;
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    // parseArgs refuses unknown or malformed options with ERR_PARSE_ARGS_* errors: usage errors too.
    if (err instanceof UsageError || String((err as NodeJS.ErrnoException)?.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`mcp-load: ${errorText((err as Error).message)}\n\n${USAGE}`);
      return 2;
    }
    if (
      err instanceof ScenarioError ||
      err instanceof TargetNotReadyError ||
      err instanceof DescriptorBudgetError ||
      err instanceof ResultFileError ||
      err instanceof HistoryFileError ||
      err instanceof MergeError ||
      err instanceof ShardError ||
      err instanceof OutputDirError
    ) {
      process.stderr.write(`mcp-load: ${errorText(err.message)}\n`);
      return 1;
    }
    // Our own bug: its message may still quote a secret or a server's text.
    process.stderr.write(`mcp-load: internal error: ${errorText(err instanceof Error ? (err.stack ?? err.message) : String(err))}\n`);
    return 1;
  }
}

async function runCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      target: { type: 'string' },
      out: { type: 'string', default: 'mcp-load-results' },
      shard: { type: 'string' },
      workers: { type: 'string' },
      'allow-env': { type: 'string', multiple: true },
      quiet: { type: 'boolean', default: false },
      output: { type: 'string', short: 'o', multiple: true },
    },
  });
  const file = positionals[0];
  if (!file) throw new UsageError('run needs a scenario file, e.g. mcp-load run examples/quickstart.yml');
  const { runRunCommand } = await import('./run-command.ts');
  return runRunCommand({
    file,
    target: values.target,
    outDir: values.out!,
    ...(values.shard === undefined ? {} : { shard: shardOption(values.shard) }),
    ...(values.workers === undefined ? {} : { workers: workersOption(values.workers) }),
    allowEnv: values['allow-env'] ?? [],
    outputs: (values.output ?? []).map(outputOption),
    quiet: values.quiet!,
    out: (text) => out(text.replace(/\n$/, '')),
    err: (text) => process.stderr.write(text),
    interactive: process.stderr.isTTY === true,
  });
}

function outputOption(text: string): OutputSpec {
  try {
    return parseOutputSpec(text);
  } catch (err) {
    if (err instanceof OutputSpecError) throw new UsageError(err.message);
    throw err;
  }
}

function workersOption(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > MAX_WORKERS) throw new UsageError(`--workers must be a whole number from 1 to ${MAX_WORKERS}, got ${JSON.stringify(text)}`);
  return n;
}

function shardOption(text: string): Shard {
  try {
    return parseShard(text);
  } catch (err) {
    throw new UsageError(`--${(err as Error).message}`);
  }
}

async function mergeCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { out: { type: 'string', default: 'mcp-load-results' } },
  });
  if (positionals.length === 0) throw new UsageError('merge needs the result.json of every shard, e.g. mcp-load merge shard-1/result.json shard-2/result.json');
  const { runMergeCommand } = await import('./merge-command.ts');
  return runMergeCommand({
    files: positionals,
    outDir: values.out!,
    out: (text) => out(text.replace(/\n$/, '')),
    err: (text) => process.stderr.write(text),
  });
}

async function reportCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { out: { type: 'string' }, baseline: { type: 'string' }, history: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file) throw new UsageError('report needs a result file, e.g. mcp-load report mcp-load-results/result.json');
  const result = await readResult(file);
  const baseline = values.baseline ? await readResult(values.baseline) : undefined;
  const [{ collectHistory }, { writeReportFiles }, { renderComparison }] = await Promise.all([
    import('./history-command.ts'),
    import('./report-files.ts'),
    import('../report/index.ts'),
  ]);
  const history = values.history ? (await collectHistory(values.history, result)).history : undefined;
  const files = await writeReportFiles(values.out ?? dirname(file), result, { baseline, ...(history ? { history } : {}), writeResultFile: false });
  if (files.comparison) out(`compared with ${values.baseline}: ${renderComparison(files.comparison).split('\n', 1)[0]}`);
  out(`written: ${files.html}, ${files.markdown}`);
  return 0;
}

/** examples/quickstart.yml of the package, from the bundle (dist/cli.js) or the sources (src/cli/main.ts). */
function quickstartPath(): string {
  const here = import.meta.url;
  const root = new URL(here.includes('/src/cli/') ? '../../' : '../', here);
  return fileURLToPath(new URL('examples/quickstart.yml', root));
}

async function capacityCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      slo: { type: 'string' },
      start: { type: 'string', default: String(DEFAULT_CAPACITY.start) },
      factor: { type: 'string', default: String(DEFAULT_CAPACITY.factor) },
      'max-rate': { type: 'string', default: String(DEFAULT_CAPACITY.maxRate) },
      step: { type: 'string', default: '30s' },
      bisect: { type: 'string', default: String(DEFAULT_CAPACITY.bisections) },
      'max-vus': { type: 'string', default: String(DEFAULT_CAPACITY.maxVUs) },
      target: { type: 'string' },
      out: { type: 'string', default: 'mcp-load-results' },
    },
  });
  const file = positionals[0];
  if (!file) throw new UsageError('capacity needs a scenario file, e.g. mcp-load capacity scenario.yml --slo "p95<200ms,errors<1%"');
  if (!values.slo) throw new UsageError('capacity needs --slo, e.g. --slo "p95<200ms,errors<1%"');
  let slo;
  try {
    slo = parseSlo(values.slo);
  } catch (err) {
    if (err instanceof SloError) throw new UsageError(err.message);
    throw err;
  }
  const number = (name: string, text: string, ok: (n: number) => boolean, what: string): number => {
    const n = Number(text);
    if (!ok(n)) throw new UsageError(`--${name} must be ${what}, got ${text}`);
    return n;
  };
  const start = number('start', values.start!, (n) => n > 0, 'a rate above 0');
  const maxRate = number('max-rate', values['max-rate']!, (n) => n >= start, `a rate of at least --start (${start})`);
  const stepMs = parseDuration(values.step!);
  if (stepMs === undefined || stepMs < 2000) throw new UsageError(`--step must be a duration of at least 2s (e.g. 30s), got ${values.step}`);
  const { runCapacityCommand } = await import('./capacity-command.ts');
  return runCapacityCommand({
    file,
    target: values.target,
    outDir: values.out!,
    slo,
    start,
    factor: number('factor', values.factor!, (n) => n > 1, 'above 1'),
    maxRate,
    stepMs,
    bisections: number('bisect', values.bisect!, (n) => Number.isInteger(n) && n >= 0, 'a whole number'),
    maxVUs: number('max-vus', values['max-vus']!, (n) => Number.isInteger(n) && n >= 1, 'a whole number of at least 1'),
    out: (text) => out(text.replace(/\n$/, '')),
    err: (text) => process.stderr.write(text),
  });
}

async function initCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string', default: 'scenario.yml' },
      force: { type: 'boolean', default: false },
      vus: { type: 'string', default: '10' },
      duration: { type: 'string', default: '1m30s' },
      think: { type: 'string', default: '1s..3s' },
      transport: { type: 'string', default: 'auto' },
      header: { type: 'string', short: 'H', multiple: true },
      timeout: { type: 'string', default: '30000' },
    },
  });
  const url = positionals[0];
  if (!url) throw new UsageError('init needs the server URL, e.g. mcp-load init http://localhost:3001/mcp --out scenario.yml');
  if (!TRANSPORTS.includes(values.transport!)) throw new UsageError(`--transport must be one of ${TRANSPORTS.join(', ')}`);
  const vus = Number(values.vus);
  if (!Number.isInteger(vus) || vus < 1) throw new UsageError(`--vus must be a whole number of at least 1, got ${values.vus}`);
  const durationMs = parseDuration(values.duration!);
  if (durationMs === undefined || durationMs < 3000) throw new UsageError(`--duration must be a duration of at least 3s (e.g. 1m30s), got ${values.duration}`);
  const timeoutMs = Number(values.timeout);
  if (!(timeoutMs > 0)) throw new UsageError('--timeout must be a positive number of milliseconds');
  const { runInitCommand } = await import('./init-command.ts');
  return runInitCommand({
    url,
    outFile: values.out!,
    force: values.force!,
    vus,
    durationMs,
    think: values.think!,
    transport: values.transport as TransportChoice,
    headers: parseHeaderOptions(values.header),
    timeoutMs,
    out,
  });
}

async function sessionCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      transport: { type: 'string', default: 'auto' },
      call: { type: 'string' },
      args: { type: 'string', default: '{}' },
      header: { type: 'string', short: 'H', multiple: true },
      timeout: { type: 'string', default: '30000' },
    },
  });
  const url = positionals[0];
  if (!url) throw new UsageError('session needs the server URL, e.g. mcp-load session http://localhost:3001/mcp');
  if (!TRANSPORTS.includes(values.transport!)) throw new UsageError(`--transport must be one of ${TRANSPORTS.join(', ')}`);
  let args: unknown;
  try {
    args = JSON.parse(values.args!);
  } catch {
    throw new UsageError(`--args is not valid JSON: ${values.args}`);
  }
  const timeoutMs = Number(values.timeout);
  if (!(timeoutMs > 0)) throw new UsageError('--timeout must be a positive number of milliseconds');
  const { runSessionCommand } = await import('./session-command.ts');
  return runSessionCommand({
    url,
    transport: values.transport as TransportChoice,
    headers: parseHeaderOptions(values.header),
    call: values.call ? { name: values.call, args } : undefined,
    timeoutMs,
    out,
  });
}
