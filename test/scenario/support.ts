import assert from 'node:assert/strict';
import { parseScenario, ScenarioError, type LoadOptions, type Scenario } from '../../src/scenario/index.ts';
import { seededRandom } from '../../src/seeded-random.ts';

export const seededRng = seededRandom;

/** A generator that returns the given values in turn (then repeats them). */
export function sequenceRng(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}

export function parse(text: string, opts: LoadOptions = {}): Scenario {
  return parseScenario(text, 'scenario.yml', { env: {}, ...opts });
}

/** The error lines a scenario produces; fails when it loads. */
export function errorsOf(text: string, opts: LoadOptions = {}): string[] {
  try {
    parse(text, opts);
  } catch (error) {
    assert.ok(error instanceof ScenarioError, `expected ScenarioError, got ${String(error)}`);
    return error.message.split('\n');
  }
  assert.fail('expected the scenario to be rejected');
}

/** A minimal valid document around one scenario body (indented under scenarios.s). */
export function withScenario(body: string, extra = ''): string {
  const indented = body
    .trim()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
  return `scenarios:\n  s:\n${indented}\n${extra}`;
}
