// Runs the action's run() in this process with the environment a GitHub runner sets, against a
// FakeGitHub, and collects what a runner would see: workflow commands on stdout, the outputs file,
// the job summary and the exit code. Each call restores process.env and process.exitCode after.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OWNER, REPO, runtimeToken, type FakeGitHub } from './fake-github.ts';

export interface ActionRun {
  exitCode: number;
  /** Everything written to stdout as text: logs and workflow commands (`::error::`, `::add-mask::`). */
  log: string;
  outputs: Record<string, string>;
  summary: string;
  reportDir: string;
}

export interface RunSpec {
  runId: number;
  inputs: Record<string, string>;
  event: { name: string; payload: object; ref: string };
  job?: string;
  /** More environment (e.g. the variables a scenario interpolates). */
  env?: Record<string, string>;
}

export const WORKFLOW_ID = 42;
export const HEAD_SHA = 'abc1234def5678abc1234def5678abc1234def56';

export function pullRequestEvent(number: number, baseRef = 'main', headSha = HEAD_SHA): RunSpec['event'] {
  return {
    name: 'pull_request',
    ref: `refs/pull/${number}/merge`,
    payload: {
      action: 'synchronize',
      number,
      pull_request: { number, base: { ref: baseRef }, head: { ref: 'feature', sha: headSha, repo: { full_name: `${OWNER}/${REPO}` } } },
      repository: { name: REPO, owner: { login: OWNER }, default_branch: 'main' },
    },
  };
}

export function pushEvent(branch = 'main'): RunSpec['event'] {
  return {
    name: 'push',
    ref: `refs/heads/${branch}`,
    payload: { ref: `refs/heads/${branch}`, repository: { name: REPO, owner: { login: OWNER }, default_branch: 'main' } },
  };
}

export function workflowRunEvent(runId: number, headSha = HEAD_SHA): RunSpec['event'] {
  return {
    name: 'workflow_run',
    ref: 'refs/heads/main',
    payload: {
      action: 'completed',
      workflow_run: { id: runId, workflow_id: WORKFLOW_ID, head_sha: headSha, event: 'pull_request', conclusion: 'success', pull_requests: [] },
      repository: { name: REPO, owner: { login: OWNER }, default_branch: 'main' },
    },
  };
}

export class ActionHarness {
  /** @actions/core keeps the job summary's path from its first use: one file for the whole process. */
  readonly summaryFile: string;

  constructor(
    private readonly fake: FakeGitHub,
    private readonly dir: string,
    private readonly run: () => Promise<void>,
  ) {
    mkdirSync(dir, { recursive: true });
    this.summaryFile = join(dir, 'step-summary.md');
    writeFileSync(this.summaryFile, '');
  }

  async runAction(spec: RunSpec): Promise<ActionRun> {
    const runDir = join(this.dir, `run-${spec.runId}`);
    mkdirSync(runDir, { recursive: true });
    const eventFile = join(runDir, 'event.json');
    writeFileSync(eventFile, JSON.stringify(spec.event.payload));
    const outputFile = join(runDir, 'output.txt');
    writeFileSync(outputFile, '');
    writeFileSync(this.summaryFile, '');
    const reportDir = join(runDir, 'results');
    if (!this.fake.runs.some((r) => r.id === spec.runId)) {
      const branch = spec.event.ref.replace(/^refs\/heads\//, '');
      this.fake.runs.push({ id: spec.runId, workflowId: WORKFLOW_ID, event: spec.event.name, headBranch: branch, conclusion: null });
    }

    const env: Record<string, string> = {
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
      GITHUB_REPOSITORY_OWNER: OWNER,
      GITHUB_RUN_ID: String(spec.runId),
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: spec.job ?? 'load',
      GITHUB_WORKFLOW: 'mcp-load',
      GITHUB_EVENT_NAME: spec.event.name,
      GITHUB_EVENT_PATH: eventFile,
      GITHUB_REF: spec.event.ref,
      GITHUB_REF_NAME: spec.event.ref.replace(/^refs\/(heads|tags)\//, ''),
      GITHUB_REF_TYPE: 'branch',
      GITHUB_SHA: HEAD_SHA,
      GITHUB_API_URL: this.fake.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_STEP_SUMMARY: this.summaryFile,
      GITHUB_OUTPUT: outputFile,
      RUNNER_TEMP: join(runDir, 'runner-temp'),
      ACTIONS_RUNTIME_TOKEN: runtimeToken(spec.runId),
      ACTIONS_RESULTS_URL: `${this.fake.url}/`,
      'INPUT_REPORT-DIR': reportDir,
      ...Object.fromEntries(Object.entries(spec.inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
      ...spec.env,
    };

    const savedEnv = { ...process.env };
    for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_') || key.startsWith('GITHUB_')) delete process.env[key];
    Object.assign(process.env, env);
    const savedExitCode = process.exitCode;
    process.exitCode = undefined;
    const write = process.stdout.write;
    let log = '';
    // Text is the action's log; Buffers are the test runner's own reports, which must get through.
    process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (typeof chunk === 'string') {
        log += chunk;
        return true;
      }
      return (write as (...args: unknown[]) => boolean).call(process.stdout, chunk, ...rest);
    }) as typeof process.stdout.write;
    let exitCode: number;
    try {
      await this.run();
    } finally {
      process.stdout.write = write;
      exitCode = Number(process.exitCode ?? 0);
      process.exitCode = savedExitCode;
      for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
      Object.assign(process.env, savedEnv);
      writeFileSync(join(runDir, 'log.txt'), log);
    }
    return { exitCode, log, outputs: parseOutputs(readFileSync(outputFile, 'utf8')), summary: readFileSync(this.summaryFile, 'utf8'), reportDir };
  }
}

/** The GITHUB_OUTPUT file: `name<<delimiter`, value lines, `delimiter`. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]);
    out[m[1]] = value.join('\n');
  }
  return out;
}
