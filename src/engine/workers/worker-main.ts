// The entry of one worker, a thread or a child process (bundled as dist/worker.cjs): loads the
// scenario, runs its slice, and reports progress each second and its record at the end to the
// parent (see pool.ts).
import { writeCodeCache } from '../../code-cache.ts';
import { useSourceMappedStacks } from '../../source-mapped-stacks.ts';
import { loadScenario } from '../../scenario/index.ts';
import { shardScenario } from '../../scenario/index.ts';
import type { Scenario } from '../../scenario/index.ts';
import { checkDescriptorBudget } from '../descriptor-budget.ts';
import { snapshot, type MetricsRegistry } from '../metrics/index.ts';
import { runTest, type Progress } from '../run.ts';
import { StopSignal } from '../stop-signal.ts';
import { parentLink } from './parent-link.ts';
import type { WorkerTask } from './protocol.ts';
import { recordOf } from './record.ts';
import { WorkerShare } from './share.ts';
import { TokenizerRelay } from './tokenizer-relay.ts';

// An internal error's stack, printed by this worker, names the sources as the parent's do.
useSourceMappedStacks();
const link = parentLink();

// The scenario loads as soon as its source is known: a thread started before the parent parsed the
// file (prestart.ts) loads it meanwhile. A failure is the task's, reported once the task comes.
const loading = link.source.then((source) => loadScenario(source.file, source.load));
loading.catch(() => {});

async function main(task: WorkerTask): Promise<void> {
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
  const loaded = await loading;
  const scenario = judgedByParent(task.shard ? shardScenario(loaded, task.shard) : loaded);
  // A worker process has descriptors of its own: it checks its slice against them (the parent checked the ports for all).
  if (link.mode === 'process')
    checkDescriptorBudget(shardScenario(scenario, task.slice), scenario.client.stream, undefined, {
      where: `worker process ${task.slice.index}/${task.slice.count}`,
    });
  const wanted = new Set(task.thresholdMetrics);
  const onProgress = (progress: Progress, registry: MetricsRegistry): void => {
    if (wanted.size === 0) return void link.post({ type: 'progress', progress });
    const all = snapshot(registry);
    void link.post({ type: 'progress', progress, metrics: { ...all, metrics: all.metrics.filter((m) => wanted.has(m.metric)) } });
  };
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
  // Before the record: the pool ends a thread once it has it.
  writeCodeCache();
  await link.post({ type: 'done', record: recordOf(outcome) });
}

/** abortOnFail judges the whole load, so only the parent, which sees every worker's metrics, applies it. */
function judgedByParent(scenario: Scenario): Scenario {
  return { ...scenario, thresholds: scenario.thresholds.map((t) => ({ ...t, abortOnFail: false })) };
}

link.task.then(main).then(
  () => link.close(),
  async (error: unknown) => {
    const e = error instanceof Error ? error : new Error(String(error));
    await link.post({ type: 'failed', name: e.name, message: e.message });
    link.close();
  },
);
