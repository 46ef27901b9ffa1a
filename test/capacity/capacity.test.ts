import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { searchCapacity } from '../../src/capacity/search.ts';
import { parseSlo, SloError } from '../../src/capacity/slo.ts';
import type { CapacityRecord, CapacityStep, Result } from '../../src/results/index.ts';
import { capacityChange, capacityView } from '../../src/report/capacity-view.ts';
import { runShippedCli } from '../helpers/cli.ts';
import type { RunningServer } from '../helpers/servers.ts';
import { startScriptedServer, textResult } from '../mcp/scripted-server.ts';

// 4 workers × 40 ms: about 100 calls/s, a load the generator carries with room to spare; a service
// time well above timer and CPU jitter on a busy runner.
const SLOTS = 4;
const SERVICE_MS = 40;

/**
 * An MCP server with a known capacity: `work` is served by SLOTS workers, FIFO, each call holding a
 * worker SERVICE_MS; past about SLOTS / service time calls per second the queue, and the latency,
 * grow without bound. It logs when each call completes: its capacity is the most calls it completed
 * in any second (reached while the search overloads it), measured by the server, not assumed, so a
 * busy machine that slows the server moves the ground truth with it.
 */
async function startQueueServer(): Promise<RunningServer & { capacityPerSecond: () => number }> {
  const queue: (() => void)[] = [];
  const completed: number[] = [];
  let busy = 0;
  const next = () => {
    while (busy < SLOTS && queue.length > 0) {
      busy++;
      queue.shift()!();
    }
  };
  const server = await startScriptedServer((request, res) => {
    res.setHeader('content-type', 'application/json');
    if (request.method !== 'tools/call') return void res.end(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: {} }));
    queue.push(() => {
      setTimeout(() => {
        completed.push(performance.now());
        busy--;
        res.end(textResult(request.id, 'done'));
        next();
      }, SERVICE_MS);
    });
    next();
  });
  const capacityPerSecond = () => {
    let best = 0;
    for (let i = 0, j = 0; i < completed.length; i++) {
      while (completed[i] - completed[j] >= 1000) j++;
      best = Math.max(best, i - j + 1);
    }
    return best;
  };
  return Object.assign(server, { capacityPerSecond });
}

describe('mcp-load capacity against a server of known capacity', () => {
  let server: RunningServer & { capacityPerSecond: () => number };
  let dir: string;
  before(async () => {
    server = await startQueueServer();
    dir = mkdtempSync(join(tmpdir(), 'mcp-load-capacity-'));
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the highest rate within the SLO: held within 30 % of the measured capacity, broken within 50 % above it; every step recorded', async () => {
    const scenario = join(dir, 'queue.yml');
    writeFileSync(
      scenario,
      `target: ${server.url}\nscenarios:\n  agents:\n    executor: constant-vus\n    vus: 1\n    duration: 1s\n    flow:\n      - call: work\n`,
    );
    const out = join(dir, 'result');
    const run = await runShippedCli([
      'capacity',
      scenario,
      '--slo',
      'p95<300ms,errors<1%',
      '--start',
      '25',
      '--factor',
      '2',
      '--step',
      '3s',
      '--bisect',
      '3',
      '--max-vus',
      '300',
      '--max-rate',
      '400',
      '--out',
      out,
    ]);
    const capacity = server.capacityPerSecond();
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as Result;
    const record = result.capacity!;
    assert.equal(record.verdict, 'server-bound');
    assert.equal(record.limit === 'latency' || record.limit === 'dropped', true, `limit ${record.limit}`);
    const held = record.highestHeld!;
    const broken = record.lowestBroken!;
    assert.ok(held < broken);
    // A 3 s step overloaded by a share x queues about x·3 s of work by its end: the p95 breaks the
    // 260 ms queueing budget from x ≈ 0.1, and bisection adds its last interval; so a rate a little
    // above the capacity may still hold, and the break comes above it. The budget is wide enough that
    // CPU jitter on a busy runner does not break a step well below the capacity.
    assert.ok(held >= 0.7 * capacity && held <= 1.3 * capacity, `held ${held}/s, measured capacity ${capacity.toFixed(0)}/s`);
    assert.ok(broken >= capacity && broken <= 1.5 * capacity, `broke at ${broken}/s, measured capacity ${capacity.toFixed(0)}/s`);
    const rates = record.steps.map((s: CapacityStep) => s.rate);
    assert.deepEqual(rates.slice(0, 3), [25, 50, 100]);
    assert.ok(
      record.steps.every((s: CapacityStep) => s.held === s.rate <= held),
      JSON.stringify(rates),
    );
    // Judged on compare's window statistic: a 3 s step has 2 steady 1 s windows after its warm-up second
    // (too few for a 90 % interval), and its median window p95 sits within the windows' own range.
    for (const s of record.steps) {
      assert.ok(s.latencyWindows! >= 1 && s.latencyWindows! <= 3, `${s.rate}/s: ${s.latencyWindows} windows`);
      assert.equal(s.latencyIntervalMs, undefined);
      assert.equal(typeof s.stepLatencyMs, 'number');
    }
    assert.match(run.stdout, new RegExp(`Highest rate that held p95<300ms,errors<1%: ${held}/s; ${broken}/s broke it \\((latency|dropped)\\)`));
    const summary = readFileSync(join(out, 'summary.md'), 'utf8');
    assert.match(summary, /### Capacity\n\nHighest rate that held/);
    assert.match(summary, new RegExp(`\\| ${held}/s \\|.*\\| ✅ held \\|`));
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const data = JSON.parse(/<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)![1]);
    const chart = data.charts.find((c: { id: string }) => c.id === 'capacity');
    assert.deepEqual(
      chart.tables[0][0],
      [...rates].sort((a, b) => a - b),
    );
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const validate = ajv.compile(JSON.parse(readFileSync('schema/result.schema.json', 'utf8')));
    assert.ok(validate(result), ajv.errorsText(validate.errors));
  });
});

