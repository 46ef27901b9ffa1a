import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compare, type Comparison, type History } from '../compare/index.ts';
import { renderHtmlReport, renderMarkdown } from '../report/index.ts';
import { writeResult, type Result } from '../results/index.ts';
import { secrets } from '../secrets/index.ts';
import { ensureDirectory } from './output-dir.ts';

export interface ReportFiles {
  result: string;
  html: string;
  markdown: string;
  /** With a baseline: the comparison the reports show, the same as the action's. */
  comparison?: Comparison;
}

/**
 * Writes result.json, report.html and summary.md into `dir`: the three files every run leaves.
 * Every known secret is redacted from the result and, in case one slipped into a rendering, from the reports.
 */
export async function writeReportFiles(
  dir: string,
  given: Result,
  options: { baseline?: Result; comparison?: Comparison; history?: History; writeResultFile?: boolean } = {},
): Promise<ReportFiles> {
  await ensureDirectory(dir);
  const files = { result: join(dir, 'result.json'), html: join(dir, 'report.html'), markdown: join(dir, 'summary.md') };
  const result = secrets.redactDeep(given);
  if (options.writeResultFile !== false) await writeResult(files.result, result);
  // The action's comparison (same function, same defaults), so a PR comment can be reproduced locally.
  const baseline = options.baseline && secrets.redactDeep(options.baseline);
  const compared = options.comparison ?? (options.baseline && compare(result, options.baseline));
  const comparison = compared && secrets.redactDeep(compared);
  const rendering = {
    ...(baseline ? { baseline } : {}),
    ...(comparison?.comparable ? { comparison } : {}),
    ...(options.history ? { history: options.history } : {}),
  };
  await writeFile(files.html, secrets.redact(renderHtmlReport(result, rendering)));
  await writeFile(files.markdown, secrets.redact(renderMarkdown(result, rendering)));
  return comparison ? { ...files, comparison } : files;
}
