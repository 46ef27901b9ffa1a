import { type Path } from './errors.ts';
import type { Render } from './types.ts';
/** Data sets by name, as templates see them (`{{pick data.users}}`). */
export type DataRows = Readonly<Record<string, readonly unknown[]>>;
export declare class TemplateError extends Error {
    readonly name = "TemplateError";
}
export declare const TEMPLATE_HELPERS: readonly string[];
/**
 * Compiles a string that may hold `{{helper args}}` templates. A string that is exactly one template
 * renders to the helper's own value (a number for `{{randomInt 1 9}}`, a row for `{{pick data.users}}`);
 * otherwise values are joined into a string. `\{{` is a literal `{{`. Throws TemplateError.
 */
export declare function compileTemplate(source: string, data?: DataRows): Render;
/**
 * Compiles tool or prompt arguments (any JSON, strings may hold templates) into one render function.
 * Parts without templates are built once and shared (frozen). Errors go to `report`, or are thrown as a
 * ScenarioError naming the argument's path.
 */
export declare function compileArgs(args: unknown, data?: DataRows, report?: (path: Path, message: string) => void): Render;
