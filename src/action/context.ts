import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

export interface Repo {
  owner: string;
  repo: string;
}

export interface PullRequestRef {
  number: number;
  baseRef: string;
  headSha: string;
}

/** The run that triggered a `workflow_run` event (the fork-safe comment workflow). */
export interface TriggeringRun {
  id: number;
  workflowId: number;
  headSha: string;
  event: string;
  conclusion: string | null;
}

/**
 * What the action needs to know about the workflow run, read from the environment GitHub sets.
 * Read on every run() (not at import, as @actions/github's `context` is), so tests can change it.
 */
export interface ActionContext {
  eventName: string;
  repo: Repo;
  runId: number;
  serverUrl: string;
  job: string;
  /** The branch (or tag) the run is on: GITHUB_REF_NAME. */
  refName: string;
  refIsBranch: boolean;
  /** On pull_request and pull_request_target events. */
  pullRequest?: PullRequestRef;
  /** From the event payload, when it carries the repository. */
  defaultBranch?: string;
  /** On workflow_run events. */
  triggeringRun?: TriggeringRun;
  tempDir: string;
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

export function readContext(env: NodeJS.ProcessEnv = process.env): ActionContext {
  const payload = readPayload(env.GITHUB_EVENT_PATH);
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) throw new Error('GITHUB_REPOSITORY is not set (owner/repo): run the action in a GitHub Actions workflow');
  const runId = Number(env.GITHUB_RUN_ID);
  if (!Number.isSafeInteger(runId) || runId <= 0) throw new Error('GITHUB_RUN_ID is not set: run the action in a GitHub Actions workflow');
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const ref = env.GITHUB_REF ?? '';
  const context: ActionContext = {
    eventName,
    repo: { owner, repo },
    runId,
    serverUrl: (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, ''),
    job: env.GITHUB_JOB ?? '',
    refName: env.GITHUB_REF_NAME ?? ref.replace(/^refs\/(heads|tags)\//, ''),
    refIsBranch: env.GITHUB_REF_TYPE === undefined ? ref.startsWith('refs/heads/') : env.GITHUB_REF_TYPE === 'branch',
    tempDir: env.RUNNER_TEMP || tmpdir(),
  };
  const defaultBranch = field(payload, 'repository', 'default_branch');
  if (typeof defaultBranch === 'string') context.defaultBranch = defaultBranch;
  if (PULL_REQUEST_EVENTS.has(eventName)) {
    const number = field(payload, 'pull_request', 'number');
    const baseRef = field(payload, 'pull_request', 'base', 'ref');
    const headSha = field(payload, 'pull_request', 'head', 'sha');
    if (typeof number === 'number' && typeof baseRef === 'string') {
      context.pullRequest = { number, baseRef, headSha: typeof headSha === 'string' ? headSha : '' };
    }
  }
  if (eventName === 'workflow_run') {
    const id = field(payload, 'workflow_run', 'id');
    const workflowId = field(payload, 'workflow_run', 'workflow_id');
    if (typeof id === 'number' && typeof workflowId === 'number') {
      const headSha = field(payload, 'workflow_run', 'head_sha');
      const event = field(payload, 'workflow_run', 'event');
      const conclusion = field(payload, 'workflow_run', 'conclusion');
      context.triggeringRun = {
        id,
        workflowId,
        headSha: typeof headSha === 'string' ? headSha : '',
        event: typeof event === 'string' ? event : '',
        conclusion: typeof conclusion === 'string' ? conclusion : null,
      };
    }
  }
  return context;
}

/** Runs whose results may become baselines: never a pull request's. */
export function isPullRequestEvent(eventName: string): boolean {
  return PULL_REQUEST_EVENTS.has(eventName);
}

function readPayload(path: string | undefined): unknown {
  if (!path || !existsSync(path)) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`GITHUB_EVENT_PATH ${path}: not readable as JSON (${(err as Error).message})`);
  }
}

function field(value: unknown, ...path: string[]): unknown {
  let at = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}
