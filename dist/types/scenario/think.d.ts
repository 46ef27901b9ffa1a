import { type Issues, type Path } from './errors.ts';
import type { Sampler, ThinkTime } from './types.ts';
export declare const THINK_KEYS: readonly ["exponential"];
/** `5s` (constant), `5s..10s` (uniform) or `{exponential: 7s}` (mean); undefined after reporting a problem. */
export declare function readThinkTime(value: unknown, path: Path, issues: Issues): ThinkTime | undefined;
/** A sampler for the think time; `rng` is uniform on [0, 1). */
export declare function compileThink(think: ThinkTime): Sampler;
