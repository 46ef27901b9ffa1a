import * as core from '@actions/core';
import { join } from 'node:path';
import { mergeShardResults, readResult, writeResult, type ShardResultFile } from '../results/index.ts';
import { FILES } from './artifact-names.ts';
import { ArtifactStore } from './artifacts.ts';
import type { ActionContext } from './context.ts';
import type { ActionInputs } from './inputs.ts';
import { runMode } from './run-mode.ts';
import type { Secrets } from './secrets.ts';
import { scenarioIdOf } from './scenario-id.ts';

/** One shard job's uploaded results: `mcp-load-<scenario id>-shard-<i>-of-<n>`. */
export interface ShardArtifact {
  name: string;
  id: number;
  index: number;
  count: number;
}

/** This scenario's shard artifacts among a run's, by index. */
export function shardArtifacts(artifacts: ReadonlyMap<string, number>, scenarioId: string): ShardArtifact[] {
  const prefix = `mcp-load-${scenarioId}-shard-`;
  const out: ShardArtifact[] = [];
  for (const [name, id] of artifacts) {
    if (!name.startsWith(prefix)) continue;
    const m = /^(\d+)-of-(\d+)$/.exec(name.slice(prefix.length));
    if (m) out.push({ name, id, index: Number(m[1]), count: Number(m[2]) });
  }
  return out.sort((a, b) => a.count - b.count || a.index - b.index);
}

/**
 * `mode: merge`: the last job of a sharded matrix. Downloads this workflow run's shard artifacts
 * (the shard jobs' `mcp-load-<scenario id>-shard-<i>-of-<n>`), merges them exactly as
 * `mcp-load merge` does, then reports the merged result as `mode: run` with input `result` does
 * (baseline comparison, artifacts, job summary, pull request comment, history, outputs).
 */
export async function mergeMode(inputs: ActionInputs, ctx: ActionContext, secrets: Secrets): Promise<string[]> {
  if (!ArtifactStore.available()) {
    throw new Error("mode merge downloads the shard jobs' artifacts, but this runner has no artifact service (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL)");
  }
  const store = new ArtifactStore(inputs.token, ctx.repo);
  const scenarioId = scenarioIdOf(inputs.scenario);
  const merged = await core.group('Merge shards', async () => {
    const shards = shardArtifacts(await store.list(ctx.runId), scenarioId);
    if (shards.length === 0) {
      throw new Error(
        `no shard artifacts mcp-load-${scenarioId}-shard-<i>-of-<n> in this workflow run: run the merge job after the shard jobs (needs:), ` +
          'each with input shard and the same scenario, and without artifact-name',
      );
    }
    const workDir = join(ctx.tempDir, `mcp-load-${ctx.runId}-merge-${scenarioId}`);
    const files: ShardResultFile[] = [];
    for (const shard of shards) {
      const dir = join(workDir, shard.name);
      await store.download(shard.id, ctx.runId, dir);
      files.push({ file: `artifact ${shard.name}`, result: await readResult(join(dir, FILES.result)) });
      core.info(`downloaded ${shard.name} (shard ${shard.index}/${shard.count})`);
    }
    const result = mergeShardResults(files);
    const file = join(workDir, 'merged', FILES.result);
    await writeResult(file, result);
    core.info(`merged ${shards.length} shards into ${file}`);
    return file;
  });
  return runMode({ ...inputs, mode: 'run', result: merged }, ctx, secrets);
}
