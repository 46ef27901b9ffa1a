import * as core from '@actions/core';
import { startDemoServer, type DemoServer } from '../demo/index.ts';
import { stopOnSignals } from '../engine/process-signals.ts';
import { runTest } from '../engine/run.ts';
import { StopSignal } from '../engine/stop-signal.ts';
import { throttledProgress } from '../report/progress.ts';
import { renderTerminalSummary } from '../report/terminal.ts';
import { buildResult, type Result } from '../results/index.ts';
import { formatShard, type Shard } from '../scenario/shard.ts';
import type { Scenario } from '../scenario/types.ts';

/** A log line every this often: the Actions log is not a terminal. */
const PROGRESS_EVERY_MS = 10_000;

/**
 * Runs the scenario (or the shard's slice of it) against its target, or the embedded demo server
 * when it has none; logs progress and the summary.
 */
export async function runLoadTest(scenario: Scenario, shard?: Shard, env: NodeJS.ProcessEnv = process.env): Promise<Result> {
  let demo: DemoServer | undefined;
  let url = scenario.target;
  if (url === undefined) {
    demo = await startDemoServer();
    url = demo.url;
    core.info(`no target in ${scenario.file} and no target input: running against the embedded demo server at ${url}`);
  }
  // A cancelled workflow sends SIGINT then SIGTERM: stop gracefully and still report what ran.
  const stop = new StopSignal();
  const abort = new StopSignal();
  const unhook = stopOnSignals(stop, abort, () => core.warning('mcp-load: cancelled; stopping gracefully and writing the results of what ran'));
  try {
    if (shard) core.info(`shard ${formatShard(shard)}: this job runs its slice of the load; merge the ${shard.count} jobs' result.json with npx mcp-load merge`);
    const onProgress = throttledProgress((line) => core.info(line), PROGRESS_EVERY_MS);
    const outcome = await runTest(scenario, { url, stop, abort, onProgress, ...(shard ? { shard } : {}) });
    const result = buildResult(scenario, url, outcome, env);
    core.info(renderTerminalSummary(result));
    return result;
  } finally {
    unhook();
    await demo?.close();
  }
}
