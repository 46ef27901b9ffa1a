import { type Issues, type Path, type SourcePosition } from './errors.ts';
import { type Substitution } from './interpolate.ts';
import { type VariablePolicy } from './variables.ts';
/** A parsed YAML document as plain values, with the position of every key and value. */
export interface YamlSource {
    /** The document with `${ENV}` interpolated in every string. */
    value: unknown;
    /** The same document before interpolation, so that echoes of it never carry secrets from the environment. */
    raw: unknown;
    /** Every `${NAME}` replaced, with where: values under `headers`, `target` or `auth` are secrets. */
    substitutions: LocatedSubstitution[];
    /** Where `path` is written; a missing path falls back to its nearest existing parent's key. */
    locate(path: Path, at: 'key' | 'value'): SourcePosition | undefined;
}
export interface ReadYamlOptions {
    env: NodeJS.ProcessEnv;
    /** Which variables `${NAME}` may read; by default all but the runner's credentials. */
    variables?: VariablePolicy;
    /** Top-level keys to drop before conversion (an overridden `target` must not need its variables). */
    omit?: readonly string[];
}
export interface LocatedSubstitution extends Substitution {
    path: Path;
}
/** Parses YAML text; syntax errors and interpolation failures go to `issues`. Undefined when unparseable. */
export declare function readYaml(text: string, options: ReadYamlOptions, issues: Issues): YamlSource | undefined;
