import { parseArgs } from 'node:util';
import { parseHeaderOptions, UsageError } from './args.ts';
import { fileURLToPath } from 'node:url';
import { TargetNotReadyError } from '../engine/readiness.ts';
import { DescriptorBudgetError } from '../engine/descriptor-budget.ts';
import { parseShard, ScenarioError, ShardError, type Shard } from '../scenario/index.ts';
import { dirname } from 'node:path';
import { MergeError, readResult, ResultFileError } from '../results/index.ts';
import { HistoryFileError } from '../compare/index.ts';
import { renderComparison } from '../report/comparison-terminal.ts';
import { runCompareCommand } from './compare-command.ts';
import { runMergeCommand } from './merge-command.ts';
import { OutputDirError } from './output-dir.ts';
import { writeReportFiles } from './report-files.ts';
import { runRunCommand } from './run-command.ts';
import { runSessionCommand } from './session-command.ts';
import type { TransportChoice } from '../mcp/index.ts';
import { inertText } from '../inert-text.ts';
import { redactSecrets } from '../secrets/index.ts';

const USAGE = `Usage: mcp-load <command> [options]

Commands:
  run <scenario.yml>     run a load test; exit 99 when a threshold fails (as k6)
    --target <url>       override the scenario's target (e.g. a preview deployment)
    --out <dir>          where result.json goes (default mcp-load-results)
    --shard <i/n>        run slice i of n (e.g. 2/4) of the load; merge the n results
    --allow-env <NAME>   let the scenario's \${NAME} read this GITHUB_TOKEN, ACTIONS_*
                         or INPUT_* variable (never read otherwise); repeatable
    --quiet              no progress line
  demo                   run examples/quickstart.yml against the embedded demo server
  compare <current.json> [baseline.json]
                         flag regressions that are real, not noise; exit 1 on one,
                         2 when an input cannot be read; a gated metric that could
                         not be tested is ⚠ inconclusive (exit 0)
    --history <dir|file> compare against the history of earlier runs (≥ 5) instead
    --fail-on-inconclusive  exit 1 when a gated metric could not be tested
  merge <result.json>…   merge the results of all shards of one test (run --shard i/n)
                         into one result.json, report.html and summary.md; exit 99
                         when a threshold fails on the merged load
    --out <dir>          where they go (default mcp-load-results)
  report <result.json>   re-render report.html and summary.md from a result
    --out <dir>          where they go (default: beside the result)
    --baseline <file>    a baseline result: compared as the action does (the PR
                         comment's verdicts), shown alongside
  session <url>          run one MCP session (initialize, tools/list, [call], close)
                         and print what each operation cost in HTTP requests
    --transport <t>      auto | streamable-http | sse (default auto)
    --call <tool>        call this tool too
    --args <json>        its arguments (default {})
    -H, --header <h>     "Name: value", repeatable (values are never printed)
    --timeout <ms>       per-request deadline (default 30000)
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
          options: { history: { type: 'string' }, 'fail-on-inconclusive': { type: 'boolean', default: false } },
        });
        if (!positionals[0]) throw new UsageError('compare needs the current result, e.g. mcp-load compare result.json baseline.json');
        return await runCompareCommand({
          current: positionals[0],
          baseline: positionals[1],
          history: values.history,
          failOnInconclusive: values['fail-on-inconclusive'],
          out: (t) => out(t.replace(/\n$/, '')),
          err: (t) => process.stderr.write(t),
        });
      }
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
      'allow-env': { type: 'string', multiple: true },
      quiet: { type: 'boolean', default: false },
    },
  });
  const file = positionals[0];
  if (!file) throw new UsageError('run needs a scenario file, e.g. mcp-load run examples/quickstart.yml');
  return runRunCommand({
    file,
    target: values.target,
    outDir: values.out!,
    ...(values.shard === undefined ? {} : { shard: shardOption(values.shard) }),
    allowEnv: values['allow-env'] ?? [],
    quiet: values.quiet!,
    out: (text) => out(text.replace(/\n$/, '')),
    err: (text) => process.stderr.write(text),
    interactive: process.stderr.isTTY === true,
  });
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
    options: { out: { type: 'string' }, baseline: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file) throw new UsageError('report needs a result file, e.g. mcp-load report mcp-load-results/result.json');
  const result = await readResult(file);
  const baseline = values.baseline ? await readResult(values.baseline) : undefined;
  const files = await writeReportFiles(values.out ?? dirname(file), result, { baseline, writeResultFile: false });
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
  return runSessionCommand({
    url,
    transport: values.transport as TransportChoice,
    headers: parseHeaderOptions(values.header),
    call: values.call ? { name: values.call, args } : undefined,
    timeoutMs,
    out,
  });
}
