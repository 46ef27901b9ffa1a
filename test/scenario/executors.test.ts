import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { peakVUs, plannedDurationMs, type ScenarioSpec } from '../../src/scenario/index.ts';
import { errorsOf, parse, withScenario } from './support.ts';

/** The scenario's executor options and common options, without the flow. */
function specOf(body: string): Omit<ScenarioSpec, 'flow'> {
  const { flow: _flow, ...spec } = parse(withScenario(`${body}\nflow: [ping]`)).scenarios[0];
  return spec;
}

const COMMON_DEFAULTS = { name: 's', startTimeMs: 0, gracefulStopMs: 30_000, session: 'per-vu', tags: {} };

describe('executors apply k6 defaults', () => {
  it('constant-vus: vus 1; duration required', () => {
    assert.deepEqual(specOf('executor: constant-vus\nduration: 30s'), {
      executor: 'constant-vus',
      vus: 1,
      durationMs: 30_000,
      ...COMMON_DEFAULTS,
    });
  });

  it('ramping-vus: startVUs 1, gracefulRampDown 30s; stages required', () => {
    assert.deepEqual(specOf('executor: ramping-vus\nstages: [{duration: 10s, target: 5}]'), {
      executor: 'ramping-vus',
      startVUs: 1,
      stages: [{ durationMs: 10_000, target: 5 }],
      gracefulRampDownMs: 30_000,
      ...COMMON_DEFAULTS,
    });
  });

  it('per-vu-iterations: vus 1, iterations 1, maxDuration 10m', () => {
    assert.deepEqual(specOf('executor: per-vu-iterations'), {
      executor: 'per-vu-iterations',
      vus: 1,
      iterations: 1,
      maxDurationMs: 600_000,
      ...COMMON_DEFAULTS,
    });
  });

  it('shared-iterations: vus 1, iterations 1, maxDuration 10m', () => {
    assert.deepEqual(specOf('executor: shared-iterations'), {
      executor: 'shared-iterations',
      vus: 1,
      iterations: 1,
      maxDurationMs: 600_000,
      ...COMMON_DEFAULTS,
    });
  });

  it('constant-arrival-rate: timeUnit 1s, maxVUs = preAllocatedVUs', () => {
    assert.deepEqual(specOf('executor: constant-arrival-rate\nrate: 50\nduration: 1m\npreAllocatedVUs: 10'), {
      executor: 'constant-arrival-rate',
      rate: 50,
      timeUnitMs: 1_000,
      durationMs: 60_000,
      preAllocatedVUs: 10,
      maxVUs: 10,
      ...COMMON_DEFAULTS,
    });
  });

  it('ramping-arrival-rate: startRate 0, timeUnit 1s, maxVUs = preAllocatedVUs', () => {
    assert.deepEqual(specOf('executor: ramping-arrival-rate\nstages: [{duration: 1m, target: 100}]\npreAllocatedVUs: 20\nmaxVUs: 50'), {
      executor: 'ramping-arrival-rate',
      startRate: 0,
      timeUnitMs: 1_000,
      stages: [{ durationMs: 60_000, target: 100 }],
      preAllocatedVUs: 20,
      maxVUs: 50,
      ...COMMON_DEFAULTS,
    });
  });

  it('common options are read for every executor', () => {
    const spec = specOf('executor: constant-vus\nduration: 5s\nstartTime: 1m\ngracefulStop: 5s\nsession: per-iteration\ntags: { team: sms, tier: 1 }');
    assert.deepEqual(
      { startTimeMs: spec.startTimeMs, gracefulStopMs: spec.gracefulStopMs, session: spec.session, tags: spec.tags },
      { startTimeMs: 60_000, gracefulStopMs: 5_000, session: 'per-iteration', tags: { team: 'sms', tier: '1' } },
    );
  });
});

