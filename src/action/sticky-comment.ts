import { httpStatus, type GitHubApi } from './github-api.ts';

/** GitHub refuses comment bodies longer than 65,536 characters; stay clear of the edge. */
export const COMMENT_MAX_CHARS = 65_000;

/**
 * The id in the hidden marker: one sticky comment per scenario and job (plus an optional key for
 * matrix jobs that run the same scenario). Only characters safe inside an HTML comment.
 */
export function markerId(scenarioId: string, job: string, key?: string): string {
  return [scenarioId, job, key]
    .filter((part): part is string => part !== undefined && part !== '')
    .map((part) => part.replace(/[^A-Za-z0-9._/-]+/g, '-').replace(/-{2,}/g, '-'))
    .join(':');
}

export type StickyOutcome =
  | { kind: 'created' | 'updated' | 'unchanged'; url: string }
  /** No earlier comment and none wanted now (comment: on-regression without a regression). */
  | { kind: 'skipped' }
  /** The token may not comment: a fork pull request's read-only token, or no `pull-requests: write`. */
  | { kind: 'not-permitted'; status: number };

export interface StickyCommentRequest {
  issueNumber: number;
  /** Starts with the marker line. */
  body: string;
  marker: string;
  /** False: only update an earlier comment, do not start one. */
  create: boolean;
}

/**
 * Creates or updates our one comment on a pull request: found by its marker among the comments
 * the token's own user wrote (all pages), so a look-alike by anyone else is never touched.
 */
export async function upsertStickyComment(api: GitHubApi, request: StickyCommentRequest): Promise<StickyOutcome> {
  const body = fitComment(request.body);
  try {
    const login = await api.currentLogin();
    const comments = await api.listComments(request.issueNumber);
    const ours = comments.find((c) => c.login === login && c.body.includes(request.marker));
    if (ours) {
      if (ours.body === body) return { kind: 'unchanged', url: ours.url };
      const updated = await api.updateComment(ours.id, body);
      return { kind: 'updated', url: updated.url };
    }
    if (!request.create) return { kind: 'skipped' };
    const created = await api.createComment(request.issueNumber, body);
    return { kind: 'created', url: created.url };
  } catch (err) {
    const status = httpStatus(err);
    if (status === 403 || status === 404) return { kind: 'not-permitted', status };
    throw err;
  }
}

const TRUNCATION_NOTE = '\n\n… (truncated: the full report is in the job summary and the artifacts)\n';

/**
 * A body under the limit: cut at a line boundary, closing an open code fence and `<details>`
 * blocks so that the rest of the page still renders.
 */
export function fitComment(body: string, maxChars: number = COMMENT_MAX_CHARS): string {
  if (body.length <= maxChars) return body;
  const closingBudget = 200;
  let cut = body.lastIndexOf('\n', maxChars - TRUNCATION_NOTE.length - closingBudget);
  if (cut <= 0) cut = maxChars - TRUNCATION_NOTE.length - closingBudget;
  let head = body.slice(0, cut);
  // Never split a surrogate pair.
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  let closing = '';
  if ((head.match(/^\s*(```|~~~)/gm)?.length ?? 0) % 2 === 1) closing += '\n```';
  const openDetails = (head.match(/<details\b/g)?.length ?? 0) - (head.match(/<\/details>/g)?.length ?? 0);
  for (let i = 0; i < openDetails && closing.length < closingBudget - 20; i++) closing += '\n</details>';
  return `${head}${closing}${TRUNCATION_NOTE}`;
}
