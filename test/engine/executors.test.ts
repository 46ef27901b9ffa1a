import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INTERRUPT_GRACE_MS } from '../../src/engine/executors/executor.ts';
import { createExecutor, type ExecutorContext } from '../../src/engine/executors/index.ts';
import { StopSignal } from '../../src/engine/stop-signal.ts';
import { VirtualUser } from '../../src/engine/virtual-user.ts';
import type { ExecutorConfig, ScenarioSpec } from '../../src/scenario/types.ts';
import { assertTime } from './support.ts';

type Iteration = (vu: VirtualUser, run: FakeRun) => Promise<void>;

/** One event-loop turn: the smallest asynchronous iteration. */
const tinyStep: Iteration = () => new Promise<void>((resolve) => setImmediate(resolve));

/** An iteration that only ends when its VU is interrupted. */
const endless: Iteration = (vu) => vu.interrupt.wait();

/** An iteration that ignores its interrupt: it never ends (a hung await mcp-load cannot cut). */
const deaf: Iteration = () => new Promise<void>(() => undefined);

/** An ExecutorContext without MCP: counts what the executor asks for and runs `iteration` for each iteration. */
class FakeRun implements ExecutorContext {
  readonly stop = new StopSignal();
  readonly abort = new StopSignal();
  /** VU ids the executor gave up on. */
  readonly abandoned: number[] = [];
  readonly vus: VirtualUser[] = [];
  /** Iterations started per VU id. */
  readonly iterationsOf = new Map<number, number>();
  /** `scheduledAt` and the actual start of each open-model iteration. */
  readonly starts: { scheduledAt: number | undefined; at: number }[] = [];
  /** The active-VU count after every change. */
  readonly activeHistory: number[] = [];
  active = 0;
  started = 0;
  finished = 0;
  dropped = 0;
  onDropped: () => void = () => {};

  constructor(private readonly iteration: Iteration) {}

  newVu(): VirtualUser {
    const vu = new VirtualUser(this.vus.length + 1);
    this.vus.push(vu);
    return vu;
  }

  async runIteration(vu: VirtualUser, scheduledAt?: number): Promise<void> {
    this.started++;
    this.starts.push({ scheduledAt, at: performance.now() });
    this.iterationsOf.set(vu.id, (this.iterationsOf.get(vu.id) ?? 0) + 1);
    vu.running = true;
    try {
      await this.iteration(vu, this);
    } finally {
      vu.running = false;
    }
    this.finished++;
  }

  /** VU ids whose session the executor opened ahead of their first iteration. */
  readonly opened: number[] = [];

  async openSession(vu: VirtualUser): Promise<void> {
    this.opened.push(vu.id);
  }

  abandon(vu: VirtualUser): void {
    this.abandoned.push(vu.id);
  }

  activeVus(delta: number): void {
    this.active += delta;
    this.activeHistory.push(this.active);
  }

  droppedIteration(): void {
    this.dropped++;
    this.onDropped();
  }

  now(): number {
    return performance.now();
  }

  get peakActive(): number {
    return Math.max(0, ...this.activeHistory);
  }
}

function spec(config: ExecutorConfig, gracefulStopMs = 1000): ScenarioSpec {
  return { ...config, name: 'test', startTimeMs: 0, gracefulStopMs, session: 'per-vu', flow: [], tags: {} };
}

/** Runs the executor of `config` on a fake context; returns the context and the executor's wall time. */
async function execute(config: ExecutorConfig, iteration: Iteration, options: { gracefulStopMs?: number; setUp?: (run: FakeRun) => void } = {}) {
  const run = new FakeRun(iteration);
  options.setUp?.(run);
  const started = performance.now();
  await createExecutor(spec(config, options.gracefulStopMs)).run(run);
  return { run, elapsedMs: performance.now() - started };
}

function timersPending(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
}

describe('constant-vus', () => {
  it('starts exactly `vus` VUs, keeps them all busy for the duration, then stops them', async () => {
    const { run, elapsedMs } = await execute({ executor: 'constant-vus', vus: 5, durationMs: 150 }, tinyStep);
    assert.equal(run.vus.length, 5);
    assert.equal(run.peakActive, 5);
    assert.equal(run.active, 0);
    assert.deepEqual([...run.iterationsOf.keys()].sort(), [1, 2, 3, 4, 5]);
    assert.equal(run.finished, run.started);
    assertTime(elapsedMs, 150, 250, 'ran');
  });

  it('a test-wide stop ends it early: VUs start no new iteration', async () => {
    const { run, elapsedMs } = await execute({ executor: 'constant-vus', vus: 2, durationMs: 10_000 }, async (vu, r) => {
      if (r.started === 10) r.stop.fire();
      await tinyStep(vu, r);
    });
    assert.equal(run.started, 10);
    assert.equal(run.finished, 10);
    assert.ok(elapsedMs < 500, `ran ${elapsedMs} ms`);
  });
});

