import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  changePointFindings,
  historySeries,
  digestRun,
  HISTORY_SCHEMA_VERSION,
  readHistory,
  regressionSettings,
  type History,
  type HistoryEntry,
} from '../compare/index.ts';
import { readResult, ResultFileError, type Result } from '../results/index.ts';

export interface HistoryCommandOptions {
  /** A folder of result files (searched recursively: downloaded artifacts) and/or a history.json. */
  dir: string;
  out: (text: string) => void;
}

const MAX_DEPTH = 4;

/**
 * `mcp-load history DIR`: the runs of one workload in time order, their key figures, and the change
 * points (E-divisive means) where a figure shifted, as findings.
 */
export async function runHistoryCommand(options: HistoryCommandOptions): Promise<number> {
  const { history, skipped } = await collectHistory(options.dir);
  if (history.runs.length === 0) {
    options.out(`mcp-load: no result files (result.json) or history.json under ${options.dir}\n`);
    return 1;
  }
  options.out(`${renderTrend(history)}\n`);
  if (skipped.length > 0) options.out(`\nleft out: ${skipped.join('; ')}\n`);
  const findings = changePointFindings(history);
  options.out(
    findings.length === 0
      ? `\nno change point in ${history.runs.length} runs (E-divisive means, permutation test at p < 0.01, shifts of 5 % or more)\n`
      : `\n${findings.map((f) => `${f.severity === 'warning' ? '⚠' : 'ℹ'} ${f.statement}\n    ${f.evidence.join('; ')}`).join('\n')}\n`,
  );
  return 0;
}

/**
 * Every run found, oldest first, of one workload: `current`'s, else the newest run's (a different
 * scenario is not the same series); `current` itself (same start and commit) left out.
 */
export async function collectHistory(dir: string, current?: Result): Promise<{ history: History; skipped: string[] }> {
  const entries: HistoryEntry[] = [];
  const hashes = new Map<HistoryEntry, string>();
  const skipped: string[] = [];
  for (const file of await jsonFiles(dir, 0)) {
    if (basename(file) === 'history.json') {
      const history = await readHistory(file);
      for (const run of history.runs) {
        entries.push(run);
        hashes.set(run, run.fingerprint.scenarioHash);
      }
      continue;
    }
    try {
      const result = await readResult(file);
      const entry = digestRun(result, regressionSettings(result.scenario.echo.regression ?? {}).windowMs);
      entries.push(entry);
      hashes.set(entry, result.scenario.hash);
    } catch (error) {
      if (!(error instanceof ResultFileError)) throw error;
      skipped.push(`${file} (${error.message.split('\n')[0]})`);
    }
  }
  entries.sort((a, b) => a.date.localeCompare(b.date));
  const unique = entries.filter((e, i) => i === 0 || e.date !== entries[i - 1].date || e.sha !== entries[i - 1].sha);
  const newest = unique.at(-1);
  const workload = current ? current.scenario.hash : newest ? hashes.get(newest) : undefined;
  if (current) {
    const same = unique.findIndex((e) => e.date === current.startedAt && e.sha === current.environment.git?.sha);
    if (same >= 0) unique.splice(same, 1);
  }
  const other = unique.filter((e) => hashes.get(e) !== workload).length;
  if (other > 0) skipped.push(`${other} run(s) of another workload (scenario changed)`);
  return { history: { schemaVersion: HISTORY_SCHEMA_VERSION, runs: unique.filter((e) => hashes.get(e) === workload) }, skipped };
}

async function jsonFiles(dir: string, depth: number): Promise<string[]> {
  const info = await stat(dir).catch(() => undefined);
  if (info?.isFile()) return [dir];
  if (!info?.isDirectory() || depth > MAX_DEPTH) return [];
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await jsonFiles(path, depth + 1)));
    else if (entry.name === 'result.json' || entry.name === 'history.json') files.push(path);
  }
  return files;
}

/** One line per run: its date and commit, then each tracked figure. */
function renderTrend(history: History): string {
  const series = historySeries(history);
  const header = ['run', 'date', 'commit', ...series.map((s) => s.id)];
  const rows = history.runs.map((run, i) => [
    String(i + 1),
    run.date.slice(0, 16).replace('T', ' '),
    run.sha?.slice(0, 7) ?? '-',
    ...series.map((s) => cell(s.values[i], s.unit)),
  ]);
  const table = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...table.map((r) => r[c].length)));
  return table
    .map((r) =>
      r
        .map((v, c) => (c < 3 ? v.padEnd(widths[c]) : v.padStart(widths[c])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function cell(value: number | null, unit: string): string {
  if (value === null || !Number.isFinite(value)) return '-';
  if (unit === 'ms') return `${value.toFixed(1)}ms`;
  if (unit === 'percent') return `${(value * 100).toFixed(2)}%`;
  if (unit === 'perSecond') return `${value.toFixed(1)}/s`;
  if (unit === 'tokens') return value.toFixed(1);
  return value.toFixed(2);
}
