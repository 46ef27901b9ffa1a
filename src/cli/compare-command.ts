import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { compare, readHistory, type History } from '../compare/index.ts';
import { renderComparison } from '../report/comparison-terminal.ts';
import { readResult, type Result } from '../results/index.ts';
import { UsageError } from './args.ts';
import { writeFile } from 'node:fs/promises';
import { renderJunit } from '../outputs/index.ts';

/** Earlier runs needed before a history is preferred over a single baseline. */
const MIN_HISTORY = 5;

export interface CompareCommandOptions {
  current: string;
  baseline?: string;
  /** A history file, or a folder holding history.json (as the action keeps it). */
  history?: string;
  /** A JUnit XML file of the current run's thresholds and checks and the gated verdicts. */
  junit?: string;
  out: (text: string) => void;
}

/** `mcp-load compare current.json [baseline.json] [--history DIR]`: exit 1 when a gated metric regressed. */
export async function runCompareCommand(options: CompareCommandOptions): Promise<number> {
  if (!options.baseline && !options.history) throw new UsageError('compare needs a baseline result or --history');
  const current = await readResult(options.current);
  let against: Result | History | undefined;
  if (options.history) {
    const history = await readHistory(await historyFile(options.history));
    if (history.runs.length >= MIN_HISTORY || !options.baseline) against = history;
  }
  if (against === undefined) against = await readResult(options.baseline!);
  const comparison = compare(current, against, { minHistory: MIN_HISTORY });
  options.out(renderComparison(comparison));
  if (options.junit) {
    await writeFile(options.junit, renderJunit(current, comparison));
    options.out(`junit: ${options.junit}\n`);
  }
  return comparison.regression ? 1 : 0;
}

async function historyFile(path: string): Promise<string> {
  const info = await stat(path).catch(() => undefined);
  return info?.isDirectory() ? join(path, 'history.json') : path;
}
