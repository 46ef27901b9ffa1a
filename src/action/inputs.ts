import * as core from '@actions/core';
import { parseShard as parseShardText, type Shard, isNeverRead, parseDuration, MAX_WORKERS, WORKER_MODES, type WorkerMode } from '../scenario/index.ts';
import { DEFAULT_CAPACITY, type CapacitySettings, parseSlo, SloError } from '../capacity/index.ts';

export type BaselineInput = { kind: 'auto' } | { kind: 'none' } | { kind: 'path'; path: string };
export type CommentPolicy = 'always' | 'on-regression' | 'never';
export type Mode = 'run' | 'comment' | 'merge';

/** The action's inputs, validated once, with action.yml's defaults applied (tests set no defaults). */
export interface ActionInputs {
  mode: Mode;
  /**
   * The scenario file; in comment mode only its name is used (for the default artifact name); with
   * `result`, only its secrets. '' when not given (then `result` or, in comment mode, `artifact-name` is).
   */
  scenario: string;
  target?: string;
  token: string;
  baseline: BaselineInput;
  /** Undefined: the pull request's base branch, else the repository's default branch. */
  baselineBranch?: string;
  /** Workflow file name or id whose runs hold the baselines; undefined: this run's workflow. */
  baselineWorkflow?: string;
  failOnRegression: boolean;
  failOnThreshold: boolean;
  comment: CommentPolicy;
  /** Tells apart the sticky comments of matrix jobs that run the same scenario, e.g. `${{ matrix.server }}`. */
  commentKey?: string;
  /** Undefined: `mcp-load-<scenario id>`. */
  artifactName?: string;
  reportDir: string;
  /** Run only this slice of the load (`i/n`); `mcp-load merge` combines the n jobs' results. */
  shard?: Shard;
  /** A result.json made elsewhere (typically `mcp-load merge`'s): report it instead of running a load test. */
  result?: string;
  /** The environment variables the scenario's `${NAME}` may read: those the workflow hands to the step on purpose. */
  variables: string[];
  /** Input `capacity-slo` given: the load test is a capacity search (`mcp-load capacity`). */
  capacity?: CapacitySettings;
  /** Workers for the load (`--workers`); undefined: the scenario's `workers:`, else one per core. */
  workers?: number;
  /** Input `worker-mode` (`--worker-mode`); undefined: the scenario's, else chosen by descriptors. */
  workerMode?: WorkerMode;
}

/** An input with a value the action cannot use; the message names the input. */
export class InputError extends Error {
  override name = 'InputError';
}

export type InputReader = (name: string) => string;

const readInput: InputReader = (name) => core.getInput(name);

