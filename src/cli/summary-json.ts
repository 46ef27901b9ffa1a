import { writeFile } from 'node:fs/promises';
import { buildReportView, type ReportView, type ViewInput } from '../report/index.ts';
import type { Result } from '../results/index.ts';
import { secrets } from '../secrets/index.ts';
import { TOOL_VERSION } from '../version.ts';

/** Bumped when a field of the summary changes meaning or goes away; new fields are added without a bump. */
export const SUMMARY_JSON_VERSION = 1;

/**
 * `--summary-json`: the derived view every report formats (docs/summary-json.md), as JSON for
 * scripts: the same verdict, figures and thresholds as the terminal, summary.md and report.html.
 */
export interface SummaryJson extends ReportView {
  summaryVersion: typeof SUMMARY_JSON_VERSION;
  generator: string;
  scenario: { id: string; file: string; hash: string };
  startedAt: string;
  endedAt: string;
}

export function summaryJson(result: Result, input: ViewInput = {}): SummaryJson {
  return {
    summaryVersion: SUMMARY_JSON_VERSION,
    generator: `mcp-load ${TOOL_VERSION}`,
    scenario: { id: result.scenario.id, file: result.scenario.file, hash: result.scenario.hash },
    startedAt: result.startedAt,
    endedAt: result.endedAt,
    ...buildReportView(result, input),
  };
}

/**
 * Writes the summary to a file, or hands it to `target` (stdout for `--summary-json -`). False,
 * after saying why on `err`, when the file cannot be written: the run's other files are kept.
 */
export async function writeSummaryJson(
  target: string | ((json: string) => void),
  result: Result,
  err: (text: string) => void,
  input: ViewInput = {},
): Promise<boolean> {
  // The result is redacted already; the view quotes server text, which may echo a credential back.
  const json = secrets.redact(JSON.stringify(summaryJson(result, input), null, 2));
  if (typeof target !== 'string') {
    target(json);
    return true;
  }
  try {
    await writeFile(target, `${json}\n`);
    return true;
  } catch (error) {
    err(`mcp-load: --summary-json ${target}: cannot write it: ${(error as Error).message}\n`);
    return false;
  }
}