describe('per-vu-iterations', () => {
  it('runs exactly `iterations` per VU and returns as soon as they are done', async () => {
    const before = timersPending();
    const { run, elapsedMs } = await execute({ executor: 'per-vu-iterations', vus: 3, iterations: 4, maxDurationMs: 60_000 }, tinyStep);
    assert.equal(run.started, 12);
    assert.deepEqual([...run.iterationsOf.entries()].sort(), [
      [1, 4],
      [2, 4],
      [3, 4],
    ]);
    assert.ok(elapsedMs < 500, `ran ${elapsedMs} ms`);
    // Neither maxDuration nor gracefulStop leaves a timer behind to hold the process open.
    assert.ok(timersPending() <= before, `${timersPending() - before} timer(s) left pending`);
  });

  it('stops at maxDuration even when iterations are left', async () => {
    const slowStep: Iteration = () => new Promise<void>((resolve) => setTimeout(resolve, 40));
    const { run, elapsedMs } = await execute({ executor: 'per-vu-iterations', vus: 2, iterations: 1000, maxDurationMs: 100 }, slowStep);
    assert.ok(run.started >= 4 && run.started <= 8, `${run.started} iterations`);
    assert.equal(run.finished, run.started);
    assertTime(elapsedMs, 100, 250, 'ran');
  });
});

describe('shared-iterations', () => {
  it('runs exactly `iterations` in all, shared by the VUs', async () => {
    const before = timersPending();
    const { run, elapsedMs } = await execute({ executor: 'shared-iterations', vus: 4, iterations: 10, maxDurationMs: 60_000 }, tinyStep);
    assert.equal(run.vus.length, 4);
    assert.equal(run.started, 10);
    assert.equal(
      [...run.iterationsOf.values()].reduce((a, b) => a + b, 0),
      10,
    );
    assert.ok(elapsedMs < 500, `ran ${elapsedMs} ms`);
    assert.ok(timersPending() <= before, `${timersPending() - before} timer(s) left pending`);
  });
});

describe('ramping-vus', () => {
  it('peaks at the highest stage target and reuses VUs on a second ramp-up', async () => {
    const stages = [
      { durationMs: 150, target: 4 },
      { durationMs: 100, target: 4 },
      { durationMs: 100, target: 0 },
      { durationMs: 100, target: 0 },
      { durationMs: 150, target: 4 },
      { durationMs: 100, target: 4 },
    ];
    const { run, elapsedMs } = await execute({ executor: 'ramping-vus', startVUs: 0, stages, gracefulRampDownMs: 1000 }, tinyStep);
    assert.equal(run.peakActive, 4);
    assert.equal(run.vus.length, 4, 'the second ramp-up takes the idle VUs instead of new ones');
    // Up to 4, down to 0, up to 4 again, and 0 at the end.
    const firstPeak = run.activeHistory.indexOf(4);
    const trough = run.activeHistory.indexOf(0, firstPeak);
    const secondPeak = run.activeHistory.indexOf(4, trough);
    assert.ok(firstPeak >= 0 && trough > firstPeak && secondPeak > trough, String(run.activeHistory));
    assert.equal(run.active, 0);
    assertTime(elapsedMs, 600, 750, 'ran');
  });

  it('interrupts a VU removed on ramp-down whose iteration outlasts gracefulRampDown', async () => {
    const stages = [
      { durationMs: 50, target: 1 },
      { durationMs: 1, target: 0 },
      { durationMs: 250, target: 0 },
    ];
    let start = 0;
    let interruptedAfter = -1;
    const { run, elapsedMs } = await execute(
      { executor: 'ramping-vus', startVUs: 1, stages, gracefulRampDownMs: 100 },
      (vu, r) => {
        vu.interrupt.onFire(() => (interruptedAfter = performance.now() - start));
        return endless(vu, r);
      },
      { setUp: () => (start = performance.now()) },
    );
    assert.equal(run.started, 1);
    // Retired at the first adjustment past 51 ms (every 50 ms), interrupted 100 ms later, well before the schedule ends.
    assertTime(interruptedAfter, 150, 250, 'interrupted after');
    assertTime(elapsedMs, 300, 400, 'ran');
  });
});

