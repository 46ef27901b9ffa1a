// The pieces of --workers that need no threads: how many, how progress combines, the scenario key.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultWorkerCount, workersWithLoad } from '../../src/engine/workers/count.ts';
import { resolveWorkerMode } from '../../src/engine/workers/mode.ts';
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

  it('scenario key workers: { count, mode }: either key alone, mode thread or process, nothing else', () => {
    const body = '    executor: constant-vus\n    vus: 3\n    duration: 1s\n';
    const withKey = (workers: string) => parseScenario(`workers: ${workers}\nscenarios:\n  s:\n${body}    flow:\n      - ping: {}\n`, 'w.yml', { env: {} });
    const both = withKey('{ count: 2, mode: process }');
    assert.deepEqual([both.workers, both.workerMode], [2, 'process']);
    assert.equal(both.hash, scenario(body).hash, 'how the load is carried is not the workload');
    assert.deepEqual([withKey('{ mode: thread }').workers, withKey('{ mode: thread }').workerMode], [undefined, 'thread']);
    assert.throws(() => withKey('{ mode: fiber }'), /w\.yml:1:\d+: workers\.mode: /);
    assert.throws(() => withKey('{ count: 2, cores: 2 }'), /w\.yml:1:\d+: workers(\.cores)?: /);
  });

  it('worker mode: the one asked for; else threads while the whole load fits this process; else processes when each slice fits its own', () => {
    const load = scenario('    executor: constant-vus\n    vus: 1000\n    duration: 1s\n');
    const roomy = { limit: 4096, inUse: 30 };
    const tight = { limit: 1024, inUse: 30 };
    assert.deepEqual(resolveWorkerMode(load, 2, undefined, undefined, roomy), { mode: 'thread' });
    assert.deepEqual(resolveWorkerMode(load, 2, 'process', undefined, roomy), { mode: 'process' });
    assert.deepEqual(
      resolveWorkerMode(load, 2, 'thread', undefined, tight),
      { mode: 'thread' },
      'asked for: the pre-flight refuses it, with the flags that would work',
    );
    const chosen = resolveWorkerMode(load, 2, undefined, undefined, tight);
    assert.equal(chosen.mode, 'process');
    assert.equal(
      chosen.why,
      'workers: 2 child processes rather than threads: 1000 VUs need about 1064 file descriptors, more than this process may open (ulimit -n 1024, 30 in use); each worker process has a limit of its own',
    );
    // 2000 VUs: slices of 1000 do not fit 1024 less a fresh process's 32 and the reserve's 64, slices of 500 do.
    assert.deepEqual(resolveWorkerMode(scenario('    executor: constant-vus\n    vus: 2000\n    duration: 1s\n'), 2, undefined, undefined, tight), {
      mode: 'thread',
    });
    assert.equal(resolveWorkerMode(scenario('    executor: constant-vus\n    vus: 2000\n    duration: 1s\n'), 4, undefined, undefined, tight).mode, 'process');
    assert.deepEqual(resolveWorkerMode(load, 1, undefined, undefined, tight), { mode: 'thread' }, 'one worker is this process');
  });
});
