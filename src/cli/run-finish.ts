// After the run: the terminal summary, the files (result.json, report.html, summary.md), the
// summary JSON, the outputs' last words and the exit code. Imported by run-command.ts once the
// load is over, so that none of the report code loads before the first request.
import { renderTerminalSummary, runFailed } from '../report/index.ts';
import type { Result } from '../results/index.ts';
import { secrets } from '../secrets/index.ts';
import { inertText } from '../inert-text.ts';
import type { Output } from '../outputs/index.ts';
import { EXIT_FILES_ELSEWHERE, EXIT_INTERRUPTED, EXIT_THRESHOLDS_FAILED } from './exit-codes.ts';
import { fallbackOutputDir, OutputDirError } from './output-dir.ts';
import { writeReportFiles } from './report-files.ts';
import type { RunCommandOptions } from './run-command.ts';
import { writeSummaryJson } from './summary-json.ts';

/** Summarizes and writes a finished run; returns the exit code. */
export async function finishRun(built: Result, outputs: readonly Output[], options: RunCommandOptions): Promise<number> {
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

/** Writes the files into --out, or, when that fails now, into a temporary directory it names: a run's results are never lost. */
async function writeOrFallBack(result: Result, options: RunCommandOptions): Promise<boolean> {
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