describe('gracefulStop', () => {
  it('interrupts an iteration that never finishes once the grace period is over, then returns', async () => {
    const { run, elapsedMs } = await execute({ executor: 'constant-vus', vus: 2, durationMs: 50 }, endless, { gracefulStopMs: 100 });
    assert.equal(run.started, 2);
    assert.deepEqual(
      run.vus.map((vu) => vu.interrupt.fired),
      [true, true],
    );
    assert.equal(run.finished, 2);
    assertTime(elapsedMs, 150, 250, 'ran');
  });

  it('lets an iteration that finishes within the grace period end uninterrupted, and returns when it does', async () => {
    // One iteration, still running when the 50 ms are over (a timer never fires early): it ends at
    // 120 ms, within the grace, and the run returns then, not at the grace's end. (With a 40 ms
    // iteration the count of iterations started depended on whether its timer was late.)
    const step: Iteration = () => new Promise<void>((resolve) => setTimeout(resolve, 120));
    const { run, elapsedMs } = await execute({ executor: 'constant-vus', vus: 1, durationMs: 50 }, step, { gracefulStopMs: 5000 });
    assert.equal(run.started, 1);
    assert.equal(run.finished, 1);
    assert.equal(run.vus[0].interrupt.fired, false);
    assertTime(elapsedMs, 120, 300, 'ran');
  });

  it('an iteration that ignores its interrupt cannot hold the run: after INTERRUPT_GRACE_MS its VU is abandoned and the executor returns', async () => {
    const { run, elapsedMs } = await execute({ executor: 'constant-vus', vus: 2, durationMs: 50 }, deaf, { gracefulStopMs: 100 });
    assert.equal(run.started, 2);
    assert.equal(run.finished, 0);
    assert.deepEqual(run.abandoned, [1, 2]);
    assertTime(elapsedMs, 150 + INTERRUPT_GRACE_MS, 250 + INTERRUPT_GRACE_MS, 'ran');
  });

  it('abandons deaf iterations of arrival-rate executors too, and only the VUs still running', async () => {
    let calls = 0;
    const firstDeaf: Iteration = () => (++calls === 1 ? deaf({} as VirtualUser, {} as FakeRun) : Promise.resolve());
    const { run, elapsedMs } = await execute(
      { executor: 'constant-arrival-rate', rate: 20, timeUnitMs: 1000, durationMs: 200, preAllocatedVUs: 2, maxVUs: 2 },
      firstDeaf,
      { gracefulStopMs: 100 },
    );
    assert.deepEqual(run.abandoned, [2], 'the VU stuck in the first iteration (VUs are taken from the end of the idle list)');
    assertTime(elapsedMs, 300 + INTERRUPT_GRACE_MS, 450 + INTERRUPT_GRACE_MS, 'ran');
  });

  it('a hard stop (second signal) does not wait for gracefulStop: VUs are interrupted at once', async () => {
    const { run, elapsedMs } = await execute({ executor: 'constant-vus', vus: 2, durationMs: 10_000 }, endless, {
      gracefulStopMs: 30_000,
      setUp: (r) =>
        setTimeout(() => {
          r.stop.fire();
          r.abort.fire();
        }, 100),
    });
    assert.equal(run.finished, 2);
    assert.deepEqual(
      run.vus.map((vu) => vu.interrupt.fired),
      [true, true],
    );
    assertTime(elapsedMs, 100, 250, 'ran');
  });

  it('applies to arrival-rate executors too', async () => {
    const { run, elapsedMs } = await execute(
      { executor: 'constant-arrival-rate', rate: 1, timeUnitMs: 1000, durationMs: 50, preAllocatedVUs: 1, maxVUs: 1 },
      endless,
      { gracefulStopMs: 100 },
    );
    assert.equal(run.started, 1);
    assert.equal(run.vus[0].interrupt.fired, true);
    assertTime(elapsedMs, 150, 250, 'ran');
  });
});

describe('constant-arrival-rate', () => {
  it('starts `rate` iterations per second, each at its scheduled time, whatever the iterations take', async () => {
    const { run, elapsedMs } = await execute(
      { executor: 'constant-arrival-rate', rate: 100, timeUnitMs: 1000, durationMs: 2000, preAllocatedVUs: 5, maxVUs: 50 },
      tinyStep,
    );
    assert.equal(run.started, 200);
    assert.equal(run.dropped, 0);
    const origin = run.starts[0].scheduledAt!;
    // Due every 10 ms exactly.
    assert.deepEqual(
      run.starts.map((s) => Math.round((s.scheduledAt! - origin) * 1000) / 1000),
      Array.from({ length: 200 }, (_, k) => k * 10),
    );
    // Actually started within 2 % of the rate in each second.
    const perSecond = [0, 0];
    for (const s of run.starts) perSecond[Math.min(1, Math.floor((s.at - origin) / 1000))]++;
    assert.ok(
      perSecond.every((n) => Math.abs(n - 100) <= 2),
      String(perSecond),
    );
    assertTime(elapsedMs, 2000, 2100, 'ran');
  });

  it('counts an iteration as dropped when all maxVUs are busy', async () => {
    const release = new StopSignal();
    const { run } = await execute(
      { executor: 'constant-arrival-rate', rate: 10, timeUnitMs: 1000, durationMs: 1000, preAllocatedVUs: 2, maxVUs: 3 },
      () => release.wait(),
      // Iterations hold their VU until the last of the 10 arrivals has been dropped.
      { setUp: (r) => (r.onDropped = () => r.dropped === 7 && release.fire()) },
    );
    assert.equal(run.vus.length, 3);
    assert.equal(run.started, 3);
    assert.equal(run.dropped, 7);
    assert.equal(run.finished, 3);
  });
});

