import type { Result } from '../results/index.ts';
import type { HistoryEntry } from './types.ts';
/** A run reduced to what comparisons read: steady-state window samples, whole-run summaries, fingerprint. */
export declare function digestRun(result: Result, windowMs: number): HistoryEntry;
