import * as core from '@actions/core';
import { commentMarker } from '../report/index.ts';
import type { GitHubApi } from './github-api.ts';
import type { CommentPolicy } from './inputs.ts';
import { upsertStickyComment } from './sticky-comment.ts';

/** pull-request.json in the results artifact: which pull request a run was for, read by the fork-safe comment workflow. */
export interface PullRequestFile {
  number: number;
  headSha: string;
  baseRef: string;
  /** The marker id of the run's sticky comment (scenario, job, comment-key). */
  marker: string;
}

export interface CommentRequest {
  issueNumber: number;
  /** Opens with the hidden marker line. */
  body: string;
  /** The marker id (not the HTML comment). */
  marker: string;
  policy: CommentPolicy;
  regression: boolean;
  thresholdsFailed: boolean;
}

/**
 * Posts or updates the sticky comment as the `comment` input says. `on-regression` starts a comment
 * only when something is wrong, but keeps an earlier one up to date. A token that may not comment
 * (fork pull requests, no `pull-requests: write`) costs one warning, never the job.
 */
export async function postComment(api: GitHubApi, request: CommentRequest): Promise<void> {
  if (request.policy === 'never') {
    core.info('comment: never — no pull request comment');
    return;
  }
  const create = request.policy === 'always' || request.regression || request.thresholdsFailed;
  const outcome = await upsertStickyComment(api, {
    issueNumber: request.issueNumber,
    body: request.body,
    marker: commentMarker(request.marker),
    create,
  });
  switch (outcome.kind) {
    case 'created':
    case 'updated':
      core.info(`comment ${outcome.kind}: ${outcome.url}`);
      break;
    case 'unchanged':
      core.info(`comment unchanged: ${outcome.url}`);
      break;
    case 'skipped':
      core.info('comment: on-regression and nothing regressed — no comment');
      break;
    case 'not-permitted':
      core.warning(
        `mcp-load: cannot comment on pull request #${request.issueNumber} (HTTP ${outcome.status}): the token is read-only (a pull request from a fork) or lacks \`pull-requests: write\`. The report is in the job summary; for fork pull requests see the two-workflow pattern in docs/action.md.`,
      );
      break;
  }
}
