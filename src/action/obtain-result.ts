import * as core from '@actions/core';
import { regressionSettings } from '../compare/index.ts';
import type { Result } from '../results/index.ts';
import { actionVariablePolicy, loadScenario, type Scenario, type LoadOptions } from '../scenario/index.ts';
import { readGivenResult } from './given-result.ts';
import type { ActionInputs } from './inputs.ts';
import { runCapacityLoadTest, runLoadTest } from './load-test.ts';
import type { Secrets } from './secrets.ts';

/** Where `mode: run` gets its result: a load test in this job, or a result.json made elsewhere (input `result`). */
export interface ResultSource {
  /** Names the artifacts, the sticky comment's marker and the baseline lookup. */
  scenarioId: string;
  /** Runs the load test, or hands over the given result; redacted either way. */
  obtain(): Promise<Result>;
}

/**
 * Reads (and checks) what the result will come from, before anything costly: the scenario file
 * for a load test, or the given result file (with the scenario file, when given, for its secrets).
 */
export async function resultSource(inputs: ActionInputs, secrets: Secrets): Promise<ResultSource> {
  const file = inputs.result;
  if (file === undefined) {
    const scenario = await core.group('Scenario', async () => {
      const read = await readScenario(inputs, secrets);
      const target = read.target === undefined ? 'the embedded demo server' : secrets.redact(read.target);
      core.info(`scenario ${read.id} (${read.file}) against ${target}: ${read.scenarios.map((s) => `${s.name} (${s.executor})`).join(', ')}`);
      return read;
    });
    return {
      scenarioId: scenario.id,
      obtain: async () => {
        const capacity = inputs.capacity;
        const run = capacity
          ? () => runCapacityLoadTest(scenario, capacity)
          : () => runLoadTest(scenario, loadOptions(inputs), inputs.shard, { count: inputs.workers, mode: inputs.workerMode });
        return secrets.redactResult(await core.group(capacity ? 'Capacity search' : 'Load test', run));
      },
    };
  }
  const result = await core.group('Result', () =>
    readGivenResult(file, secrets, inputs.scenario ? () => readScenario(inputs, secrets) : undefined, inputs.target !== undefined),
  );
  return { scenarioId: result.scenario.id, obtain: async () => result };
}

/** How the scenario file is read: in this job, and again in each worker. */
function loadOptions(inputs: ActionInputs): Omit<LoadOptions, 'readFile'> {
  return {
    ...(inputs.target === undefined ? {} : { target: inputs.target }),
    shardCount: inputs.shard?.count,
    // The pre-flight checks the VUs against the descriptors, per worker process when they run in processes.
    checkDescriptors: false,
    variables: actionVariablePolicy(inputs.variables),
  };
}

/** The scenario file, its secrets (headers, target) remembered for masking and redaction. */
async function readScenario(inputs: ActionInputs, secrets: Secrets): Promise<Scenario> {
  const scenario = await loadScenario(inputs.scenario, loadOptions(inputs));
  secrets.addHeaders(scenario.headers);
  secrets.addFromUrl(scenario.target);
  // A bad `regression:` block fails now, not after the run.
  regressionSettings(scenario.regression);
  return scenario;
}
