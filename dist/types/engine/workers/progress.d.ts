import type { Progress } from '../run.ts';
/** The workers' last progress as the whole run's: VUs and calls add, time is the furthest worker's. */
export declare function combineProgress(parts: readonly Progress[]): Progress;
