import { getOctokit } from '@actions/github';
import type { Repo } from './context.ts';

export interface IssueComment {
  id: number;
  body: string;
  login: string;
  url: string;
}

export interface WorkflowRun {
  id: number;
  event: string;
  headBranch: string;
  /** owner/repo the run's commit came from (a fork for fork pull requests). */
  headRepository?: string;
  createdAt: string;
}

/** Who GET /user says a GITHUB_TOKEN is not: that endpoint answers 403 for it, and it comments as this bot. */
export const GITHUB_ACTIONS_BOT = 'github-actions[bot]';

const PAGE_SIZE = 100;

/** The HTTP status of a failed Octokit request, if it was one. */
export function httpStatus(err: unknown): number | undefined {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** The REST calls the action makes, through @actions/github's Octokit (GITHUB_API_URL is honoured). */
export class GitHubApi {
  private readonly octokit: ReturnType<typeof getOctokit>;

  constructor(
    token: string,
    readonly repo: Repo,
    baseUrl: string = process.env.GITHUB_API_URL || 'https://api.github.com',
  ) {
    // baseUrl is passed, not left to @actions/github's default, which is read once when it is first imported.
    this.octokit = getOctokit(token, { baseUrl });
  }

  /** The login the token comments as. */
  async currentLogin(): Promise<string> {
    try {
      const { data } = await this.octokit.rest.users.getAuthenticated();
      return data.login;
    } catch (err) {
      if (httpStatus(err) === 403) return GITHUB_ACTIONS_BOT;
      throw err;
    }
  }

  /** Every comment of an issue or pull request, all pages. */
  async listComments(issueNumber: number): Promise<IssueComment[]> {
    const comments = await this.octokit.paginate(this.octokit.rest.issues.listComments, {
      ...this.repo,
      issue_number: issueNumber,
      per_page: PAGE_SIZE,
    });
    return comments.map((c) => ({ id: c.id, body: c.body ?? '', login: c.user?.login ?? '', url: c.html_url }));
  }

  async createComment(issueNumber: number, body: string): Promise<IssueComment> {
    const { data } = await this.octokit.rest.issues.createComment({ ...this.repo, issue_number: issueNumber, body });
    return { id: data.id, body: data.body ?? body, login: data.user?.login ?? '', url: data.html_url };
  }

  async updateComment(commentId: number, body: string): Promise<IssueComment> {
    const { data } = await this.octokit.rest.issues.updateComment({ ...this.repo, comment_id: commentId, body });
    return { id: data.id, body: data.body ?? body, login: data.user?.login ?? '', url: data.html_url };
  }

  async workflowIdOfRun(runId: number): Promise<number> {
    const { data } = await this.octokit.rest.actions.getWorkflowRun({ ...this.repo, run_id: runId });
    return data.workflow_id;
  }

  /** The latest successful runs of a workflow (file name or id) on a branch, newest first. */
  async successfulRuns(workflow: number | string, branch: string, count: number): Promise<WorkflowRun[]> {
    const { data } = await this.octokit.rest.actions.listWorkflowRuns({
      ...this.repo,
      workflow_id: workflow,
      branch,
      status: 'success',
      per_page: count,
    });
    return data.workflow_runs.map((run) => {
      const out: WorkflowRun = { id: run.id, event: run.event, headBranch: run.head_branch ?? '', createdAt: run.created_at };
      if (run.head_repository?.full_name) out.headRepository = run.head_repository.full_name;
      return out;
    });
  }

  async defaultBranch(): Promise<string> {
    const { data } = await this.octokit.rest.repos.get({ ...this.repo });
    return data.default_branch;
  }

  async pullRequest(number: number): Promise<{ number: number; headSha: string; baseRef: string; state: string }> {
    const { data } = await this.octokit.rest.pulls.get({ ...this.repo, pull_number: number });
    return { number: data.number, headSha: data.head.sha, baseRef: data.base.ref, state: data.state };
  }
}