describe('the capacity search', () => {
  const fakeStep = (rate: number, held: boolean, limit?: CapacityStep['limit']): CapacityStep => ({
    rate,
    durationMs: 1000,
    callsPerSecond: rate,
    latencyMs: 1,
    latencyPercentile: 'p95',
    flowCalls: rate,
    errorRate: 0,
    dropped: 0,
    generatorLagP99Ms: limit === 'generator' ? 120 : 1,
    held,
    ...(limit ? { limit } : {}),
  });
  const plan = { start: 10, factor: 2, maxRate: 1000, bisections: 3, slo: 'p95<100ms' };

  it('stops at generator saturation and says generator-bound, not server-bound, with no bisection past it', async () => {
    const tried: number[] = [];
    const { record } = await searchCapacity(plan, async (rate) => {
      tried.push(rate);
      return { result: {} as Result, step: rate >= 40 ? fakeStep(rate, false, 'generator') : fakeStep(rate, true) };
    });
    assert.deepEqual(tried, [10, 20, 40]);
    assert.equal(record.verdict, 'generator-bound');
    assert.equal(record.highestHeld, 20);
  });

  it('says which SLO a generator-bound search could not test, whether or not a rate held before the generator saturated', async () => {
    const saturatedAt = async (first: number) =>
      (
        await searchCapacity(plan, async (rate) => ({
          result: {} as Result,
          step: rate >= first ? fakeStep(rate, false, 'generator') : fakeStep(rate, true),
        }))
      ).record;
    assert.equal(
      capacityView(await saturatedAt(10)).conclusion,
      'Generator-bound, not server-bound: the load generator saturated at 10/s, before the server could be tested against p95<100ms, a lower bound only. Shard the load to go further.',
    );
    assert.equal(
      capacityView(await saturatedAt(40)).conclusion,
      'Generator-bound, not server-bound: the load generator saturated at 40/s; the server held p95<100ms at 20/s, a lower bound only. Shard the load to go further.',
    );
  });

  it('bisects between the last held and first broken rate', async () => {
    const { record } = await searchCapacity(plan, async (rate) => ({
      result: {} as Result,
      step: rate <= 50 ? fakeStep(rate, true) : fakeStep(rate, false, 'latency'),
    }));
    assert.deepEqual(
      record.steps.map((s) => s.rate),
      [10, 20, 40, 80, 60, 50, 55],
    );
    assert.deepEqual([record.highestHeld, record.lowestBroken, record.limit, record.verdict], [50, 55, 'latency', 'server-bound']);
  });

  it('reads SLOs as written and names what it cannot read', () => {
    assert.deepEqual(parseSlo('p95<200ms,errors<1%'), { source: 'p95<200ms,errors<1%', latency: { percentile: 95, limitMs: 200 }, errorRate: 0.01 });
    assert.deepEqual(parseSlo('p99 < 1.5s'), { source: 'p99 < 1.5s', latency: { percentile: 99, limitMs: 1500 } });
    assert.throws(
      () => parseSlo('p95<200ms,avg<3'),
      new SloError('--slo "p95<200ms,avg<3": cannot read "avg<3"; write p50|p90|p95|p99<N(ms|s) and/or errors<N%, e.g. --slo "p95<200ms,errors<1%"'),
    );
  });
});

describe('capacity against the baseline', () => {
  const record = (held: number | null, broken: number | null, slo = 'p95<200ms'): CapacityRecord => ({
    slo,
    steps: [],
    highestHeld: held,
    lowestBroken: broken,
    verdict: held === null ? 'below start' : 'server-bound',
    limit: 'latency',
  });

  it('says it fell only when the intervals do not overlap, with both intervals', () => {
    assert.equal(
      capacityChange(record(600, 640), record(850, 900)),
      '📉 Capacity fell from 850 to 600 iterations/s held (-29 %; baseline interval [850, 900), now [600, 640)).',
    );
    assert.equal(
      capacityChange(record(900, 950), record(850, 900)),
      '📈 Capacity rose from 850 to 900 iterations/s held (+6 %; baseline interval [850, 900), now [900, 950)).',
    );
    assert.equal(
      capacityChange(record(800, 900), record(850, 1000)),
      "Capacity unchanged within the search's resolution: baseline [850, 1000), now [800, 900) iterations/s.",
    );
  });

  it('does not compare searches against different SLOs, and calls one-sided bounds inconclusive', () => {
    assert.match(capacityChange(record(600, 640), record(850, 900, 'p99<1s')), /not compared: it was searched against another SLO \(p99<1s\)/);
    assert.match(capacityChange(record(null, 10), record(850, 900)), /inconclusive/);
  });
});
