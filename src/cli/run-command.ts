import { withTargetOrDemo } from '../demo/index.ts';
import { WaitInterruptedError, type Progress, withStopSignals, type StopSignal, resolveWorkers, resolveWorkerMode } from '../engine/index.ts';
import { renderProgressLine, throttledProgress, runFailed, renderTerminalSummary } from '../report/index.ts';
import { type Result, runLoad } from '../results/index.ts';
import {
  cliVariablePolicy,
  formatShard,
  loadScenario,
  shardScenario,
  type Scenario,
  type Shard,
  type LoadOptions,
  type ExecutorOverrides,
  type WorkerMode,
} from '../scenario/index.ts';
import { registerUrlSecrets, secrets } from '../secrets/index.ts';
import { inertText } from '../inert-text.ts';
import { fallbackOutputDir, OutputDirError, prepareOutputDir } from './output-dir.ts';
import { writeSummaryJson } from './summary-json.ts';
import { openOutputs, type Output, type OutputSpec } from '../outputs/index.ts';

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

/** k6's exit code for failed thresholds. */
export const EXIT_THRESHOLDS_FAILED = 99;
/** Stopped by SIGINT/SIGTERM: results are still written. */
export const EXIT_INTERRUPTED = 130;
/** The run went well but its files could not go into --out: they are in the temporary directory printed. */
export const EXIT_FILES_ELSEWHERE = 1;

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
  const scenario = await loadScenario(options.file, load);
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
  const result = secrets.redactDeep(built);
  options.out(`\n${inertText(secrets.redact(renderTerminalSummary(result)))}\n`);
  const written = await writeOrFallBack(result, options);
  const summarized = options.summaryJson === undefined || (await writeSummaryJson(options.summaryJson, result, options.err));
  for (const output of outputs) for (const line of await output.finish(result)) options.out(`${inertText(secrets.redact(line))}\n`);
  // Interruption wins: a run cut short has no verdict on its thresholds.
  if (result.interrupted === 'signal') return EXIT_INTERRUPTED;
  if (thresholdsFailed(result, options.err)) return EXIT_THRESHOLDS_FAILED;
  return written && summarized ? 0 : EXIT_FILES_ELSEWHERE;
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

/** Writes the files into --out, or, when that fails now, into a temporary directory it names: a run's results are never lost. */
async function writeOrFallBack(result: Result, options: RunCommandOptions): Promise<boolean> {
  // The HTML report's code (Handlebars, uPlot) loads after the run, not before its first request.
  const { writeReportFiles } = await import('./report-files.ts');
  try {
    const files = await writeReportFiles(options.outDir, result);
    options.out(`written: ${files.result}, ${files.html}, ${files.markdown}\n`);
    return true;
  } catch (error) {
    const fallback = await fallbackOutputDir();
    const why = error instanceof OutputDirError ? error.message : `${options.outDir}: ${(error as Error).message}`;
    options.err(`mcp-load: could not write the results: ${why}\nmcp-load: writing them to ${fallback} instead\n`);
    const files = await writeReportFiles(fallback, result);
    options.out(`written: ${files.result}, ${files.html}, ${files.markdown}\n`);
    return false;
  }
}

/** Says why the run failed, if it did: its thresholds (the default gate included) or mcp-load's own error (k6's exit code 99 follows). */
export function thresholdsFailed(result: Result, err: (text: string) => void): boolean {
  const failed = result.thresholds.filter((t) => !t.ok);
  if (failed.length > 0) err(`mcp-load: thresholds failed: ${failed.map((t) => `${t.key} ${t.source}${t.default ? ' (default)' : ''}`).join(', ')}\n`);
  const internal = result.findings.find((f) => f.id === 'internal-error');
  if (internal) err(`mcp-load: ${internal.statement}\n`);
  return runFailed(result);
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
