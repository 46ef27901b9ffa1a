// Shards end to end in one process: the same scenario run whole and as two shards against the
// embedded demo server, the shards merged, the merge checked against the whole run and against
// histograms merged here by hand.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { startDemoServer, type DemoServer } from '../../src/demo/index.ts';
import { initMetrics, type SeriesSnapshot } from '../../src/engine/metrics/index.ts';
import { TrendSink } from '../../src/engine/metrics/trend.ts';
import { runTest } from '../../src/engine/run.ts';
import { buildResult, mergeShardResults, MergeError, type Result } from '../../src/results/index.ts';
import { parseScenario, type Scenario } from '../../src/scenario/index.ts';

// 3 VUs × 4 iterations plus 7 shared iterations: 19 iterations, one send_sms call each.
const SCENARIO = `
scenarios:
  each:
    executor: per-vu-iterations
    vus: 3
    iterations: 4
    flow:
      - call: send_sms
        args: { to: "{{randomDigits 11}}", text: "hi {{vu}}" }
        check: { notError: true }
  shared:
    executor: shared-iterations
    vus: 2
    iterations: 7
    flow:
      - call: send_sms
        args: { to: "{{randomDigits 11}}", text: "shared" }
thresholds:
  iterations: ["count>15"]
  mcp_call_duration: ["p(95)<5000"]
`;

const total = (result: Result, metric: string): SeriesSnapshot | undefined =>
  result.metrics.metrics.find((s) => s.metric === metric && Object.keys(s.tags).length === 0);
const count = (result: Result, metric: string): number => {
  const s = total(result, metric);
  if (s === undefined) return 0;
  if (s.type === 'counter' || s.type === 'trend') return s.summary.count;
  if (s.type === 'rate') return s.summary.passes + s.summary.fails;
  return s.summary.value;
};
const sumColumn = (result: Result, name: string): number => result.timeSeries.buckets.reduce((n, b) => n + (b.values[name] ?? 0), 0);