describe('constant-arrival-rate with no free VU', () => {
  it('on schedule: waits for the first VU to free up while a new VU opens for each waiting iteration, and drops what maxVUs cannot hold', async () => {
    const release = new StopSignal();
    const sessions = new StopSignal();
    let openingWhenFull = -1;
    const { run } = await execute(
      // 100 due within 1 ms, all launched at once; every iteration holds its VU, and no new session is ready, until the last one is due.
      { executor: 'constant-arrival-rate', rate: 100_000, timeUnitMs: 1000, durationMs: 1, preAllocatedVUs: 1, maxVUs: 50 },
      () => release.wait(),
      {
        setUp: (r) => {
          r.openSession = async (vu) => {
            r.opened.push(vu.id);
            await sessions.wait();
          };
          r.onDropped = () => {
            if (r.dropped !== 50) return;
            openingWhenFull = r.opened.length;
            sessions.fire();
            release.fire();
          };
        },
      },
    );
    assert.equal(openingWhenFull, 49, 'VUs opening while 49 iterations waited, none of them late by the generator');
    assert.equal(run.dropped, 50, '1 running and 49 waiting fill maxVUs 50; the other 50 are dropped');
    assert.equal(run.started, 50);
    assert.equal(run.finished, 50);
    assert.ok(run.vus.length <= 50, `${run.vus.length} VUs`);
  });

  it('after a stall of the generator: a few new VUs at a time, while iterations due during the stall wait', async () => {
    const release = new StopSignal();
    const sessions = new StopSignal();
    let openingWhenFull = -1;
    const STALL_MS = 60;
    const { run } = await execute(
      // 1 per ms; the first iteration holds the event loop 60 ms (a stall of the generator's own, as a
      // tokenizer start or a major GC), so the schedule starts the next ones late, all waiting for the one VU.
      { executor: 'constant-arrival-rate', rate: 1000, timeUnitMs: 1000, durationMs: 1000, preAllocatedVUs: 1, maxVUs: 20 },
      (_vu, r) => {
        if (r.started === 1) {
          const until = performance.now() + STALL_MS;
          while (performance.now() < until);
        }
        return release.wait();
      },
      {
        setUp: (r) => {
          r.openSession = async (vu) => {
            r.opened.push(vu.id);
            await sessions.wait();
          };
          r.onDropped = () => {
            if (r.dropped !== 1) return;
            openingWhenFull = r.opened.length;
            r.stop.fire();
            sessions.fire();
            release.fire();
          };
        },
      },
    );
    assert.equal(openingWhenFull, 4, 'VUs opening while 19 iterations, due during the stall, waited');
    assert.ok(run.dropped >= 1);
  });

  it('drops the iterations still waiting for a VU when the test stops, and starts none of them', async () => {
    const release = new StopSignal();
    const sessions = new StopSignal();
    const { run } = await execute(
      { executor: 'constant-arrival-rate', rate: 100, timeUnitMs: 1000, durationMs: 1000, preAllocatedVUs: 1, maxVUs: 10 },
      () => release.wait(),
      {
        setUp: (r) => {
          r.openSession = async (vu) => {
            r.opened.push(vu.id);
            // The fourth new VU opens for the fifth due iteration: four wait, one runs.
            if (r.opened.length === 4) {
              r.stop.fire();
              sessions.fire();
              release.fire();
            }
            await sessions.wait();
          };
        },
      },
    );
    assert.equal(run.started, 1);
    assert.equal(run.dropped, 4);
    assert.equal(run.finished, 1);
  });
});

describe('ramping-arrival-rate', () => {
  it('starts the integral of the ramped rate', async () => {
    const { run, elapsedMs } = await execute(
      {
        executor: 'ramping-arrival-rate',
        startRate: 0,
        timeUnitMs: 1000,
        stages: [{ durationMs: 500, target: 100 }],
        preAllocatedVUs: 2,
        maxVUs: 10,
      },
      tinyStep,
    );
    // 0 → 100/s over 0.5 s: 25 iterations.
    assert.equal(run.started, 25);
    assert.equal(run.dropped, 0);
    assertTime(elapsedMs, 500, 600, 'ran');
  });
});
