import * as core from '@actions/core';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Comparison } from '../compare/index.ts';
import { renderHtmlReport, buildReportView } from '../report/index.ts';
import { readResult, type Result } from '../results/index.ts';
import { artifactNames, FILES, type ArtifactNames } from './artifact-names.ts';
import { ArtifactStore, artifactUrl } from './artifacts.ts';
import { compareWithBaseline, extendHistory, lookUpBaseline, type Baseline } from './baseline.ts';
import { isPullRequestEvent, type ActionContext } from './context.ts';
import { GitHubApi } from './github-api.ts';
import type { ActionInputs } from './inputs.ts';
import { writeJobSummary } from './job-summary.ts';
import { resultSource } from './obtain-result.ts';
import { keyFigures, writeOutputs } from './outputs.ts';
import { postComment, type PullRequestFile } from './pull-request-comment.ts';
import { renderReportMarkdown } from './report.ts';
import type { Secrets } from './secrets.ts';
import { markerId } from './sticky-comment.ts';

/** What the steps of one run share. */
interface RunSetup {
  inputs: ActionInputs;
  ctx: ActionContext;
  secrets: Secrets;
  api: GitHubApi;
  /** Undefined on runners without the artifact service (local runners). */
  store: ArtifactStore | undefined;
  names: ArtifactNames;
  /** The sticky comment's marker id. */
  marker: string;
  /** Downloads and staging, under RUNNER_TEMP. */
  workDir: string;
}

interface ReportFiles {
  dir: string;
  result: string;
  report: string;
  summary: string;
  pullRequest: string;
}

/**
 * `mode: run`: load test (or the given result: input `result`), baseline, comparison, reports
 * (files, artifacts, job summary, PR comment), history, outputs. Returns why the step fails
 * (thresholds, regression): decided after all is written.
 */
export async function runMode(inputs: ActionInputs, ctx: ActionContext, secrets: Secrets): Promise<string[]> {
  const source = await resultSource(inputs, secrets);
  // Read before the run: a wrong path should not cost a load test.
  const fixedBaseline = inputs.baseline.kind === 'path' ? await readResult(inputs.baseline.path) : undefined;
  const result = await source.obtain();

  const setup = runSetup(inputs, ctx, secrets, source.scenarioId);
  const { baseline, previous, onBaselineBranch } = await core.group('Baseline', () => findBaseline(setup, fixedBaseline));
  const comparison = await core.group('Comparison', async () => compareWithBaseline(result, baseline));
  const files = reportFiles(inputs.reportDir);
  const markdown = await core.group('Reports and artifacts', () => writeReports(setup, files, result, baseline, comparison));
  await writeJobSummary(markdown.summary);

  const regression = comparison?.comparable === true && comparison.regression;
  const pullRequest = ctx.pullRequest;
  if (pullRequest && inputs.shard) {
    // A slice's figures would misstate the load; the job that merges the shards reports the whole.
    core.info(`shard ${inputs.shard.index}/${inputs.shard.count}: no pull request comment from a slice of the load (the job summary has this slice's report)`);
  } else if (pullRequest) {
    await core.group('Pull request comment', async () => {
      try {
        await postComment(setup.api, {
          issueNumber: pullRequest.number,
          body: markdown.comment,
          marker: setup.marker,
          policy: inputs.comment,
          regression,
          thresholdsFailed: failedThresholds(result).length > 0,
        });
      } catch (err) {
        // The report is in the job summary; a GitHub hiccup does not undo the load test.
        core.warning(`mcp-load: the pull request comment failed (${(err as Error).message})`);
      }
    });
  }
  if (onBaselineBranch && setup.store) {
    const store = setup.store;
    await core.group('History', () => keepHistory(store, previous?.history, result, setup.names, setup.workDir));
  }
  const view = buildReportView(result, { ...(baseline.result ? { baseline: baseline.result } : {}), ...(comparison ? { comparison } : {}) });
  writeOutputs({ resultFile: files.result, reportFile: files.report, regression, figures: keyFigures(result), view });
  return failures(inputs, result, comparison, baseline);
}