describe('merging shard results', () => {
  let demo: DemoServer;
  let dir: string;
  let scenario: Scenario;
  let whole: Result;
  let shard1: Result;
  let shard2: Result;
  let merged: Result;

  const run = async (s: Scenario, shard?: { index: number; count: number }): Promise<Result> =>
    buildResult(s, demo.url, await runTest(s, { url: demo.url, ...(shard ? { shard } : {}) }));

  before(async () => {
    await initMetrics();
    demo = await startDemoServer({ failureRate: 0 });
    dir = mkdtempSync(join(tmpdir(), 'mcp-load-merge-'));
    scenario = parseScenario(SCENARIO, join(dir, 'shards.yml'), { env: {} });
    [whole, shard1, shard2] = await Promise.all([run(scenario), run(scenario, { index: 1, count: 2 }), run(scenario, { index: 2, count: 2 })]);
    merged = mergeShardResults([
      { file: 'b/result.json', result: shard2 },
      { file: 'a/result.json', result: shard1 },
    ]);
  });
  after(async () => {
    await demo.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('each shard runs its slice and records it; the scenario echo and hash stay the whole', () => {
    assert.deepEqual(shard1.shard, { index: 1, count: 2 });
    assert.deepEqual(shard2.shard, { index: 2, count: 2 });
    assert.equal(whole.shard, undefined);
    // each: 2 + 1 VUs × 4 iterations; shared: 1 + 1 VUs over 4 + 3 iterations.
    assert.equal(count(shard1, 'iterations'), 2 * 4 + 4);
    assert.equal(count(shard2, 'iterations'), 1 * 4 + 3);
    assert.equal(shard1.vusMax, 3);
    assert.equal(shard2.vusMax, 2);
    assert.equal(shard1.scenario.hash, whole.scenario.hash);
    assert.deepEqual(shard2.scenario.echo, whole.scenario.echo);
  });

  it('merged counts are the sums of the shards and equal the whole run for iteration-count executors', () => {
    for (const metric of ['iterations', 'mcp_calls', 'http_reqs', 'checks', 'data_sent']) {
      assert.equal(count(merged, metric), count(shard1, metric) + count(shard2, metric), metric);
    }
    assert.equal(count(merged, 'iterations'), 19);
    assert.equal(count(merged, 'iterations'), count(whole, 'iterations'));
    assert.equal(count(merged, 'mcp_calls'), count(whole, 'mcp_calls'));
    assert.equal(merged.byTool.find((r) => r.tool === 'send_sms')?.calls, 19);
    assert.deepEqual(
      merged.checks.map((c) => [c.scenario, c.passes + c.fails]),
      [['each', 12]],
    );
    assert.equal(merged.vusMax, 5);
    assert.equal(merged.mergedShards, 2);
    assert.equal(merged.shard, undefined);
    assert.equal(merged.scenario.hash, whole.scenario.hash);
  });

  it('merged trends come from the added histograms: count is the sum, percentiles those of a histogram merged here, p(100) the max of maxes', () => {
    for (const metric of ['mcp_call_duration', 'iteration_duration', 'http_req_duration']) {
      const parts = [shard1, shard2].map((r) => total(r, metric));
      const m = total(merged, metric);
      assert.ok(m?.type === 'trend' && parts.every((p) => p?.type === 'trend'), metric);
      const byHand = new TrendSink();
      try {
        for (const part of parts) {
          if (part?.type !== 'trend') continue;
          const decoded = TrendSink.fromState(part);
          byHand.mergeFrom(decoded);
          decoded.dispose();
        }
        const expected = byHand.summary(merged.metrics.endMs - merged.metrics.startMs);
        assert.equal(
          m.summary.count,
          parts.reduce((n, p) => n + (p?.type === 'trend' ? p.summary.count : 0), 0),
          `${metric} count`,
        );
        for (const key of ['p50', 'p90', 'p95', 'p99', 'min', 'max', 'mean'] as const) assert.equal(m.summary[key], expected[key], `${metric} ${key}`);
        assert.equal(m.summary.max, Math.max(...parts.map((p) => (p?.type === 'trend' ? p.summary.max : 0))), `${metric} p(100)`);
      } finally {
        byHand.dispose();
      }
    }
  });

  it('thresholds are judged on the merged load: a count no shard reaches alone passes merged', () => {
    const countThreshold = (r: Result) => r.thresholds.find((t) => t.key === 'iterations');
    assert.equal(countThreshold(shard1)?.ok, false);
    assert.equal(countThreshold(shard2)?.ok, false);
    assert.deepEqual(countThreshold(merged), { key: 'iterations', source: 'count>15', ok: true, observed: 19 });
  });

  it('the per-second series add per bucket, aligned from each shard start', () => {
    for (const column of ['mcp_calls', 'http_reqs', 'data_sent']) {
      assert.equal(sumColumn(merged, column), sumColumn(shard1, column) + sumColumn(shard2, column), column);
    }
    assert.equal(merged.timeSeries.buckets.length, Math.max(shard1.timeSeries.buckets.length, shard2.timeSeries.buckets.length));
    const latencyCount = (r: Result) => r.timeSeries.buckets.reduce((n, b) => n + (b.latency.mcp_call_duration?.summary.count ?? 0), 0);
    assert.equal(latencyCount(merged), latencyCount(shard1) + latencyCount(shard2));
    assert.equal(merged.startedAt, [shard1.startedAt, shard2.startedAt].sort()[0]);
  });

  it('shard and merged results validate against schema/result.schema.json', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const validate = ajv.compile(JSON.parse(readFileSync('schema/result.schema.json', 'utf8')));
    for (const r of [shard1, merged]) assert.ok(validate(JSON.parse(JSON.stringify(r))), JSON.stringify(validate.errors));
    assert.ok(!validate({ ...JSON.parse(JSON.stringify(shard1)), shard: { index: 0, count: 2 } }), 'index 0 is refused');
  });

  it('refuses results of another scenario, naming the file', () => {
    const other = { ...shard2, scenario: { ...shard2.scenario, id: 'other', hash: 'f'.repeat(64) } };
    assert.throws(
      () =>
        mergeShardResults([
          { file: 'a/result.json', result: shard1 },
          { file: 'other/result.json', result: other },
        ]),
      (err: Error) => {
        assert.ok(err instanceof MergeError);
        assert.match(
          err.message,
          /^other\/result\.json ran another scenario than a\/result\.json \(scenario other ffffffffffff vs scenario shards [0-9a-f]{12}\)/,
        );
        return true;
      },
    );
  });

  it('refuses a duplicate index, naming both files', () => {
    assert.throws(
      () =>
        mergeShardResults([
          { file: 'a/result.json', result: shard1 },
          { file: 'c/result.json', result: shard1 },
        ]),
      {
        name: 'MergeError',
        message: "c/result.json is shard 1/2, and so is a/result.json: pass each shard's result once",
      },
    );
  });

  it('refuses an unsharded result, a merged one, a missing shard and a different shard count', () => {
    assert.throws(
      () =>
        mergeShardResults([
          { file: 'a/result.json', result: shard1 },
          { file: 'whole/result.json', result: whole },
        ]),
      {
        message: /^whole\/result\.json is not a shard result \(run without --shard\)/,
      },
    );
    assert.throws(() => mergeShardResults([{ file: 'm/result.json', result: merged }]), {
      message: /^m\/result\.json is not a shard result \(already merged from 2 shards\)/,
    });
    assert.throws(() => mergeShardResults([{ file: 'a/result.json', result: shard1 }]), {
      message: /^shard 2\/2 missing: pass the results of all 2 shards \(given: a\/result\.json = 1\/2\)$/,
    });
    const ofThree = { ...shard2, shard: { index: 2, count: 3 } };
    assert.throws(
      () =>
        mergeShardResults([
          { file: 'a/result.json', result: shard1 },
          { file: 'x/result.json', result: ofThree },
        ]),
      {
        message: /^x\/result\.json is shard 2\/3, but a\/result\.json is shard 1\/2/,
      },
    );
  });
});
