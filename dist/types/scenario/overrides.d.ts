import { type Issues } from './errors.ts';
import { type Shortcut } from './executors.ts';
/**
 * The CLI's `--vus`, `--duration` and `--iterations`, as k6's shortcut options: each sets its
 * option in every scenario of the file, and is refused for an executor where it makes no sense
 * (the stages of a ramping executor, the VU pool of an arrival rate). Values are as the file
 * would write them (`30s`), so the scenario's own validation and limits apply.
 */
export type ExecutorOverrides = Partial<Record<Shortcut, number | string>>;
/** Writes the overrides into the document's scenarios; a refused one is an issue at the scenario's executor. */
export declare function applyOverrides(document: unknown, overrides: ExecutorOverrides, issues: Issues): void;
