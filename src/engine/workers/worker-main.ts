// The entry of one worker thread (bundled as dist/worker.js): loads the scenario, runs its slice,
// and reports progress each second and its record at the end to the parent (see pool.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { useSourceMappedStacks } from '../../source-mapped-stacks.ts';
import { loadScenario } from '../../scenario/index.ts';
import { shardScenario } from '../../scenario/index.ts';
import type { Scenario } from '../../scenario/index.ts';
import { snapshot, type MetricsRegistry } from '../metrics/index.ts';
import { runTest, type Progress } from '../run.ts';
import { StopSignal } from '../stop-signal.ts';
import type { ParentMessage, WorkerMessage, WorkerTask } from './protocol.ts';
import { recordOf } from './record.ts';

// An internal error's stack, printed by this thread, names the sources as the parent's do.
useSourceMappedStacks();
const port = parentPort!;
const task = workerData as WorkerTask;
const post = (message: WorkerMessage): void => port.postMessage(message);

async function main(): Promise<void> {
  const stop = new StopSignal();
  const abort = new StopSignal();
  port.on('message', (message: ParentMessage) => (message.type === 'stop' ? stop : abort).fire());
  const loaded = await loadScenario(task.file, task.load);
  const scenario = judgedByParent(task.shard ? shardScenario(loaded, task.shard) : loaded);
  const wanted = new Set(task.thresholdMetrics);
  const onProgress = (progress: Progress, registry: MetricsRegistry): void => {
    if (wanted.size === 0) return post({ type: 'progress', progress });
    const all = snapshot(registry);
    post({ type: 'progress', progress, metrics: { ...all, metrics: all.metrics.filter((m) => wanted.has(m.metric)) } });
  };
  const outcome = await runTest(scenario, { url: task.url, stop, abort, onProgress, shard: task.slice, preflight: false });
  post({ type: 'done', record: recordOf(outcome) });
}

/** abortOnFail judges the whole load, so only the parent, which sees every worker's metrics, applies it. */
function judgedByParent(scenario: Scenario): Scenario {
  return { ...scenario, thresholds: scenario.thresholds.map((t) => ({ ...t, abortOnFail: false })) };
}

main().then(
  () => port.close(),
  (error: unknown) => {
    const e = error instanceof Error ? error : new Error(String(error));
    post({ type: 'failed', name: e.name, message: e.message });
    port.close();
  },
);
