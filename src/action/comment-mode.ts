import * as core from '@actions/core';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readResult, type Result } from '../results/index.ts';
import { artifactNames, FILES } from './artifact-names.ts';
import { scenarioIdOf } from './scenario-id.ts';
import { ArtifactStore, artifactUrl } from './artifacts.ts';
import { compareWithBaseline, lookUpBaseline, type Baseline } from './baseline.ts';
import type { ActionContext, TriggeringRun } from './context.ts';
import { GitHubApi } from './github-api.ts';
import type { ActionInputs } from './inputs.ts';
import { writeJobSummary } from './job-summary.ts';
import { keyFigures, writeOutputs } from './outputs.ts';
import { buildReportView } from '../report/index.ts';
import { postComment, type PullRequestFile } from './pull-request-comment.ts';
import { renderReportMarkdown } from './report.ts';

/**
 * `mode: comment`, in a `workflow_run` workflow on the default branch (the fork-safe pattern): the
 * triggering pull request run uploaded its result with pull-request.json; this job, which holds a
 * token that may write, compares it with the baseline and posts the sticky comment. The artifact
 * comes from untrusted code, so the pull request it names must be at the commit the run tested.
 */
export async function commentMode(inputs: ActionInputs, ctx: ActionContext): Promise<string[]> {
  const run = ctx.triggeringRun;
  if (!run) {
    throw new Error(`mode comment runs in a workflow_run workflow (see the fork-safe pattern in docs/action.md), not on ${ctx.eventName || 'this'} events`);
  }
  const scenarioId = scenarioIdOf(inputs.scenario);
  const names = artifactNames(scenarioId, inputs.artifactName, inputs.shard);
  const api = new GitHubApi(inputs.token, ctx.repo);
  const store = new ArtifactStore(inputs.token, ctx.repo);
  const workDir = join(ctx.tempDir, `mcp-load-${ctx.runId}-${names.results}`);

  const found = await core.group(`Result of run ${run.id}`, () => downloadRunResult(store, run, names.results, join(workDir, 'current')));
  if (!found) return [];
  const { result, pr, dir, artifacts } = found;
  const live = await api.pullRequest(pr.number).catch((err: Error) => {
    throw new Error(`cannot read pull request #${pr.number} named by run ${run.id}'s artifact (${err.message})`);
  });
  if (live.headSha !== run.headSha) {
    core.warning(
      `mcp-load: pull request #${pr.number} is at ${live.headSha.slice(0, 7)} but run ${run.id} tested ${run.headSha.slice(0, 7)}: no comment (a newer push, or an artifact naming another pull request)`,
    );
    return [];
  }

  const baseline = await core.group('Baseline', () => commentBaseline(inputs, api, store, ctx, run, live.baseRef, names, workDir));
  const comparison = await core.group('Comparison', async () => compareWithBaseline(result, baseline));
  const reportId = artifacts.get(names.report);
  const report = {
    result,
    baseline,
    ...(comparison ? { comparison } : {}),
    ...(reportId === undefined ? {} : { reportUrl: artifactUrl(ctx.serverUrl, ctx.repo, run.id, reportId) }),
  };
  await writeJobSummary(renderReportMarkdown(report));
  const regression = comparison?.comparable === true && comparison.regression;
  await core.group(`Comment on pull request #${pr.number}`, () =>
    postComment(api, {
      issueNumber: pr.number,
      body: renderReportMarkdown(report, pr.marker),
      marker: pr.marker,
      policy: inputs.comment,
      regression,
      thresholdsFailed: result.thresholds.some((t) => !t.ok),
    }),
  );
  const view = buildReportView(result, { ...(report.baseline.result ? { baseline: report.baseline.result } : {}), ...(comparison ? { comparison } : {}) });
  writeOutputs({ resultFile: join(dir, FILES.result), reportFile: join(dir, FILES.report), regression, figures: keyFigures(result), view });
  // The verdict belongs to the pull request's own checks (its run), not to this commenting job.
  return [];
}

interface RunResult {
  result: Result;
  pr: PullRequestFile;
  dir: string;
  artifacts: Map<string, number>;
}

async function downloadRunResult(store: ArtifactStore, run: TriggeringRun, name: string, dir: string): Promise<RunResult | undefined> {
  const artifacts = await store.list(run.id);
  const id = artifacts.get(name);
  if (id === undefined) {
    core.warning(`mcp-load: run ${run.id} (${run.event}, ${run.conclusion ?? 'no conclusion'}) uploaded no artifact ${name}: nothing to comment`);
    return undefined;
  }
  await store.download(id, run.id, dir);
  const pr = await readPullRequestFile(join(dir, FILES.pullRequest));
  if (!pr) {
    core.info(`artifact ${name} of run ${run.id} is not from a pull request run: nothing to comment`);
    return undefined;
  }
  return { result: await readResult(join(dir, FILES.result)), pr, dir, artifacts };
}

/** pull-request.json, checked field by field: it was written by the pull request's code. */
async function readPullRequestFile(file: string): Promise<PullRequestFile | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const value = JSON.parse(text) as Partial<Record<keyof PullRequestFile, unknown>>;
  const { number, headSha, baseRef, marker } = value;
  if (!Number.isSafeInteger(number) || (number as number) <= 0) throw new Error(`${FILES.pullRequest}: number is not a pull request number`);
  if (typeof marker !== 'string' || !/^[A-Za-z0-9._:/@+=-]{1,200}$/.test(marker)) throw new Error(`${FILES.pullRequest}: marker is not a marker id`);
  return { number: number as number, headSha: typeof headSha === 'string' ? headSha : '', baseRef: typeof baseRef === 'string' ? baseRef : '', marker };
}

async function commentBaseline(
  inputs: ActionInputs,
  api: GitHubApi,
  store: ArtifactStore,
  ctx: ActionContext,
  run: TriggeringRun,
  baseRef: string,
  names: ReturnType<typeof artifactNames>,
  workDir: string,
): Promise<Baseline> {
  if (inputs.baseline.kind === 'none') return { description: 'none' };
  if (inputs.baseline.kind === 'path') return { result: await readResult(inputs.baseline.path), description: inputs.baseline.path };
  const search = { api, store, repo: ctx.repo, branch: inputs.baselineBranch ?? baseRef, names, excludeRunId: run.id, workDir };
  return lookUpBaseline(search, async () => inputs.baselineWorkflow ?? run.workflowId);
}
