import { withTargetOrDemo } from '../demo/index.ts';
import {
  WaitInterruptedError,
  type Progress,
  withStopSignals,
  type StopSignal,
  resolveWorkers,
  resolveWorkerMode,
  sendSourceToPrestarted,
} from '../engine/index.ts';
import { renderProgressLine, throttledProgress } from '../report/index.ts';
import { type Result, runLoad } from '../results/index.ts';
import {
  cliVariablePolicy,
  formatShard,
  parseScenario,
  readScenarioText,
  shardScenario,
  type Scenario,
  type Shard,
  type LoadOptions,
  type ExecutorOverrides,
  type WorkerMode,
} from '../scenario/index.ts';
import { registerUrlSecrets } from '../secrets/index.ts';
import { prepareOutputDir } from './output-dir.ts';
import { openOutputs, type Output, type OutputSpec } from '../outputs/index.ts';
import { EXIT_INTERRUPTED } from './exit-codes.ts';

// Only what the run needs before its first request is imported here: the summary, the files and
// the report code (Handlebars, uPlot) load after the run (run-finish.ts).
export { EXIT_FILES_ELSEWHERE, EXIT_INTERRUPTED, EXIT_THRESHOLDS_FAILED } from './exit-codes.ts';

export interface RunCommandOptions {
  file: string;
  target?: string;
  outDir: string;
  /** Names of the never-read variables (GITHUB_TOKEN, ACTIONS_*, INPUT_*) the scenario may read all the same (`--allow-env`). */
  allowEnv?: readonly string[];
  /** Run only this slice of the load; `mcp-load merge` combines the shards' results. */
  shard?: Shard;
  /** `--workers N`: worker threads, each its slice of the load; over the scenario's `workers:` and the default. */
  workers?: number;
  /** `--worker-mode`: threads or child processes; over the scenario's `workers: { mode }` and the choice by descriptors. */
  workerMode?: WorkerMode;
  /** `-e KEY=VALUE`: variables for `${KEY}`, over the process environment (and read even if on the never-read list). */
  env?: Readonly<Record<string, string>>;
  /** `--vus`, `--duration`, `--iterations`. */
  overrides?: ExecutorOverrides;
  /** `--summary-json`: a file for the summary as JSON, or where to write it (stdout). */
  summaryJson?: string | ((json: string) => void);
  quiet: boolean;
  out: (text: string) => void;
  err: (text: string) => void;
  /** `--output KIND=TARGET`s: JUnit, JSON lines, Prometheus remote write, OTLP. */
  outputs?: readonly OutputSpec[];
  /** Whether `err` is a terminal (progress redrawn in place) or a log (a line every 10 s). */
  interactive: boolean;
}

const LOG_PROGRESS_EVERY_MS = 10_000;

/** `mcp-load run scenario.yml`: load, run with live progress, summarize, write the result. */
export async function runRunCommand(options: RunCommandOptions): Promise<number> {
  const given = options.env ?? {};
  const load: Omit<LoadOptions, 'readFile'> = {
    target: options.target,
    shardCount: options.shard?.count,
    // The pre-flight checks the VUs against the descriptors, per worker process when they run in processes.
    checkDescriptors: false,
    env: { ...process.env, ...given },
    variables: cliVariablePolicy([...(options.allowEnv ?? []), ...Object.keys(given)]),
    ...(options.overrides ? { overrides: options.overrides } : {}),
  };
  // Read once: worker threads started early (src/cli/index.ts) parse this text while this thread
  // does, and every worker runs the scenario parsed here (Scenario.source), whatever the file says later.
  const text = readScenarioText(options.file);
  sendSourceToPrestarted({ file: options.file, text, load });
  const scenario = parseScenario(text, options.file, load);
  await prepareOutputDir(options.outDir);
  // A push URL (prometheus=, otlp=) may carry credentials of its own.
  for (const output of options.outputs ?? []) registerUrlSecrets(output.target);
  // A shard without load is refused before the demo server starts (the engine checks again).
  if (options.shard) shardScenario(scenario, options.shard);
  const onDemo = (url: string): void => options.err(`no target in ${options.file}: running against the embedded demo server at ${url}\n`);
  const onStopping = (): void => options.err('\nstopping: running iterations may finish (gracefulStop); press Ctrl-C again to stop now\n');
  return withTargetOrDemo(scenario.target, onDemo, (url) => withStopSignals(onStopping, (signals) => runAndWrite(scenario, load, url, signals, options)));
}

async function runAndWrite(
  scenario: Scenario,
  load: Omit<LoadOptions, 'readFile'>,
  url: string,
  signals: { stop: StopSignal; abort: StopSignal },
  options: RunCommandOptions,
): Promise<number> {
  const shard = options.shard;
  if (shard) options.err(`shard ${formatShard(shard)}: running this slice of ${options.file}; merge the shards' results with mcp-load merge\n`);
  const workers = workerCount(scenario, options);
  const { mode: workerMode, why } = resolveWorkerMode(scenario, workers, options.workerMode, shard);
  if (why) options.err(`${why}\n`);
  const outputs = await openOutputs(options.outputs ?? [], scenario.id);
  const printProgress = progressPrinter(options);
  const onProgress = (p: Progress): void => {
    printProgress?.(p);
    feedOutputs(outputs, p);
  };
  let built: Result;
  try {
    const onWarning = (warning: string): void => options.err(`mcp-load: warning: ${warning}\n`);
    built = await runLoad(scenario, { url, ...signals, onProgress, onWarning, ...(shard ? { shard } : {}), workers, workerMode, load });
  } catch (error) {
    if (!(error instanceof WaitInterruptedError)) throw error;
    options.err(`mcp-load: ${error.message}\n`);
    return EXIT_INTERRUPTED;
  }
  if (!options.quiet && options.interactive) options.err('\n');
  const { finishRun } = await import('./run-finish.ts');
  return finishRun(built, outputs, options);
}

/**
 * `--workers`, else the scenario's `workers:`, else one per core (less one when the embedded demo
 * server shares the process); never more than the load has slices for, which is said when asked for.
 */
function workerCount(scenario: Scenario, options: RunCommandOptions): number {
  const { asked, workers } = resolveWorkers(scenario, options.workers, options.shard);
  if (asked !== undefined && workers < asked) {
    options.err(
      `workers: ${asked} asked for, ${workers} used: the load splits into at most ${workers} slice${workers === 1 ? '' : 's'} (one VU, or one iteration per time unit, each)\n`,
    );
  }
  return workers;
}

function feedOutputs(outputs: readonly Output[], p: Progress): void {
  if (outputs.length === 0) return;
  const sample = {
    timeMs: Date.now(),
    vus: p.vus,
    totalCalls: p.totalCalls,
    totalErrors: p.totalErrors,
    callsPerSecond: p.callsPerSecond,
    errorsPerSecond: p.errorsPerSecond,
  };
  for (const output of outputs) output.sample?.(sample);
}

function progressPrinter(options: RunCommandOptions): ((p: Progress) => void) | undefined {
  if (options.quiet) return undefined;
  if (options.interactive) return (p) => options.err(`\r\u001b[2K${renderProgressLine(p)}`);
  return throttledProgress((line) => options.err(`${line}\n`), LOG_PROGRESS_EVERY_MS);
}
