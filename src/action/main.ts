import * as core from '@actions/core';
import { ScenarioError } from '../scenario/index.ts';
import { commentMode } from './comment-mode.ts';
import { readContext } from './context.ts';
import { readInputs } from './inputs.ts';
import { mergeMode } from './merge-mode.ts';
import { runMode } from './run-mode.ts';
import { Secrets } from './secrets.ts';

/** The action's entry: reads inputs, runs the scenario (or comments on a run), reports; every failure becomes one clear line. */
export async function run(): Promise<void> {
  const secrets = new Secrets();
  try {
    const inputs = readInputs();
    secrets.add(inputs.token);
    secrets.addFromUrl(inputs.target);
    const context = readContext();
    const failures =
      inputs.mode === 'comment'
        ? await commentMode(inputs, context)
        : inputs.mode === 'merge'
          ? await mergeMode(inputs, context, secrets)
          : await runMode(inputs, context, secrets);
    if (failures.length > 0) core.setFailed(secrets.redact(`mcp-load: ${failures.join('; ')}`));
  } catch (err) {
    if (err instanceof ScenarioError) annotate(err);
    core.setFailed(secrets.redact(`mcp-load: ${headline(err)}`));
  }
}

/** One error annotation per scenario problem, on its file and line. */
function annotate(err: ScenarioError): void {
  for (const issue of err.issues) {
    core.error(`${issue.path ? `${issue.path}: ` : ''}${issue.message}`, {
      title: 'mcp-load scenario',
      file: issue.file,
      ...(issue.line === undefined ? {} : { startLine: issue.line }),
      ...(issue.column === undefined ? {} : { startColumn: issue.column }),
    });
  }
}

function headline(err: unknown): string {
  if (err instanceof ScenarioError) {
    const first = err.message.split('\n', 1)[0];
    return err.issues.length === 1 ? `invalid scenario: ${first}` : `invalid scenario (${err.issues.length} problems; first: ${first})`;
  }
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n', 1)[0] ?? message;
}
