// One worker's slice of the load, wherever it runs: a worker thread or process (worker-main.ts), or
// the parent's own thread (local-carrier.ts). It talks to the pool only through its link's messages
// (protocol.ts), so the pool merges every slice the same way.
import type { Scenario } from '../../scenario/index.ts';
import { scenarioWith, shardScenario } from '../../scenario/index.ts';
import { initMetrics, snapshot, type MetricsRegistry } from '../metrics/index.ts';
import { runTest, type Progress } from '../run.ts';
import { StopSignal } from '../stop-signal.ts';
import type { ParentLink } from './parent-link.ts';
import type { WorkerTask } from './protocol.ts';
import { recordOf, type RunRecord } from './record.ts';
import { WorkerShare } from './share.ts';
import { TokenizerRelay } from './tokenizer-relay.ts';

/** What a slice needs of its link to the pool. */
export type SliceLink = Pick<ParentLink, 'post' | 'onMessage'>;

/**
 * Runs `task`'s slice of `loaded` (the scenario as loaded, before the process's own `--shard`):
 * reports ready, waits for the pool's go, runs, and returns the record (the caller posts it).
 */
export async function runSlice(loaded: Scenario, task: WorkerTask, link: SliceLink): Promise<RunRecord> {
  const stop = new StopSignal();
  const abort = new StopSignal();
  // Worker 1 finds out for all what one process finds out once (the discovery probe, OAuth tokens).
  const share = new WorkerShare(task.slice.index === 1, (message) => void link.post(message));
  // The sample's tokens are counted by the parent's one tokenizer, not one loaded per worker.
  const tokens = new TokenizerRelay((message) => void link.post(message));
  let go!: () => void;
  const started = new Promise<void>((resolve) => (go = resolve));
  link.onMessage((message) => {
    if (message.type === 'go') go();
    else if (message.type === 'stop' || message.type === 'abort') {
      (message.type === 'stop' ? stop : abort).fire();
      go();
    } else if (message.type === 'tokenizer-ready' || message.type === 'token-counts') tokens.receive(message);
    else share.receive(message);
  });
  const scenario = judgedByParent(task.shard ? shardScenario(loaded, task.shard) : loaded);
  const wanted = new Set(task.thresholdMetrics);
  const onProgress = (progress: Progress, registry: MetricsRegistry): void => {
    if (wanted.size === 0) return void link.post({ type: 'progress', progress });
    const all = snapshot(registry);
    void link.post({ type: 'progress', progress, metrics: { ...all, metrics: all.metrics.filter((m) => wanted.has(m.metric)) } });
  };
  // The histograms' WebAssembly compiles while the other workers start, not after the go.
  await initMetrics();
  // The load starts when every worker is ready, as one process's does at one moment: a worker's own start-up would shift its schedule.
  await link.post({ type: 'ready' });
  await started;
  const outcome = await runTest(scenario, {
    url: task.url,
    stop,
    abort,
    onProgress,
    shard: task.slice,
    preflight: false,
    share,
    tokenizer: () => tokens.start(),
  });
  return recordOf(outcome);
}

/** abortOnFail judges the whole load, so only the parent, which sees every worker's metrics, applies it. */
function judgedByParent(scenario: Scenario): Scenario {
  return scenarioWith(scenario, { thresholds: scenario.thresholds.map((t) => ({ ...t, abortOnFail: false })) });
}
