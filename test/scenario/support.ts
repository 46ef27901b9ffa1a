import assert from 'node:assert/strict';
import { parseScenario, ScenarioError, type LoadOptions, type Scenario } from '../../src/scenario/index.ts';

/** mulberry32: a small seeded generator, uniform on [0, 1). */
export function seededRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
