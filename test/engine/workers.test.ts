// The pieces of --workers that need no threads: how many, how progress combines, the scenario key.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultWorkerCount, workersWithLoad } from '../../src/engine/workers/count.ts';
import { combineProgress } from '../../src/engine/workers/progress.ts';
import { parseScenario } from '../../src/scenario/index.ts';

const scenario = (body: string) => parseScenario(`scenarios:\n  s:\n${body}    flow:\n      - ping: {}\n`, 'w.yml', { env: {} });

describe('workers', () => {
  it('default: one per core, less one for an embedded demo server, at least one', () => {
    assert.equal(defaultWorkerCount(false, 4), 4);
    assert.equal(defaultWorkerCount(true, 4), 3);
    assert.equal(defaultWorkerCount(true, 1), 1);
  });

  it('never more workers than the load has slices: one VU each, or one iteration per time unit of an arrival rate', () => {
    assert.equal(workersWithLoad(8, scenario('    executor: constant-vus\n    vus: 3\n    duration: 1s\n')), 3);
    assert.equal(workersWithLoad(2, scenario('    executor: constant-vus\n    vus: 3\n    duration: 1s\n')), 2);
    assert.equal(
      workersWithLoad(8, scenario('    executor: constant-arrival-rate\n    rate: 5\n    duration: 1s\n    preAllocatedVUs: 2\n    maxVUs: 50\n')),
      5,
    );
  });

  it("progress of the whole: VUs, calls and errors add; time is the furthest worker's; warming up while any is", () => {
    const a = { elapsedMs: 2000, totalMs: 10_000, vus: 3, callsPerSecond: 100, errorsPerSecond: 1, totalCalls: 200, totalErrors: 2, warmingUp: false };
    const b = { elapsedMs: 1990, totalMs: 10_000, vus: 2, callsPerSecond: 90, errorsPerSecond: 0, totalCalls: 180, totalErrors: 0, warmingUp: true };
    assert.deepEqual(combineProgress([a, b]), {
      elapsedMs: 2000,
      totalMs: 10_000,
      vus: 5,
      callsPerSecond: 190,
      errorsPerSecond: 1,
      totalCalls: 380,
      totalErrors: 2,
      warmingUp: true,
    });
  });

  it("scenario key workers: a whole number from 1 to 256, outside the workload's hash", () => {
    const body = '    executor: constant-vus\n    vus: 3\n    duration: 1s\n';
    const withKey = parseScenario(`workers: 2\nscenarios:\n  s:\n${body}    flow:\n      - ping: {}\n`, 'w.yml', { env: {} });
    assert.equal(withKey.workers, 2);
    assert.equal(withKey.hash, scenario(body).hash, 'the same load in any number of workers compares with itself');
    assert.throws(() => parseScenario(`workers: 0\nscenarios:\n  s:\n${body}    flow:\n      - ping: {}\n`, 'w.yml', { env: {} }), /w\.yml:1:\d+: workers: /);
  });
});
