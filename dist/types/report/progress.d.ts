import type { Progress } from '../engine/index.ts';
/** The live progress line: elapsed/total, VUs, calls/s, errors. */
export declare function renderProgressLine(p: Progress): string;
/** Progress for a log rather than a terminal: the first line at once, then one line every `everyMs`. */
export declare function throttledProgress(write: (line: string) => void, everyMs: number): (p: Progress) => void;
