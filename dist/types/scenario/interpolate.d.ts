/** A `${NAME}` replaced by its value. */
export interface Substitution {
    name: string;
    value: string;
}
export type Interpolation = {
    ok: true;
    value: string;
    substitutions: Substitution[];
} | {
    ok: false;
    message: string;
};
/**
 * Replaces `${NAME}` (and `${NAME:-default}`, used when NAME is unset or empty) with values from `env`.
 * `$${` is a literal `${`. A missing variable is an error that names it, and so is one that
 * `refuse` refuses (with its reason), default or not.
 */
export declare function interpolate(text: string, env: NodeJS.ProcessEnv, refuse?: (name: string) => string | undefined): Interpolation;
