import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { appendToHistory, compare, readHistory, writeHistory, HistoryFileError, type History } from '../../src/compare/index.ts';
import type { Result } from '../../src/results/types.ts';
import { syntheticRun, type SyntheticRun } from './synthetic.ts';

const run = (spec: Partial<SyntheticRun> & { seed: number }) => syntheticRun({ steadySeconds: 30, callsPerSecond: 200, ...spec });
const earlier = Array.from({ length: 6 }, (_, i) => run({ seed: 100 + i, sha: `sha${i}` }));
const dir = await mkdtemp(join(tmpdir(), 'mcp-load-history-'));
after(() => rm(dir, { recursive: true, force: true }));

function historyOf(runs: readonly Result[]): History {
  return runs.reduce<History | undefined>((history, r) => appendToHistory(history, r), undefined) as History;
}

test('appendToHistory keeps the last runs, oldest first, each with its windows, summaries, fingerprint and sha', () => {
  const history = earlier.slice(0, 4).reduce<History | undefined>((h, r) => appendToHistory(h, r, { max: 3 }), undefined) as History;
  assert.equal(history.schemaVersion, 1);
  assert.deepEqual(
    history.runs.map((r) => r.sha),
    ['sha1', 'sha2', 'sha3'],
  );
  const entry = history.runs[2];
  assert.deepEqual(entry.fingerprint, { scenarioHash: 'a'.repeat(64), version: '0.1', os: 'linux', arch: 'x64', cpus: 4 });
  assert.equal(entry.date, '2026-01-01T00:00:00.000Z');
  assert.deepEqual([entry.windowMs, entry.windows.p95.length, entry.windows.throughput], [3_000, 10, Array(10).fill(200)]);
  // Measured from the 2 s warm-up on: 167 + 30 × 200 + 150 + 50 = 6367 calls of 1 request each, 10
  // handshakes of 2 and 10 DELETEs: 6397 requests; no discovery request.
  assert.deepEqual(entry.summary.httpPerCall, { overall: 6397 / 6367, discovery: 0, setup: 2, calls: 1, teardown: 1 });
  assert.deepEqual(
    entry.summary.tools.map((t) => [t.key, t.errors, t.httpPerCall]),
    [['send_sms', 0, 1]],
  );
});

test('a history survives the round trip through its file; a missing file is an empty history', async () => {
  const file = join(dir, 'nested', 'history.json');
  assert.deepEqual(await readHistory(file), { schemaVersion: 1, runs: [] });
  const history = historyOf(earlier.slice(0, 2));
  await writeHistory(file, history);
  assert.deepEqual(await readHistory(file), history);
});

test('a history of a newer schema is refused with what to do', async () => {
  const file = join(dir, 'newer.json');
  await writeFile(file, JSON.stringify({ schemaVersion: 2, runs: [] }));
  await assert.rejects(
    readHistory(file),
    (err: Error) => err instanceof HistoryFileError && /newer than this mcp-load reads \(1\); upgrade mcp-load$/.test(err.message),
  );
});

test('with 5 or more comparable runs the history band decides: unchanged for a like run, regression for a 25 % slower one', () => {
  const history = historyOf(earlier);
  const like = compare(run({ seed: 200 }), history);
  assert.deepEqual([like.method, like.comparable, like.regression], ['history-band', true, false]);
  const slower = compare(run({ seed: 201, slowdown: 1.25 }), history);
  const p95 = slower.verdicts[0];
  assert.deepEqual([p95.metric, p95.verdict, p95.gated], ['mcp_call_duration_p95', 'regression', true]);
  assert.ok(p95.interval && (p95.change as number) > p95.interval[1], JSON.stringify(p95));
  assert.match(p95.note ?? '', /^median of 6 earlier runs ± 3·IQR: [\d.]+ … [\d.]+$/);
});

test('against a history, errors are judged on the band with the minimum-count guard, HTTP per call exactly against the latest run', () => {
  const history = historyOf(earlier);
  const comparison = compare(run({ seed: 202, errorRate: 0.02, tools: [{ name: 'send_sms', share: 1, httpPerCall: 3 }] }), history);
  const find = (metric: string) => comparison.verdicts.find((v) => v.metric === metric && v.tool === undefined);
  assert.equal(find('mcp_error_rate')?.verdict, 'regression');
  assert.deepEqual([find('http_per_call_calls')?.verdict, find('http_per_call_calls')?.baseline, find('http_per_call_calls')?.current], ['regression', 1, 3]);
});

test('fewer than 5 comparable runs: a rank interval against the latest, as for a single baseline', () => {
  const current = run({ seed: 203, slowdown: 1.1 });
  const fromHistory = compare(current, historyOf(earlier.slice(0, 4)));
  assert.equal(fromHistory.method, 'rank-interval');
  assert.deepEqual(fromHistory, compare(current, earlier[3]));
});

test('runs of another fingerprint in the history are skipped; a history of only those is not comparable', () => {
  const otherRunner = earlier.map((_, i) => run({ seed: 300 + i, cpus: 8 }));
  const mixed = historyOf([...earlier.slice(0, 5), ...otherRunner.slice(0, 3)]);
  assert.equal(compare(run({ seed: 204 }), mixed).method, 'history-band');
  const foreign = compare(run({ seed: 204 }), historyOf(otherRunner));
  assert.deepEqual([foreign.comparable, foreign.reason, foreign.regression], [false, 'baseline differs: runner linux/x64, 8 CPUs → linux/x64, 4 CPUs', false]);
  const none = compare(run({ seed: 204 }), { schemaVersion: 1, runs: [] });
  assert.deepEqual([none.comparable, none.reason], [false, 'the history has no earlier runs']);
});
