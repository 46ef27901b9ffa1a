import type { Comparison } from '../compare/index.ts';
import { renderMarkdown } from '../report/index.ts';
import type { Result } from '../results/index.ts';
import type { Baseline } from './baseline.ts';
import { COMMENT_MAX_CHARS } from './sticky-comment.ts';

export interface MarkdownReport {
  result: Result;
  baseline: Baseline;
  comparison?: Comparison;
  reportUrl?: string;
}

/** The job summary and PR comment text: the Markdown report, with a line on the baseline when it needs explaining. */
export function renderReportMarkdown(report: MarkdownReport, markerId?: string): string {
  const note = baselineNote(report.baseline, report.comparison);
  const reserve = note === undefined ? 0 : note.length + 2;
  const markdown = renderMarkdown(report.result, {
    ...(report.baseline.result ? { baseline: report.baseline.result } : {}),
    ...(report.comparison?.comparable ? { comparison: report.comparison } : {}),
    ...(report.reportUrl ? { reportUrl: report.reportUrl } : {}),
    ...(report.baseline.history ? { history: report.baseline.history } : {}),
    ...(markerId !== undefined ? { marker: markerId } : {}),
    maxLength: COMMENT_MAX_CHARS - reserve,
  });
  if (note === undefined) return markdown;
  // After the marker and verdict lines, which open the report.
  const at = markdown.indexOf('\n\n');
  return at < 0 ? `${markdown}\n${note}\n` : `${markdown.slice(0, at)}\n\n${note}${markdown.slice(at)}`;
}

function baselineNote(baseline: Baseline, comparison: Comparison | undefined): string | undefined {
  if (baseline.missing !== undefined) {
    return `ℹ️ No baseline to compare with: ${baseline.missing}. Runs on the baseline branch and scheduled runs become baselines.`;
  }
  if (comparison && !comparison.comparable) {
    return `ℹ️ Not compared with the baseline (${baseline.description}): ${comparison.reason ?? 'the runs are not comparable'}.`;
  }
  if (comparison?.method === 'history-band' && baseline.history) {
    return `Compared with the spread of the last ${baseline.history.runs.length} baseline runs (${baseline.description} and earlier).`;
  }
  return undefined;
}
