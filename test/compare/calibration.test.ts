// How often the verdict is wrong, measured on runs whose truth is known: 100 seeded trials each.
// (Real runs of a server, same and slowed down: bench/regression-detection.ts.)
// Runs: lognormal latencies (median 20 ms, σ 0.5), 400 calls/s, an AR(1) drift of 3 % shared by all
// calls of a second (autocorrelated, as on a real runner), 30 s at plateau; 2 s windows (15 per run)
// keep the test fast (the default 5 s windows are exercised in compare.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appendToHistory, compare, type Comparison, type History } from '../../src/compare/index.ts';
import type { Result } from '../../src/results/types.ts';
import { syntheticRun, type SyntheticRun } from './synthetic.ts';

const TRIALS = 100;
const HISTORY_RUNS = 8;
const noise: Partial<SyntheticRun> = { steadySeconds: 30, callsPerSecond: 400, drift: 0.03, regression: { window: '2s' } };

// Built on first use (not at import), then shared by the tests that need them.
const runs = new Map<number, Result>();
const unchanged = (i: number) => run(1_000 + i, 1);
const slower = (i: number) => run(5_000 + i, 1.2);

function run(seed: number, slowdown: number): Result {
  let built = runs.get(seed);
  if (built === undefined) runs.set(seed, (built = syntheticRun({ ...noise, seed, slowdown })));
  return built;
}

function p95(comparison: Comparison) {
  const verdict = comparison.verdicts.find((v) => v.metric === 'mcp_call_duration_p95' && v.tool === undefined);
  assert.ok(verdict);
  return verdict;
}

// The history of the 8 unchanged runs from `from` on. Each is the one before with the next run
// appended and the oldest dropped (as a nightly history rolls, max 8): the same digests of the
// same runs, each digested once instead of once per trial and test.
const histories = new Map<number, History>();

function historyOf(from: number): History {
  let history = histories.get(from);
  if (history !== undefined) return history;
  if (from > 0 && histories.has(from - 1)) {
    history = appendToHistory(histories.get(from - 1), unchanged(from + HISTORY_RUNS - 1), { max: HISTORY_RUNS });
  } else {
    for (let i = from; i < from + HISTORY_RUNS; i++) history = appendToHistory(history, unchanged(i), { max: HISTORY_RUNS });
  }
  histories.set(from, history as History);
  return history as History;
}

test('identical distributions against one baseline: no flag in at least 99 of 100 trials, and mostly tested', (t) => {
  let flagged = 0;
  let inconclusive = 0;
  for (let i = 0; i < TRIALS; i++) {
    const comparison = compare(unchanged(i + 1), unchanged(i));
    assert.equal(comparison.method, 'rank-interval');
    const verdict = p95(comparison).verdict;
    if (comparison.regression || verdict === 'regression' || verdict === 'improvement') flagged++;
    if (verdict === 'inconclusive') inconclusive++;
  }
  t.diagnostic(`${flagged} false alarms, ${inconclusive} inconclusive in ${TRIALS} trials`);
  assert.ok(flagged <= 1, `${flagged} false alarms in ${TRIALS} trials`);
  assert.ok(inconclusive <= 10, `${inconclusive} inconclusive in ${TRIALS} trials`);
});

test('a 20 % p95 slow-down against one baseline: flagged in at least 95 of 100 trials', (t) => {
  let flagged = 0;
  for (let i = 0; i < TRIALS; i++) {
    const comparison = compare(slower(i), unchanged(i));
    if (comparison.regression && p95(comparison).verdict === 'regression') flagged++;
  }
  t.diagnostic(`${flagged} of ${TRIALS} slow-downs flagged`);
  assert.ok(flagged >= 95, `${flagged} of ${TRIALS} slow-downs flagged`);
});

test('identical distributions against a history of 8 runs: no flag in at least 99 of 100 trials', (t) => {
  let flagged = 0;
  for (let i = 0; i < TRIALS; i++) {
    const comparison = compare(unchanged(i + HISTORY_RUNS), historyOf(i));
    assert.equal(comparison.method, 'history-band');
    const verdict = p95(comparison).verdict;
    if (comparison.regression || verdict === 'regression' || verdict === 'improvement') flagged++;
  }
  t.diagnostic(`${flagged} false alarms in ${TRIALS} trials`);
  assert.ok(flagged <= 1, `${flagged} false alarms in ${TRIALS} trials`);
});

test('a 20 % p95 slow-down against a history of 8 runs: flagged in at least 95 of 100 trials', (t) => {
  let flagged = 0;
  for (let i = 0; i < TRIALS; i++) {
    const comparison = compare(slower(i), historyOf(i));
    if (comparison.regression && p95(comparison).verdict === 'regression') flagged++;
  }
  t.diagnostic(`${flagged} of ${TRIALS} slow-downs flagged`);
  assert.ok(flagged >= 95, `${flagged} of ${TRIALS} slow-downs flagged`);
});
