import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compare, type Comparison } from '../compare/index.ts';
import { renderHtmlReport } from '../report/html.ts';
import { renderMarkdown } from '../report/markdown.ts';
import { writeResult, type Result } from '../results/index.ts';

export interface ReportFiles {
  result: string;
  html: string;
  markdown: string;
  /** With a baseline: the comparison the reports show, the same as the action's. */
  comparison?: Comparison;
}

/** Writes result.json, report.html and summary.md into `dir`: the three files every run leaves. */
export async function writeReportFiles(
  dir: string,
  result: Result,
  options: { baseline?: Result; comparison?: Comparison; writeResultFile?: boolean } = {},
): Promise<ReportFiles> {
  await mkdir(dir, { recursive: true });
  const files = { result: join(dir, 'result.json'), html: join(dir, 'report.html'), markdown: join(dir, 'summary.md') };
  if (options.writeResultFile !== false) await writeResult(files.result, result);
  // The action's comparison (same function, same defaults), so a PR comment can be reproduced locally.
  const comparison = options.comparison ?? (options.baseline && compare(result, options.baseline));
  const rendering = { ...(options.baseline ? { baseline: options.baseline } : {}), ...(comparison?.comparable ? { comparison } : {}) };
  await writeFile(files.html, renderHtmlReport(result, rendering));
  await writeFile(files.markdown, renderMarkdown(result, rendering));
  return comparison ? { ...files, comparison } : files;
}
