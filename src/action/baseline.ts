import * as core from '@actions/core';
import { join } from 'node:path';
import { appendToHistory, compare, readHistory, writeHistory, type Comparison, type History } from '../compare/index.ts';
import { readResult, ResultFileError, type Result } from '../results/index.ts';
import { FILES, type ArtifactNames } from './artifact-names.ts';
import type { ArtifactStore } from './artifacts.ts';
import { isPullRequestEvent, type Repo } from './context.ts';
import type { GitHubApi } from './github-api.ts';

/** A history this long is compared against as a distribution; a shorter one, by its latest run alone. */
export const MIN_HISTORY_RUNS = 5;
/** Runs a history keeps. */
export const HISTORY_LENGTH = 30;
/** Successful runs looked at, newest first, for one holding our artifact. */
const RUNS_TO_SEARCH = 10;

/** What a run is compared against. */
export interface Baseline {
  /** The single baseline run: the comparison's reference when there is no long enough history, and the report's "Baseline" column. */
  result?: Result;
  /** Earlier baseline runs, oldest first, when the baseline run kept them. */
  history?: History;
  /** Where it came from, for the report: `run 123 on main`. */
  description: string;
  /** Why there is none, when there is none. */
  missing?: string;
}

/** What the comparison uses: the history once it is long enough, else the single run. */
export function comparisonBase(baseline: Baseline): Result | History | undefined {
  if (baseline.history && baseline.history.runs.length >= MIN_HISTORY_RUNS) return baseline.history;
  return baseline.result;
}

export interface BaselineSearch {
  api: GitHubApi;
  store: ArtifactStore;
  repo: Repo;
  /** Workflow file name or id. */
  workflow: number | string;
  branch: string;
  names: ArtifactNames;
  /** This run (or the run being commented on): never its own baseline. */
  excludeRunId: number;
  /** Where artifacts are downloaded. */
  workDir: string;
}

/**
 * The latest successful run of the workflow on the baseline branch that uploaded our result,
 * and its history if it kept one. Pull request runs never count, even from a fork's branch of the same name.
 */
export async function findBaselineRun(search: BaselineSearch): Promise<Baseline> {
  const { api, store, repo, names } = search;
  const runs = (await api.successfulRuns(search.workflow, search.branch, RUNS_TO_SEARCH * 2))
    .filter((run) => run.id !== search.excludeRunId && !isPullRequestEvent(run.event))
    .filter((run) => run.headRepository === undefined || run.headRepository === `${repo.owner}/${repo.repo}`)
    .slice(0, RUNS_TO_SEARCH);
  for (const run of runs) {
    const artifacts = await store.list(run.id);
    const resultId = artifacts.get(names.results);
    if (resultId === undefined) continue;
    const dir = join(search.workDir, `baseline-${run.id}`);
    await store.download(resultId, run.id, dir);
    let result: Result;
    try {
      result = await readResult(join(dir, FILES.result));
    } catch (err) {
      // A result this mcp-load cannot read (an older schema, say) is no baseline, and says why.
      if (!(err instanceof ResultFileError)) throw err;
      return { description: 'none', missing: `the result of run ${run.id} on \`${search.branch}\` is not usable: ${err.message}` };
    }
    const baseline: Baseline = { result, description: `run ${run.id} on ${search.branch} (${run.event})` };
    const historyId = artifacts.get(names.history);
    if (historyId !== undefined) {
      try {
        const historyDir = join(search.workDir, `history-${run.id}`);
        await store.download(historyId, run.id, historyDir);
        baseline.history = await readHistory(join(historyDir, FILES.history));
      } catch (err) {
        // The single baseline still serves; the history starts again from this run.
        core.warning(`mcp-load: the history of run ${run.id} is not usable (${(err as Error).message})`);
      }
    }
    return baseline;
  }
  return {
    description: 'none',
    missing:
      runs.length === 0
        ? `no successful run of this workflow on \`${search.branch}\` yet`
        : `none of the last ${runs.length} successful runs on \`${search.branch}\` uploaded \`${names.results}\``,
  };
}

/**
 * findBaselineRun, logged; a failed lookup (no `actions: read`, an API error) is a warning and
 * no baseline, never a failed job.
 */
export async function lookUpBaseline(search: Omit<BaselineSearch, 'workflow'>, workflow: () => Promise<number | string>): Promise<Baseline> {
  try {
    const baseline = await findBaselineRun({ ...search, workflow: await workflow() });
    core.info(
      baseline.missing
        ? `no baseline: ${baseline.missing}`
        : `baseline: ${baseline.description}${baseline.history ? `, with a history of ${baseline.history.runs.length} runs` : ''}`,
    );
    return baseline;
  } catch (err) {
    const reason = `the baseline lookup failed (${(err as Error).message}); the workflow needs \`actions: read\``;
    core.warning(`mcp-load: ${reason}`);
    return { description: 'none', missing: reason };
  }
}

/** The comparison with the baseline (none without one), logged verdict by verdict. */
export function compareWithBaseline(result: Result, baseline: Baseline): Comparison | undefined {
  const base = comparisonBase(baseline);
  if (base === undefined) {
    core.info('nothing to compare with');
    return undefined;
  }
  const comparison = compare(result, base);
  if (!comparison.comparable) {
    core.info(`not comparable with ${baseline.description}: ${comparison.reason ?? ''}`);
    return comparison;
  }
  core.info(`compared (${comparison.method}) with ${baseline.description}: ${comparison.regression ? 'REGRESSION' : 'no regression'}`);
  for (const v of comparison.verdicts) {
    core.info(
      `  ${v.verdict.padEnd(11)} ${v.metric}${v.tool ? ` (${v.tool})` : ''}${v.gated ? ' [gated]' : ''}: ${v.baseline ?? '—'} → ${v.current ?? '—'}${v.note ? `; ${v.note}` : ''}`,
    );
  }
  return comparison;
}

/** The history with this run appended (the last HISTORY_LENGTH kept), written to `file`. */
export async function extendHistory(previous: History | undefined, result: Result, file: string): Promise<History> {
  const history = appendToHistory(previous, result, { max: HISTORY_LENGTH });
  await writeHistory(file, history);
  core.info(`history: ${history.runs.length} run${history.runs.length === 1 ? '' : 's'} (keeps the last ${HISTORY_LENGTH})`);
  return history;
}