function runSetup(inputs: ActionInputs, ctx: ActionContext, secrets: Secrets, scenarioId: string): RunSetup {
  const names = artifactNames(scenarioId, inputs.artifactName, inputs.shard);
  const store = ArtifactStore.available() ? new ArtifactStore(inputs.token, ctx.repo) : undefined;
  if (!store)
    core.warning(
      'mcp-load: this runner has no artifact service (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL): nothing is uploaded and no baseline is looked up',
    );
  return {
    inputs,
    ctx,
    secrets,
    api: new GitHubApi(inputs.token, ctx.repo),
    store,
    names,
    marker: markerId(scenarioId, ctx.job, inputs.commentKey),
    workDir: join(ctx.tempDir, `mcp-load-${ctx.runId}-${names.results}`),
  };
}

interface BaselineChoice {
  /** What this run is compared with. */
  baseline: Baseline;
  /** The previous baseline-branch run (and its history), looked up for `auto` and on the baseline branch. */
  previous: Baseline | undefined;
  onBaselineBranch: boolean;
}

/**
 * The baseline input decides what the run is compared with; on the baseline branch (and in
 * scheduled runs) the previous run is looked up whatever it says, to extend its history.
 */
async function findBaseline(setup: RunSetup, fixed: Result | undefined): Promise<BaselineChoice> {
  const { inputs, ctx, api, store } = setup;
  const branch = await baselineBranch(inputs, ctx, api);
  const onBaselineBranch =
    branch !== undefined && (ctx.eventName === 'schedule' || (!isPullRequestEvent(ctx.eventName) && ctx.refIsBranch && ctx.refName === branch));
  core.info(`baseline branch: ${branch ?? 'unknown'}${onBaselineBranch ? ' (this run is on it: it extends the history)' : ''}`);
  let previous: Baseline | undefined;
  if (store && branch !== undefined && (inputs.baseline.kind === 'auto' || onBaselineBranch)) {
    const search = { api, store, repo: ctx.repo, branch, names: setup.names, excludeRunId: ctx.runId, workDir: setup.workDir };
    previous = await lookUpBaseline(search, async () => inputs.baselineWorkflow ?? (await api.workflowIdOfRun(ctx.runId)));
  }
  let baseline: Baseline;
  if (inputs.baseline.kind === 'path' && fixed) baseline = { result: fixed, description: inputs.baseline.path };
  else if (inputs.baseline.kind === 'none') baseline = { description: 'none' };
  else if (previous) baseline = previous;
  else baseline = { description: 'none', missing: store ? 'the baseline branch is unknown' : 'this runner has no artifact service to fetch one from' };
  return { baseline, previous, onBaselineBranch };
}

/** The baseline-branch input, else the pull request's base, else the repository's default branch. */
async function baselineBranch(inputs: ActionInputs, ctx: ActionContext, api: GitHubApi): Promise<string | undefined> {
  const known = inputs.baselineBranch ?? ctx.pullRequest?.baseRef ?? ctx.defaultBranch;
  if (known !== undefined) return known;
  try {
    return await api.defaultBranch();
  } catch (err) {
    core.warning(`mcp-load: cannot tell the repository's default branch (${(err as Error).message}); set input baseline-branch`);
    return undefined;
  }
}

function reportFiles(reportDir: string): ReportFiles {
  const dir = resolve(reportDir);
  return {
    dir,
    result: join(dir, FILES.result),
    report: join(dir, FILES.report),
    summary: join(dir, FILES.summary),
    pullRequest: join(dir, FILES.pullRequest),
  };
}

/**
 * result.json, report.html (also uploaded alone, for the comment's link), summary.md and, on pull
 * requests, pull-request.json; then the results artifact. Returns the job summary and comment text.
 */
