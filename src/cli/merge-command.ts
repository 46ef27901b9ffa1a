import { renderTerminalSummary } from '../report/index.ts';
import { mergeShardResults, readResult } from '../results/index.ts';
import { writeReportFiles } from './report-files.ts';
import { EXIT_THRESHOLDS_FAILED } from './exit-codes.ts';
import { thresholdsFailed } from './run-finish.ts';

export interface MergeCommandOptions {
  files: readonly string[];
  outDir: string;
  out: (text: string) => void;
  err: (text: string) => void;
}

/**
 * `mcp-load merge a/result.json b/result.json …`: the shards of one test as one result, with the
 * reports every run writes; thresholds are judged on the merged load (exit 99 when one fails).
 */
export async function runMergeCommand(options: MergeCommandOptions): Promise<number> {
  const inputs = [];
  for (const file of options.files) inputs.push({ file, result: await readResult(file) });
  const result = mergeShardResults(inputs);
  const files = await writeReportFiles(options.outDir, result);
  options.out(`\n${renderTerminalSummary(result)}\n`);
  options.out(`merged ${result.mergedShards} shards; written: ${files.result}, ${files.html}, ${files.markdown}\n`);
  return thresholdsFailed(result, options.err) ? EXIT_THRESHOLDS_FAILED : 0;
}
