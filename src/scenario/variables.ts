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

/** The runner's credentials (`GITHUB_TOKEN`, `ACTIONS_ID_TOKEN_REQUEST_TOKEN`, `ACTIONS_RUNTIME_TOKEN`…) and the action's inputs. */
const NEVER_READ = /^(GITHUB_TOKEN|ACTIONS_.*|INPUT_.*)$/i;

export function isNeverRead(name: string): boolean {
  return NEVER_READ.test(name);
}

/** Why `${name}` may not be read under `policy`, or undefined when it may. */
export function refusal(name: string, policy: VariablePolicy): string | undefined {
  const how = policy.howToAllow ? `; ${policy.howToAllow}` : '';
  if (isNeverRead(name) && !policy.alsoAllow?.includes(name)) {
    return `\${${name}} is never read by a scenario (GITHUB_TOKEN, ACTIONS_* and INPUT_* are the runner's); hand the server's credential over under a name of its own${how}`;
  }
  if (policy.only && !policy.only.includes(name)) return `\${${name}} is not handed to the scenario${how}`;
  return undefined;
}

/** The action's policy: only the variables named in its `variables` input, never the runner's. */
export function actionVariablePolicy(names: readonly string[]): VariablePolicy {
  return {
    only: names.filter((name) => !isNeverRead(name)),
    howToAllow: 'list it in the action\'s `variables` input and set it in the step\'s `env:` (see docs/action.md, "Security")',
  };
}

/** The CLI's policy: the whole environment but the runner's credentials, unless `--allow-env` names them. */
export function cliVariablePolicy(alsoAllow: readonly string[]): VariablePolicy {
  return { alsoAllow, howToAllow: 'to read it all the same, pass --allow-env NAME' };
}
