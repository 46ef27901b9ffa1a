import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Result } from '../results/index.ts';
import { digestRun } from './digest.ts';
import { regressionSettings } from './settings.ts';
import { HISTORY_SCHEMA_VERSION, type History } from './types.ts';

/** A history file that cannot be read as this version's History. */
export class HistoryFileError extends Error {
  override name = 'HistoryFileError';
}

export const DEFAULT_HISTORY_MAX = 30;

/**
 * A new history (from none: `undefined`) with the run appended (windowed with its scenario's `regression.window`), keeping
 * the last `max` runs. Runs of other fingerprints stay: a comparison skips them.
 */
export function appendToHistory(history: History | undefined, result: Result, options: { max?: number } = {}): History {
  const max = options.max ?? DEFAULT_HISTORY_MAX;
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`appendToHistory: max must be a positive integer, got ${max}`);
  const { windowMs } = regressionSettings(result.scenario.echo.regression ?? {});
  return { schemaVersion: HISTORY_SCHEMA_VERSION, runs: [...(history?.runs ?? []), digestRun(result, windowMs)].slice(-max) };
}

export function emptyHistory(): History {
  return { schemaVersion: HISTORY_SCHEMA_VERSION, runs: [] };
}

/** Reads a history file; a missing file is an empty history (the first run of a branch). */
export async function readHistory(file: string): Promise<History> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyHistory();
    throw new HistoryFileError(`${file}: cannot read the history (${(err as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new HistoryFileError(`${file}: not a readable mcp-load history (${(err as Error).message})`);
  }
  const { schemaVersion, runs } = (value ?? {}) as Partial<History>;
  if (schemaVersion !== HISTORY_SCHEMA_VERSION || !Array.isArray(runs)) {
    const newer = typeof schemaVersion === 'number' && schemaVersion > HISTORY_SCHEMA_VERSION;
    throw new HistoryFileError(
      newer
        ? `${file}: history schema version ${schemaVersion} is newer than this mcp-load reads (${HISTORY_SCHEMA_VERSION}); upgrade mcp-load`
        : `${file}: not an mcp-load history of schema version ${HISTORY_SCHEMA_VERSION}; delete it to start a new one`,
    );
  }
  return { schemaVersion, runs };
}

export async function writeHistory(file: string, history: History): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(history)}\n`);
}
