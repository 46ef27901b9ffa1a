import type { Result } from '../results/index.ts';
import { type History } from './types.ts';
/** A history file that cannot be read as this version's History. */
export declare class HistoryFileError extends Error {
    name: string;
}
export declare const DEFAULT_HISTORY_MAX = 30;
/**
 * A new history (from none: `undefined`) with the run appended (windowed with its scenario's `regression.window`), keeping
 * the last `max` runs. Runs of other fingerprints stay: a comparison skips them.
 */
export declare function appendToHistory(history: History | undefined, result: Result, options?: {
    max?: number;
}): History;
export declare function emptyHistory(): History;
/** Reads a history file; a missing file is an empty history (the first run of a branch). */
export declare function readHistory(file: string): Promise<History>;
export declare function writeHistory(file: string, history: History): Promise<void>;
