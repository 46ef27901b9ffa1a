import * as core from '@actions/core';
import { regressionSettings } from '../compare/index.ts';
import { readResult, type Result } from '../results/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { InputError } from './inputs.ts';
import type { Secrets } from './secrets.ts';

/**
 * Input `result`: a result.json made elsewhere, typically by `mcp-load merge` from the shards of a
 * matrix. Its scenario id and `regression:` settings are the result's own. Refused: a file that is
 * not a complete result, a single shard's result (it would misstate the load), and a result of
 * another scenario than the scenario file, when one is given (`readScenario`: only for its secrets).
 */
export async function readGivenResult(
  file: string,
  secrets: Secrets,
  readScenario: (() => Promise<Scenario>) | undefined,
  targetGiven: boolean,
): Promise<Result> {
  let result: Result;
  try {
    result = await readResult(file);
  } catch (err) {
    throw new InputError(`input result: ${(err as Error).message}`);
  }
  const missing = missingField(result);
  if (missing !== undefined) throw new InputError(`input result: ${file}: not a complete mcp-load result (${missing})`);
  const { id } = result.scenario;
  if (result.shard !== undefined) {
    const { index, count } = result.shard;
    throw new InputError(
      `input result ${file} is shard ${index}/${count} of scenario ${id}, a slice of the load: merge the ${count} shards' result.json first ` +
        '(mode: merge in the job after the shards, or mcp-load merge shard-*/result.json --out merged elsewhere) and give the merged result',
    );
  }
  if (readScenario) {
    const scenario = await readScenario();
    if (scenario.id !== id) {
      throw new InputError(
        `input scenario ${scenario.file} is scenario ${scenario.id}, but input result ${file} is a result of scenario ${id}: give the scenario file the result ran, or leave input scenario out`,
      );
    }
    core.info(`scenario ${scenario.id} (${scenario.file}): read for its secrets only`);
    if (scenario.hash !== result.scenario.hash) {
      core.warning(`mcp-load: ${scenario.file} has changed since ${file} was made (another scenario hash); it serves only to redact its secrets`);
    }
  }
  if (targetGiven) core.warning('mcp-load: input target is not used with input result: no load test runs in this job');
  try {
    regressionSettings(result.scenario.echo.regression ?? {});
  } catch (err) {
    throw new InputError(`input result ${file}: its scenario's regression settings are invalid (${(err as Error).message})`);
  }
  const whole = result.mergedShards === undefined ? 'an unsharded run' : `merged from ${result.mergedShards} shards`;
  core.info(`reporting the result in ${file} (scenario ${id}, ${whole}, against ${secrets.redact(result.target)}): no load test in this job`);
  // Our CLI already redacted it; this job's secrets are scrubbed once more all the same.
  return secrets.redactResult(result);
}

/** The first field the action reads that the result lacks (a hand-edited or truncated file), if any. */
function missingField(result: Result): string | undefined {
  const r = result as Partial<Result>;
  if (typeof r.scenario?.id !== 'string' || !/^[a-z0-9-]+$/.test(r.scenario.id)) return 'no scenario id';
  if (typeof r.scenario.hash !== 'string') return 'no scenario hash';
  if (typeof r.scenario.echo !== 'object' || r.scenario.echo === null) return 'no scenario echo';
  if (!Array.isArray(r.metrics?.metrics)) return 'no metrics';
  if (!Array.isArray(r.timeSeries?.buckets)) return 'no time series';
  if (typeof r.httpPerCall !== 'object' || r.httpPerCall === null) return 'no HTTP per call';
  for (const key of ['byTool', 'byMethod', 'thresholds', 'checks', 'errors', 'warnings'] as const) {
    if (!Array.isArray(r[key])) return `no ${key}`;
  }
  if (typeof r.target !== 'string') return 'no target';
  return undefined;
}
