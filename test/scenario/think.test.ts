import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileThink, type FlowStep } from '../../src/scenario/index.ts';
import { errorsOf, parse, seededRng, withScenario } from './support.ts';

function thinkStep(think: string): Extract<FlowStep, { kind: 'think' }> {
  const step = parse(withScenario(`executor: constant-vus\nduration: 1s\nflow:\n  - think: ${think}`)).scenarios[0].flow[0];
  assert.equal(step.kind, 'think');
  return step as Extract<FlowStep, { kind: 'think' }>;
}

function stats(samples: number[]): { min: number; max: number; mean: number } {
  return {
    min: Math.min(...samples),
    max: Math.max(...samples),
    mean: samples.reduce((sum, x) => sum + x, 0) / samples.length,
  };
}

describe('think time', () => {
  it('5s is a constant pause', () => {
    const step = thinkStep('5s');
    assert.deepEqual(step.think, { kind: 'constant', ms: 5_000 });
    assert.equal(step.sample(Math.random), 5_000);
  });

  it('5s..10s is uniform between the bounds, with the mean at the middle', () => {
    const step = thinkStep('5s..10s');
    assert.deepEqual(step.think, { kind: 'uniform', minMs: 5_000, maxMs: 10_000 });
    const rng = seededRng(42);
    const samples = Array.from({ length: 10_000 }, () => step.sample(rng));
    const { min, max, mean } = stats(samples);
    assert.ok(min >= 5_000 && max < 10_000, `range ${min}..${max}`);
    assert.ok(Math.abs(mean - 7_500) < 7_500 * 0.01, `mean ${mean}`);
  });

  it('{exponential: 7s} has a mean of 7s (within 3% over 10k samples)', () => {
    const step = thinkStep('{ exponential: 7s }');
    assert.deepEqual(step.think, { kind: 'exponential', meanMs: 7_000 });
    const rng = seededRng(7);
    const samples = Array.from({ length: 10_000 }, () => step.sample(rng));
    const { min, mean } = stats(samples);
    assert.ok(min >= 0);
    assert.ok(Math.abs(mean - 7_000) < 7_000 * 0.03, `mean ${mean}`);
  });

  it('exponential samples are finite even when the rng returns 0', () => {
    assert.equal(
      compileThink({ kind: 'exponential', meanMs: 1_000 })(() => 0),
      0,
    );
    assert.ok(Number.isFinite(compileThink({ kind: 'exponential', meanMs: 1_000 })(() => 0.9999999999)));
  });

  it('rejects malformed think times with the accepted forms', () => {
    const hint = 'use 5s, 5s..10s (uniform) or {exponential: 7s} (mean); use 500ms, 30s, 1m30s';
    assert.deepEqual(errorsOf(withScenario('executor: constant-vus\nduration: 1s\nflow:\n  - think: 5..10s')), [
      `scenario.yml:6:16: scenarios.s.flow[0].think: "5..10s" is not a think time (${hint})`,
    ]);
    assert.deepEqual(errorsOf(withScenario('executor: constant-vus\nduration: 1s\nflow:\n  - think: 10s..5s')), [
      'scenario.yml:6:16: scenarios.s.flow[0].think: "10s..5s": the lower bound is above the upper bound',
    ]);
    assert.deepEqual(errorsOf(withScenario('executor: constant-vus\nduration: 1s\nflow:\n  - think: { exponental: 7s }')), [
      `scenario.yml:6:16: scenarios.s.flow[0].think: needs a distribution (${hint})`,
      'scenario.yml:6:18: scenarios.s.flow[0].think.exponental: unknown key (did you mean "exponential"?)',
    ]);
  });
});
