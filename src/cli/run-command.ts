import { withTargetOrDemo } from '../demo/index.ts';
import { runTest, type Progress } from '../engine/run.ts';
import { withStopSignals } from '../engine/process-signals.ts';
import type { StopSignal } from '../engine/stop-signal.ts';
import { renderProgressLine, throttledProgress } from '../report/progress.ts';
import { runFailed } from '../report/view.ts';
import { renderTerminalSummary } from '../report/terminal.ts';
import { buildResult, type Result } from '../results/index.ts';
import { formatShard, loadScenario, shardScenario, type Scenario, type Shard } from '../scenario/index.ts';
import { writeReportFiles } from './report-files.ts';

export interface RunCommandOptions {
  file: string;
  target?: string;
  outDir: string;
  /** Run only this slice of the load; `mcp-load merge` combines the shards' results. */
  shard?: Shard;
  quiet: boolean;
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether `err` is a terminal (progress redrawn in place) or a log (a line every 10 s). */
  interactive: boolean;
}

/** k6's exit code for failed thresholds. */
export const EXIT_THRESHOLDS_FAILED = 99;
/** Stopped by SIGINT/SIGTERM: results are still written. */
export const EXIT_INTERRUPTED = 130;

const LOG_PROGRESS_EVERY_MS = 10_000;

/** `mcp-load run scenario.yml`: load, run with live progress, summarize, write the result. */
export async function runRunCommand(options: RunCommandOptions): Promise<number> {
  const scenario = await loadScenario(options.file, { target: options.target });
  // A shard without load is refused before the demo server starts (the engine checks again).
  if (options.shard) shardScenario(scenario, options.shard);
  const onDemo = (url: string): void => options.err(`no target in ${options.file}: running against the embedded demo server at ${url}\n`);
  const onStopping = (): void => options.err('\nstopping: running iterations may finish (gracefulStop); press Ctrl-C again to stop now\n');
  return withTargetOrDemo(scenario.target, onDemo, (url) => withStopSignals(onStopping, (signals) => runAndWrite(scenario, url, signals, options)));
}

async function runAndWrite(scenario: Scenario, url: string, signals: { stop: StopSignal; abort: StopSignal }, options: RunCommandOptions): Promise<number> {
  const shard = options.shard;
  if (shard) options.err(`shard ${formatShard(shard)}: running this slice of ${options.file}; merge the shards' results with mcp-load merge\n`);
  const run = await runTest(scenario, { url, ...signals, onProgress: progressPrinter(options), ...(shard ? { shard } : {}) });
  if (!options.quiet && options.interactive) options.err('\n');
  const result = buildResult(scenario, url, run);
  const files = await writeReportFiles(options.outDir, result);
  options.out(`\n${renderTerminalSummary(result)}\n`);
  options.out(`written: ${files.result}, ${files.html}, ${files.markdown}\n`);
  // Interruption wins: a run cut short has no verdict on its thresholds.
  if (run.interrupted === 'signal') return EXIT_INTERRUPTED;
  return thresholdsFailed(result, options.err) ? EXIT_THRESHOLDS_FAILED : 0;
}

/** Says why the run failed, if it did: its thresholds (the default gate included) or mcp-load's own error (k6's exit code 99 follows). */
export function thresholdsFailed(result: Result, err: (text: string) => void): boolean {
  const failed = result.thresholds.filter((t) => !t.ok);
  if (failed.length > 0) err(`mcp-load: thresholds failed: ${failed.map((t) => `${t.key} ${t.source}${t.default ? ' (default)' : ''}`).join(', ')}\n`);
  const internal = result.findings.find((f) => f.id === 'internal-error');
  if (internal) err(`mcp-load: ${internal.statement}\n`);
  return runFailed(result);
}

function progressPrinter(options: RunCommandOptions): ((p: Progress) => void) | undefined {
  if (options.quiet) return undefined;
  if (options.interactive) return (p) => options.err(`\r\u001b[2K${renderProgressLine(p)}`);
  return throttledProgress((line) => options.err(`${line}\n`), LOG_PROGRESS_EVERY_MS);
}