async function writeReports(
  setup: RunSetup,
  files: ReportFiles,
  result: Result,
  baseline: Baseline,
  comparison: Comparison | undefined,
): Promise<{ summary: string; comment: string }> {
  const { ctx, secrets, store } = setup;
  await mkdir(files.dir, { recursive: true });
  await writeFile(files.result, `${JSON.stringify(result)}\n`);
  // Rendered from the redacted result; not scrubbed again: that could break its inline scripts.
  await writeFile(
    files.report,
    renderHtmlReport(result, {
      ...(baseline.result ? { baseline: baseline.result } : {}),
      ...(comparison?.comparable ? { comparison } : {}),
      ...(baseline.history ? { history: baseline.history } : {}),
    }),
  );
  const reportUrl = store ? await uploadHtmlReport(store, files.report, setup) : undefined;
  const report = { result, baseline, ...(comparison ? { comparison } : {}), ...(reportUrl ? { reportUrl } : {}) };
  const summary = secrets.redact(renderReportMarkdown(report));
  const comment = secrets.redact(renderReportMarkdown(report, setup.marker));
  await writeFile(files.summary, summary);
  const uploads = [files.result, files.report, files.summary];
  if (ctx.pullRequest) {
    const pr: PullRequestFile = { number: ctx.pullRequest.number, headSha: ctx.pullRequest.headSha, baseRef: ctx.pullRequest.baseRef, marker: setup.marker };
    await writeFile(files.pullRequest, `${JSON.stringify(pr)}\n`);
    uploads.push(files.pullRequest);
  }
  core.info(`reports written to ${files.dir}`);
  if (store) await uploadResults(store, setup.names.results, uploads, files.dir);
  return { summary, comment };
}

/** The HTML report as its own unzipped artifact, named after the results artifact (unique per run); returns its link. */
async function uploadHtmlReport(store: ArtifactStore, report: string, setup: RunSetup): Promise<string | undefined> {
  try {
    const copy = join(setup.workDir, 'html', setup.names.report);
    await mkdir(join(setup.workDir, 'html'), { recursive: true });
    await copyFile(report, copy);
    const id = await store.uploadFile(copy);
    return artifactUrl(setup.ctx.serverUrl, setup.ctx.repo, setup.ctx.runId, id);
  } catch (err) {
    core.warning(`mcp-load: the HTML report was not uploaded (${(err as Error).message}); the comment has no link to it`);
    return undefined;
  }
}

async function uploadResults(store: ArtifactStore, name: string, files: string[], dir: string): Promise<void> {
  try {
    const id = await store.uploadZip(name, files, dir);
    core.info(`artifact ${name} uploaded (id ${id})`);
  } catch (err) {
    core.warning(`mcp-load: artifact ${name} was not uploaded (${(err as Error).message}); this run cannot serve as a baseline`);
  }
}

async function keepHistory(store: ArtifactStore, previous: Baseline['history'], result: Result, names: ArtifactNames, workDir: string): Promise<void> {
  try {
    const dir = join(workDir, 'history-new');
    const file = join(dir, FILES.history);
    await extendHistory(previous, result, file);
    await store.uploadZip(names.history, [file], dir);
  } catch (err) {
    core.warning(`mcp-load: the history was not updated (${(err as Error).message})`);
  }
}

function failedThresholds(result: Result): string[] {
  return result.thresholds.filter((t) => !t.ok).map((t) => `${t.key} ${t.source}${t.observed === null ? '' : ` (observed ${Number(t.observed.toFixed(3))})`}`);
}

function failures(inputs: ActionInputs, result: Result, comparison: Comparison | undefined, baseline: Baseline): string[] {
  const out: string[] = [];
  const failed = failedThresholds(result);
  if (inputs.failOnThreshold && failed.length > 0) out.push(`thresholds failed: ${failed.join(', ')}`);
  const internal = result.findings.find((f) => f.id === 'internal-error');
  if (internal) out.push(internal.statement);
  if (inputs.failOnRegression && comparison?.comparable && comparison.regression) {
    const regressed = comparison.verdicts
      .filter((v) => v.verdict === 'regression' && v.gated)
      .map(
        (v) =>
          `${v.metric}${v.tool ? ` (${v.tool})` : ''}${v.change === undefined ? '' : ` ${v.change >= 0 ? '+' : '−'}${Math.round(Math.abs(v.change) * 100)}%`}`,
      );
    out.push(`regression against ${baseline.description}: ${regressed.join(', ')}`);
  }
  return out;
}
