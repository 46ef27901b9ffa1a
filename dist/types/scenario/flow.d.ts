import { type Issues, type Path } from './errors.ts';
import { type DataRows } from './templates.ts';
import type { FlowStep, StepKind } from './types.ts';
export declare const STEP_KINDS: readonly ["initialize", "list", "call", "read", "prompt", "ping", "think"];
/** Keys a step may have besides its kind. */
export declare const STEP_OPTIONS: Readonly<Record<StepKind, readonly string[]>>;
export declare const LIST_TARGETS: readonly ["tools", "resources", "prompts"];
/** Reads `flow:`; `raw` is the same list before `${ENV}` interpolation (kept for echoes). */
export declare function readFlow(value: unknown, raw: unknown, path: Path, issues: Issues, data: DataRows): FlowStep[];
