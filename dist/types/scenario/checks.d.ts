import { type Issues, type Path } from './errors.ts';
import type { StepCheck } from './types.ts';
export declare const CHECK_KEYS: readonly ["notError", "notEmpty", "contains", "jsonPath", "durationUnder"];
export declare const JSON_PATH_KEYS: readonly ["path", "equals"];
/** Compiles a step's `check:` map into named tests; names are prefixed with the step name. */
export declare function readChecks(value: unknown, path: Path, issues: Issues, stepName: string): StepCheck[];
/** `$.content[0].text` → ['content', 0, 'text']; undefined when the path is not in that syntax. */
export declare function parseJsonPath(source: string): (string | number)[] | undefined;
/** A result with nothing in it: no value, an empty list, or only empty text. */
export declare function isEmptyResult(result: unknown): boolean;
/** The text a `contains` check searches: text items of the result's list, else the result as JSON. */
export declare function resultText(result: unknown): string;
