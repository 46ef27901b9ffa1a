import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { compare, HistoryFileError, readHistory, RegressionSettingsError, type History } from '../compare/index.ts';
import { renderComparison } from '../report/index.ts';
import { readResult, ResultFileError, type Result } from '../results/index.ts';
import { UsageError } from './args.ts';
import { writeFile } from 'node:fs/promises';
import { renderJunit } from '../outputs/index.ts';

/** Earlier runs needed before a history is preferred over a single baseline. */
const MIN_HISTORY = 5;

/** `mcp-load compare` exit codes. Inconclusive exits 0 (with a ⚠ line) unless `--fail-on-inconclusive`. */
export const COMPARE_EXIT = { passed: 0, regression: 1, unusable: 2 } as const;

export interface CompareCommandOptions {
  current: string;
  baseline?: string;
  /** A history file, or a folder holding history.json (as the action keeps it). */
  history?: string;
  /** A gated metric that could not be tested fails the comparison too (exit 1). */
  failOnInconclusive?: boolean;
  /** A JUnit XML file of the current run's thresholds and checks and the gated verdicts. */
  junit?: string;
  out: (text: string) => void;
  err: (text: string) => void;
}

/**
 * `mcp-load compare current.json [baseline.json] [--history DIR]`: exit 1 when a gated metric
 * regressed, 2 on a usage error or an input it cannot read, 0 otherwise.
 */
export async function runCompareCommand(options: CompareCommandOptions): Promise<number> {
  if (!options.baseline && !options.history) throw new UsageError('compare needs a baseline result or --history');
  let current: Result;
  let against: Result | History | undefined;
  try {
    current = await readResult(options.current);
    if (options.history) {
      const history = await readHistory(await historyFile(options.history));
      if (history.runs.length >= MIN_HISTORY || !options.baseline) against = history;
    }
    if (against === undefined) against = await readResult(options.baseline as string);
  } catch (err) {
    if (!(err instanceof ResultFileError || err instanceof HistoryFileError)) throw err;
    options.err(`mcp-load: ${err.message}\n`);
    return COMPARE_EXIT.unusable;
  }
  let comparison;
  try {
    comparison = compare(current, against, { minHistory: MIN_HISTORY });
  } catch (err) {
    if (!(err instanceof RegressionSettingsError)) throw err;
    options.err(`mcp-load: ${options.current}: the scenario's ${err.message}\n`);
    return COMPARE_EXIT.unusable;
  }
  options.out(renderComparison(comparison));
  if (options.junit) {
    await writeFile(options.junit, renderJunit(current, comparison));
    options.out(`junit: ${options.junit}\n`);
  }
  if (comparison.regression) return COMPARE_EXIT.regression;
  // The headline already starts with ⚠ and names the untested metrics.
  if (comparison.inconclusive && options.failOnInconclusive) {
    options.err('mcp-load: a gated metric could not be tested; failing as --fail-on-inconclusive asks\n');
    return COMPARE_EXIT.regression;
  }
  return COMPARE_EXIT.passed;
}

async function historyFile(path: string): Promise<string> {
  const info = await stat(path).catch(() => undefined);
  return info?.isDirectory() ? join(path, 'history.json') : path;
}
