// The entry of one worker, a thread or a child process (bundled as dist/worker.cjs): loads the
// scenario, runs its slice (slice.ts), and reports progress each second and its record at the end to
// the parent (see pool.ts).
import { writeCodeCache } from '../../code-cache.ts';
import { useSourceMappedStacks } from '../../source-mapped-stacks.ts';
import { isDeepStrictEqual } from 'node:util';
import { parseScenario, shardScenario, type Scenario } from '../../scenario/index.ts';
import { checkDescriptorBudget } from '../descriptor-budget.ts';
import { parentLink } from './parent-link.ts';
import type { ScenarioSource, WorkerTask } from './protocol.ts';
import { runSlice } from './slice.ts';

// An internal error's stack, printed by this worker, names the sources as the parent's do.
useSourceMappedStacks();
const link = parentLink();

// The scenario is parsed as soon as its source is known: a thread started before the parent parsed
// the file (prestart.ts) parses it meanwhile, reading its data files itself. A failure is the task's,
// reported once the task comes.
const early = link.source.then(parseSource);
early.catch(() => {});

/** The early parse if it read what the parent did, else the parent's text and data files, parsed again. */
async function scenarioOf(task: WorkerTask): Promise<Scenario> {
  const parsed = await early.catch(() => undefined);
  if (parsed && isDeepStrictEqual(parsed.source, task.source)) return parsed;
  return parseSource({ file: task.file, load: task.load, ...task.source });
}

/** Parses `source`, its data files served from the parent's bytes when it has them. */
function parseSource(source: ScenarioSource): Scenario {
  const { dataFiles } = source;
  if (dataFiles === undefined) return parseScenario(source.text, source.file, source.load);
  const readFile = (path: string): string => {
    const text = dataFiles[path];
    if (text === undefined) throw new Error(`${path} was not read by the parent`);
    return text;
  };
  return parseScenario(source.text, source.file, { ...source.load, readFile });
}

async function main(task: WorkerTask): Promise<void> {
  const loaded = await scenarioOf(task);
  // A worker process has descriptors of its own: it checks its slice against them (the parent checked the ports for all).
  if (link.mode === 'process') {
    const scenario = task.shard ? shardScenario(loaded, task.shard) : loaded;
    checkDescriptorBudget(shardScenario(scenario, task.slice), scenario.client.stream, undefined, {
      where: `worker process ${task.slice.index}/${task.slice.count}`,
    });
  }
  const record = await runSlice(loaded, task, link);
  // Before the record: the pool ends a thread once it has it.
  writeCodeCache();
  await link.post({ type: 'done', record });
}

link.task.then(main).then(
  () => link.close(),
  async (error: unknown) => {
    const e = error instanceof Error ? error : new Error(String(error));
    await link.post({ type: 'failed', name: e.name, message: e.message });
    link.close();
  },
);