export function readInputs(get: InputReader = readInput): ActionInputs {
  const mode = oneOf(get, 'mode', ['run', 'comment', 'merge'] as const, 'run');
  const scenario = get('scenario');
  const artifactName = optional(get('artifact-name'));
  const result = optional(get('result'));
  const shard = optional(get('shard'));
  if (mode === 'merge') {
    const excluded = (['result', 'shard', 'capacity-slo', 'artifact-name'] as const).find((name) => get(name) !== '');
    if (excluded)
      throw new InputError(
        `mode merge merges this run's shard artifacts (mcp-load-<scenario id>-shard-<i>-of-<n>) and reports them: not with input ${excluded}`,
      );
    if (!scenario) throw new InputError('mode merge needs input scenario: the shard artifacts it merges are named after it');
  }
  if (result !== undefined && mode !== 'run') {
    throw new InputError(`input result is for mode run (report a result made elsewhere), not mode ${mode}`);
  }
  if (result !== undefined && shard !== undefined) {
    throw new InputError(
      'inputs result and shard exclude each other: a shard job runs its slice (shard); the job that merges the slices reports the merged result.json (result)',
    );
  }
  if (!scenario && ((mode === 'run' && result === undefined) || (mode === 'comment' && artifactName === undefined))) {
    throw new InputError(
      mode === 'run'
        ? 'input scenario is required (the path of a scenario file), unless input result names a result.json to report'
        : 'comment mode needs input scenario or artifact-name to find the result artifact',
    );
  }
  if (artifactName !== undefined && !/^[^"<>|*?:\\/\r\n]+$/.test(artifactName)) {
    throw new InputError(
      `input artifact-name ${JSON.stringify(artifactName)} holds a character artifact names cannot have (" : < > | * ? \\ / or a line break)`,
    );
  }
  const commentKey = optional(get('comment-key'));
  const inputs: ActionInputs = {
    mode,
    scenario,
    token: get('github-token'),
    baseline: readBaseline(get('baseline')),
    failOnRegression: boolean(get, 'fail-on-regression', true),
    failOnThreshold: boolean(get, 'fail-on-threshold', true),
    comment: oneOf(get, 'comment', ['always', 'on-regression', 'never'] as const, 'always'),
    reportDir: optional(get('report-dir')) ?? 'mcp-load-results',
    variables: readVariables(get('variables')),
  };
  const target = optional(get('target'));
  if (target !== undefined) inputs.target = target;
  const baselineBranch = optional(get('baseline-branch'));
  if (baselineBranch !== undefined) inputs.baselineBranch = baselineBranch;
  const baselineWorkflow = optional(get('baseline-workflow'));
  if (baselineWorkflow !== undefined) inputs.baselineWorkflow = baselineWorkflow;
  if (commentKey !== undefined) inputs.commentKey = commentKey;
  if (artifactName !== undefined) inputs.artifactName = artifactName;
  if (shard !== undefined) inputs.shard = parseShard(shard);
  if (result !== undefined) inputs.result = result;
  const workers = optional(get('workers'));
  if (workers !== undefined) {
    const n = Number(workers);
    if (!/^\d+$/.test(workers) || n < 1 || n > MAX_WORKERS)
      throw new InputError(`input workers must be a whole number from 1 to ${MAX_WORKERS}, got ${JSON.stringify(workers)}`);
    inputs.workers = n;
  }
  const workerMode = optional(get('worker-mode'));
  if (workerMode !== undefined) {
    if (!(WORKER_MODES as readonly string[]).includes(workerMode))
      throw new InputError(`input worker-mode must be ${WORKER_MODES.join(' or ')}, got ${JSON.stringify(workerMode)}`);
    inputs.workerMode = workerMode as WorkerMode;
  }
  const capacity = readCapacity(get);
  if (capacity !== undefined) {
    if (result !== undefined || shard !== undefined) throw new InputError('input capacity-slo runs a capacity search in this job: not with result or shard');
    inputs.capacity = capacity;
  }
  return inputs;
}

/** `capacity-slo` and its knobs (`capacity-start`, `-factor`, `-step`, `-max-rate`), as `mcp-load capacity` takes them. */
function readCapacity(get: InputReader): CapacitySettings | undefined {
  const sloText = optional(get('capacity-slo'));
  if (sloText === undefined) return undefined;
  let slo;
  try {
    slo = parseSlo(sloText);
  } catch (err) {
    if (err instanceof SloError) throw new InputError(`input capacity-slo: ${err.message.replace(/^--slo /, '')}`);
    throw err;
  }
  const number = (name: string, fallback: number, ok: (n: number) => boolean): number => {
    const text = optional(get(name));
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!ok(n)) throw new InputError(`input ${name} must be a number above ${name === 'capacity-factor' ? 1 : 0}, got ${JSON.stringify(text)}`);
    return n;
  };
  const stepText = optional(get('capacity-step'));
  const stepMs = stepText === undefined ? DEFAULT_CAPACITY.stepMs : parseDuration(stepText);
  if (stepMs === undefined || stepMs < 2000)
    throw new InputError(`input capacity-step must be a duration of at least 2s (e.g. 30s), got ${JSON.stringify(stepText)}`);
  return {
    slo,
    start: number('capacity-start', DEFAULT_CAPACITY.start, (n) => n > 0),
    factor: number('capacity-factor', DEFAULT_CAPACITY.factor, (n) => n > 1),
    maxRate: number('capacity-max-rate', DEFAULT_CAPACITY.maxRate, (n) => n > 0),
    stepMs,
    bisections: DEFAULT_CAPACITY.bisections,
    maxVUs: DEFAULT_CAPACITY.maxVUs,
  };
}

/** `i/n` with 1 ≤ i ≤ n. */
export function parseShard(text: string): Shard {
  try {
    return parseShardText(text);
  } catch (err) {
    throw new InputError(`input ${(err as Error).message}`);
  }
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Names separated by commas, spaces or lines; the runner's own (GITHUB_TOKEN, ACTIONS_*, INPUT_*) are refused. */
function readVariables(value: string): string[] {
  const names = value.split(/[\s,]+/).filter(Boolean);
  for (const name of names) {
    if (!VARIABLE_NAME.test(name)) throw new InputError(`input variables: ${JSON.stringify(name)} is not a variable name`);
    if (isNeverRead(name)) {
      throw new InputError(
        `input variables: ${name} is the runner's and never read by a scenario; hand the server's credential over under a name of its own (env: MCP_TOKEN: \${{ secrets.MCP_TOKEN }})`,
      );
    }
  }
  return names;
}

function readBaseline(value: string): BaselineInput {
  if (value === '' || value === 'auto') return { kind: 'auto' };
  if (value === 'none') return { kind: 'none' };
  return { kind: 'path', path: value };
}

function optional(value: string): string | undefined {
  return value === '' ? undefined : value;
}

function oneOf<T extends string>(get: InputReader, name: string, allowed: readonly T[], fallback: T): T {
  const value = get(name);
  if (value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(`input ${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
}

function boolean(get: InputReader, name: string, fallback: boolean): boolean {
  const value = get(name).toLowerCase();
  if (value === '') return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new InputError(`input ${name} must be true or false, got ${JSON.stringify(get(name))}`);
}