describe('executor options are validated per executor', () => {
  it('options of another executor are unknown keys', () => {
    assert.deepEqual(errorsOf(withScenario('executor: constant-vus\nduration: 5s\nstages: []\nflow: [ping]')), [
      'scenario.yml:5:5: scenarios.s.stages: is not an option of constant-vus (ramping-vus, ramping-arrival-rate take it)',
    ]);
  });

  it('required options say what they are for', () => {
    assert.deepEqual(errorsOf(withScenario('executor: constant-arrival-rate\nduration: 5s\nflow: [ping]')), [
      'scenario.yml:2:3: scenarios.s.rate: required (iterations started per timeUnit)',
      'scenario.yml:2:3: scenarios.s.preAllocatedVUs: required (VUs started before the run, e.g. 10)',
    ]);
  });

  it('shared-iterations needs at least as many iterations as VUs', () => {
    assert.deepEqual(errorsOf(withScenario('executor: shared-iterations\nvus: 10\niterations: 5\nflow: [ping]')), [
      "scenario.yml:5:17: scenarios.s.iterations: the number of iterations (5) can't be less than the number of VUs (10)",
    ]);
  });

  it('maxVUs cannot be below preAllocatedVUs', () => {
    assert.deepEqual(errorsOf(withScenario('executor: constant-arrival-rate\nrate: 1\nduration: 5s\npreAllocatedVUs: 5\nmaxVUs: 2\nflow: [ping]')), [
      'scenario.yml:7:13: scenarios.s.maxVUs: must be at least preAllocatedVUs (5), got 2',
    ]);
  });

  it('ramping-vus needs some VUs somewhere', () => {
    assert.deepEqual(errorsOf(withScenario('executor: ramping-vus\nstartVUs: 0\nstages: [{duration: 5s, target: 0}]\nflow: [ping]')), [
      'scenario.yml:5:13: scenarios.s.stages: either startVUs or a stage target must be greater than 0',
    ]);
  });

  it('stages must be a non-empty list of {duration, target}', () => {
    assert.deepEqual(errorsOf(withScenario('executor: ramping-vus\nstages: []\nflow: [ping]')), [
      'scenario.yml:4:13: scenarios.s.stages: must be a non-empty list, got a list (ramping-vus ramps through stages: [{duration: 30s, target: 10}])',
    ]);
    assert.deepEqual(errorsOf(withScenario('executor: ramping-vus\nstages: [{duration: 5s, taget: 3}]\nflow: [ping]')), [
      'scenario.yml:4:14: scenarios.s.stages[0].target: required',
      'scenario.yml:4:29: scenarios.s.stages[0].taget: unknown key (did you mean "target"?)',
    ]);
  });

  it('counts must be integers', () => {
    assert.deepEqual(errorsOf(withScenario('executor: constant-vus\nvus: 2.5\nduration: 1s\nflow: [ping]')), [
      'scenario.yml:4:10: scenarios.s.vus: 2.5 is not an integer',
    ]);
  });
});

describe('plannedDurationMs and peakVUs', () => {
  it('sum the stages of ramping executors and take their highest target', () => {
    const spec = parse(
      withScenario(
        'executor: ramping-vus\nstartVUs: 0\nstages: [{duration: 30s, target: 100}, {duration: 30s, target: 100}, {duration: 10s, target: 0}]\nflow: [ping]',
      ),
    ).scenarios[0];
    assert.equal(plannedDurationMs(spec), 70_000);
    assert.equal(peakVUs(spec), 100);
  });

  it('use maxDuration for iteration executors and maxVUs for arrival-rate executors', () => {
    const spec = parse(withScenario('executor: shared-iterations\nvus: 4\niterations: 8\nflow: [ping]')).scenarios[0];
    assert.equal(plannedDurationMs(spec), 600_000);
    assert.equal(peakVUs(spec), 4);
    const open = parse(withScenario('executor: constant-arrival-rate\nrate: 1\nduration: 5s\npreAllocatedVUs: 2\nmaxVUs: 9\nflow: [ping]')).scenarios[0];
    assert.equal(plannedDurationMs(open), 5_000);
    assert.equal(peakVUs(open), 9);
  });
});
