import { TOOL_VERSION } from '../version.ts';
import { envOptions, overrideOptions, parseHeaderOptions, UsageError } from './args.ts';
import { asksForHelp, commandHelp, isCommandName, parseCommand, usage } from './options.ts';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { isatty } from 'node:tty';
import { MAX_WORKERS, parseDuration, parseShard, WORKER_MODES, type Shard, type WorkerMode } from '../scenario/index.ts';
import type { TransportChoice } from '../mcp/index.ts';
import { inertText } from '../inert-text.ts';
import { redactSecrets } from '../secrets/index.ts';
import { OutputSpecError, parseOutputSpec, type OutputSpec } from '../outputs/index.ts';

// Each command's module is imported when that command runs, so a command loads only its own code
// (`run` neither the HTML report nor the outputs it is not asked for): start-up is part of what users
// wait for. What a barrel import costs is only what is used from it (scripts/build.mjs), and the
// modules each command loads before its first request are checked (test/package/startup-graph.test.ts).
const TRANSPORTS = ['auto', 'streamable-http', 'sse'];

/** An error message as the terminal may show it: no secret, no control character. */
function errorText(message: string): string {
  return inertText(redactSecrets(message));
}

/** The CLI: returns the process exit code. */
export async function main(argv: string[], out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (isCommandName(command) && asksForHelp(rest)) {
      out(commandHelp(command));
      return 0;
    }
    switch (command) {
      case 'session':
        return await sessionCommand(rest, out);
      case 'run':
        return await runCommand('run', rest, out);
      case 'init':
        return await initCommand(rest, out);
      case 'capacity':
        return await capacityCommand(rest, out);
      case 'history': {
        const { positionals } = parseCommand('history', rest);
        if (!positionals[0]) throw new UsageError('history needs a folder of result files (or a history.json), e.g. mcp-load history nightly-results/');
        const { runHistoryCommand } = await import('./history-command.ts');
        return await runHistoryCommand({ dir: positionals[0], out: (t) => out(t.replace(/\n$/, '')) });
      }
      case 'demo':
        return await runCommand('demo', [quickstartPath(), ...rest], out);
      case 'report':
        return await reportCommand(rest, out);
      case 'merge':
        return await mergeCommand(rest, out);
      case 'compare': {
        const { values, positionals } = parseCommand('compare', rest);
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
      case 'help':
        out(isCommandName(rest[0]) ? commandHelp(rest[0]) : usage());
        return 0;
      case undefined:
      case '-h':
      case '--help':
        out(usage());
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    // parseArgs refuses unknown or malformed options with ERR_PARSE_ARGS_* errors: usage errors too.
    if (err instanceof UsageError || String((err as NodeJS.ErrnoException)?.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`mcp-load: ${errorText((err as Error).message)}\n\n${usage()}`);
      return 2;
    }
    const { isUserFacingError } = await import('./user-facing-errors.ts');
    if (isUserFacingError(err)) {
      process.stderr.write(`mcp-load: ${errorText(err.message)}\n`);
      return 1;
    }
    // Our own bug: its message may still quote a secret or a server's text.
    process.stderr.write(`mcp-load: internal error: ${errorText(err instanceof Error ? (err.stack ?? err.message) : String(err))}\n`);
    return 1;
  }
}

async function runCommand(name: 'run' | 'demo', argv: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseCommand(name, argv);
  const file = positionals[0];
  if (!file) throw new UsageError('run needs a scenario file, e.g. mcp-load run examples/quickstart.yml');
  const env = envOptions(values.env ?? []);
  const summaryJson = values['summary-json'];
  // With the JSON on stdout, everything said for people goes to stderr.
  const human = summaryJson === '-' ? (line: string) => process.stderr.write(`${line}\n`) : out;
  const { runRunCommand } = await import('./run-command.ts');
  return runRunCommand({
    file,
    target: values.target,
    outDir: values.out!,
    env,
    overrides: overrideOptions(values),
    ...(summaryJson === undefined ? {} : { summaryJson: summaryJson === '-' ? (json: string) => out(json) : summaryJson }),
    ...(values.shard === undefined ? {} : { shard: shardOption(values.shard) }),
    ...(values.workers === undefined ? {} : { workers: workersOption(values.workers) }),
    ...(values['worker-mode'] === undefined ? {} : { workerMode: workerModeOption(values['worker-mode']) }),
    allowEnv: values['allow-env'] ?? [],
    outputs: (values.output ?? []).map(outputOption),
    quiet: values.quiet!,
    out: (text) => human(text.replace(/\n$/, '')),
    err: (text) => process.stderr.write(text),
    // isatty rather than process.stderr.isTTY: the stream is made at the first line written, not before the first request.
    interactive: isatty(2),
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
  if (!/^\d+$/.test(text) || n < 1 || n > MAX_WORKERS)
    throw new UsageError(`--workers must be a whole number from 1 to ${MAX_WORKERS}, got ${JSON.stringify(text)}`);
  return n;
}

function workerModeOption(text: string): WorkerMode {
  if (!(WORKER_MODES as readonly string[]).includes(text))
    throw new UsageError(`--worker-mode must be ${WORKER_MODES.join(' or ')}, got ${JSON.stringify(text)}`);
  return text as WorkerMode;
}

function shardOption(text: string): Shard {
  try {
    return parseShard(text);
  } catch (err) {
    throw new UsageError(`--${(err as Error).message}`);
  }
}

async function mergeCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseCommand('merge', argv);
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
  const { values, positionals } = parseCommand('report', argv);
  const file = positionals[0];
  if (!file) throw new UsageError('report needs a result file, e.g. mcp-load report mcp-load-results/result.json');
  const { readResult } = await import('../results/index.ts');
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

/** examples/quickstart.yml of the package, from the bundle (dist/cli-main.cjs) or the sources (src/cli/main.ts). */
function quickstartPath(): string {
  const here = import.meta.url;
  const root = new URL(here.includes('/src/cli/') ? '../../' : '../', here);
  return fileURLToPath(new URL('examples/quickstart.yml', root));
}

async function capacityCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseCommand('capacity', argv);
  const file = positionals[0];
  if (!file) throw new UsageError('capacity needs a scenario file, e.g. mcp-load capacity scenario.yml --slo "p95<200ms,errors<1%"');
  if (!values.slo) throw new UsageError('capacity needs --slo, e.g. --slo "p95<200ms,errors<1%"');
  const { parseSlo, SloError } = await import('../capacity/index.ts');
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
  const { values, positionals } = parseCommand('init', argv);
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
  const { values, positionals } = parseCommand('session', argv);
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
