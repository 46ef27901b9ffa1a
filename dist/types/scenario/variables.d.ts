/**
 * Which environment variables a scenario's `${NAME}` may read. A scenario may come from a pull
 * request, so it must not be able to reach the runner's own credentials, nor, in the action, any
 * variable the workflow did not hand to it on purpose.
 */
export interface VariablePolicy {
    /** When set, only these names may be read (the action: its `variables` input). */
    only?: readonly string[];
    /** Names of the never-read list read all the same (the CLI's `--allow-env NAME`). */
    alsoAllow?: readonly string[];
    /** How a user hands a refused variable over, quoted in the message. */
    howToAllow?: string;
}
export declare function isNeverRead(name: string): boolean;
/** Why `${name}` may not be read under `policy`, or undefined when it may. */
export declare function refusal(name: string, policy: VariablePolicy): string | undefined;
/** The action's policy: only the variables named in its `variables` input, never the runner's. */
export declare function actionVariablePolicy(names: readonly string[]): VariablePolicy;
/** The CLI's policy: the whole environment but the runner's credentials, unless `--allow-env` names them. */
export declare function cliVariablePolicy(alsoAllow: readonly string[]): VariablePolicy;
