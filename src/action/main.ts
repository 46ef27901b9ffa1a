import * as core from '@actions/core';

/** The action's entry: reads inputs, runs the scenario, reports; every failure becomes one clear line. */
export async function run(): Promise<void> {
  try {
    const scenario = core.getInput('scenario', { required: true });
    core.setFailed(`mcp-load: running scenarios from the action is not available yet (scenario: ${scenario})`);
  } catch (err) {
    core.setFailed(`mcp-load: ${(err as Error).message}`);
  }
}
