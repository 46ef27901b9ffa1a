import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseShard, shardExecutor, shardScenario, ShardError, shardsWithLoad, shareOf, type Shard } from '../../src/scenario/shard.ts';
import type { ExecutorConfig } from '../../src/scenario/types.ts';
import { parse, seededRng } from './support.ts';

const shards = (count: number): Shard[] => Array.from({ length: count }, (_, i) => ({ index: i + 1, count }));

/** The slice's options as scenario YAML, so that the loader's own validation judges whether it can run. */
function asYaml(config: ExecutorConfig): string {
  const { executor, ...rest } = config;
  const lines = [`scenarios:`, `  s:`, `    executor: ${executor}`];
  for (const [key, value] of Object.entries(rest)) {
    if (key === 'stages') {
      const stages = (value as { durationMs: number; target: number }[]).map((s) => `{ duration: ${s.durationMs}ms, target: ${s.target} }`);
      lines.push(`    stages: [${stages.join(', ')}]`);
    } else if (key.endsWith('Ms')) {
      lines.push(`    ${key.slice(0, -2)}: ${value as number}ms`);
    } else {
      lines.push(`    ${key}: ${value as number}`);
    }
  }
  lines.push('    flow: [{ ping: {} }]');
  return `${lines.join('\n')}\n`;
}

/** Random valid configs of every executor. */
function randomConfigs(seed: number, n: number): ExecutorConfig[] {
  const rng = seededRng(seed);
  const int = (min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
  const stages = (): { durationMs: number; target: number }[] =>
    Array.from({ length: int(1, 4) }, () => ({ durationMs: int(1, 30) * 1000, target: int(0, 40) }));
  const out: ExecutorConfig[] = [];
  for (let i = 0; i < n; i++) {
    const vus = int(1, 40);
    const maxVUs = int(1, 60);
    const preAllocatedVUs = int(0, maxVUs);
    out.push(
      { executor: 'constant-vus', vus, durationMs: 5000 },
      { executor: 'ramping-vus', startVUs: int(0, 20), stages: [...stages(), { durationMs: 1000, target: int(1, 30) }], gracefulRampDownMs: 3000 },
      { executor: 'per-vu-iterations', vus, iterations: int(1, 50), maxDurationMs: 60_000 },
      { executor: 'shared-iterations', vus, iterations: vus + int(0, 200), maxDurationMs: 60_000 },
      { executor: 'constant-arrival-rate', rate: int(1, 100), timeUnitMs: 1000, durationMs: 10_000, preAllocatedVUs, maxVUs },
      { executor: 'ramping-arrival-rate', startRate: int(0, 30), timeUnitMs: 1000, stages: stages(), preAllocatedVUs, maxVUs },
    );
  }
  return out;
}

/** The numbers that make up the load; a skipped shard contributes zeros. */
function loadNumbers(config: ExecutorConfig | undefined, like: ExecutorConfig): number[] {
  const c = (config ?? zeroOf(like)) as ExecutorConfig;
  switch (c.executor) {
    case 'constant-vus':
    case 'per-vu-iterations':
      return [c.vus];
    case 'shared-iterations':
      return [c.vus, c.iterations];
    case 'ramping-vus':
      return [c.startVUs, ...c.stages.map((s) => s.target)];
    case 'constant-arrival-rate':
      return [c.rate, c.preAllocatedVUs, c.maxVUs];
    case 'ramping-arrival-rate':
      return [c.startRate, ...c.stages.map((s) => s.target), c.preAllocatedVUs, c.maxVUs];
  }
}

function zeroOf(config: ExecutorConfig): ExecutorConfig {
  const zero = (value: unknown, key: string): unknown =>
    key === 'stages'
      ? (value as { durationMs: number }[]).map((s) => ({ durationMs: s.durationMs, target: 0 }))
      : key.endsWith('Ms') || key === 'executor'
        ? value
        : 0;
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, zero(v, k)])) as unknown as ExecutorConfig;
}

describe('shareOf', () => {
  it('gives the remainder to the lowest indexes: 10 over 3 = 4,3,3; 10 over 4 = 3,3,2,2; 2 over 4 = 1,1,0,0', () => {
    assert.deepEqual(
      [1, 2, 3].map((i) => shareOf(10, i, 3)),
      [4, 3, 3],
    );
    assert.deepEqual(
      [1, 2, 3, 4].map((i) => shareOf(10, i, 4)),
      [3, 3, 2, 2],
    );
    assert.deepEqual(
      [1, 2, 3, 4].map((i) => shareOf(2, i, 4)),
      [1, 1, 0, 0],
    );
  });

  it('shares sum to the total, never increase with the index and differ by at most one', () => {
    for (let total = 0; total <= 120; total++) {
      for (let count = 1; count <= 17; count++) {
        const shares = shards(count).map((s) => shareOf(total, s.index, s.count));
        assert.equal(
          shares.reduce((a, b) => a + b, 0),
          total,
          `${total} over ${count}`,
        );
        for (let i = 1; i < count; i++) assert.ok(shares[i - 1] >= shares[i], `${total} over ${count}: ${shares}`);
        assert.ok(shares[0] - shares[count - 1] <= 1, `${total} over ${count}: ${shares}`);
      }
    }
  });
});

describe('shardExecutor', () => {
  it('splits each executor as documented', () => {
    const slices = (config: ExecutorConfig, count: number) => shards(count).map((s) => shardExecutor(config, s));
    assert.deepEqual(
      slices({ executor: 'constant-vus', vus: 10, durationMs: 1000 }, 3).map((c) => c && 'vus' in c && c.vus),
      [4, 3, 3],
    );
    // per-vu-iterations keeps the iterations of each VU; shared-iterations splits them.
    assert.deepEqual(slices({ executor: 'per-vu-iterations', vus: 5, iterations: 7, maxDurationMs: 1000 }, 2), [
      { executor: 'per-vu-iterations', vus: 3, iterations: 7, maxDurationMs: 1000 },
      { executor: 'per-vu-iterations', vus: 2, iterations: 7, maxDurationMs: 1000 },
    ]);
    assert.deepEqual(slices({ executor: 'shared-iterations', vus: 3, iterations: 10, maxDurationMs: 1000 }, 2), [
      { executor: 'shared-iterations', vus: 2, iterations: 5, maxDurationMs: 1000 },
      { executor: 'shared-iterations', vus: 1, iterations: 5, maxDurationMs: 1000 },
    ]);
    assert.deepEqual(slices({ executor: 'constant-arrival-rate', rate: 10, timeUnitMs: 1000, durationMs: 5000, preAllocatedVUs: 6, maxVUs: 9 }, 4), [
      { executor: 'constant-arrival-rate', rate: 3, timeUnitMs: 1000, durationMs: 5000, preAllocatedVUs: 2, maxVUs: 3 },
      { executor: 'constant-arrival-rate', rate: 3, timeUnitMs: 1000, durationMs: 5000, preAllocatedVUs: 2, maxVUs: 2 },
      { executor: 'constant-arrival-rate', rate: 2, timeUnitMs: 1000, durationMs: 5000, preAllocatedVUs: 1, maxVUs: 2 },
      { executor: 'constant-arrival-rate', rate: 2, timeUnitMs: 1000, durationMs: 5000, preAllocatedVUs: 1, maxVUs: 2 },
    ]);
    assert.deepEqual(
      slices(
        {
          executor: 'ramping-vus',
          startVUs: 1,
          stages: [
            { durationMs: 1000, target: 5 },
            { durationMs: 2000, target: 0 },
          ],
          gracefulRampDownMs: 0,
        },
        2,
      ),
      [
        {
          executor: 'ramping-vus',
          startVUs: 1,
          stages: [
            { durationMs: 1000, target: 3 },
            { durationMs: 2000, target: 0 },
          ],
          gracefulRampDownMs: 0,
        },
        {
          executor: 'ramping-vus',
          startVUs: 0,
          stages: [
            { durationMs: 1000, target: 2 },
            { durationMs: 2000, target: 0 },
          ],
          gracefulRampDownMs: 0,
        },
      ],
    );
  });

  it('leaves shards without a part out instead of giving them zero VUs, zero rate or VUs without iterations', () => {
    const slices = (config: ExecutorConfig, count: number) => shards(count).map((s) => shardExecutor(config, s) !== undefined);
    assert.deepEqual(slices({ executor: 'constant-vus', vus: 2, durationMs: 1000 }, 4), [true, true, false, false]);
    // 3 VUs over 4 shards: the 10 shared iterations go to the 3 shards with VUs (4, 3, 3), none is lost.
    assert.deepEqual(
      shards(4).map((s) => shardExecutor({ executor: 'shared-iterations', vus: 3, iterations: 10, maxDurationMs: 1000 }, s)),
      [
        { executor: 'shared-iterations', vus: 1, iterations: 4, maxDurationMs: 1000 },
        { executor: 'shared-iterations', vus: 1, iterations: 3, maxDurationMs: 1000 },
        { executor: 'shared-iterations', vus: 1, iterations: 3, maxDurationMs: 1000 },
        undefined,
      ],
    );
    // A rate of 2/s spreads over 2 shards however many VUs there are; 2 maxVUs limit a rate of 10/s to 2 shards.
    assert.deepEqual(slices({ executor: 'constant-arrival-rate', rate: 2, timeUnitMs: 1000, durationMs: 1000, preAllocatedVUs: 8, maxVUs: 8 }, 4), [
      true,
      true,
      false,
      false,
    ]);
    assert.deepEqual(slices({ executor: 'constant-arrival-rate', rate: 10, timeUnitMs: 1000, durationMs: 1000, preAllocatedVUs: 2, maxVUs: 2 }, 4), [
      true,
      true,
      false,
      false,
    ]);
    assert.equal(
      shardsWithLoad({
        executor: 'ramping-arrival-rate',
        startRate: 0,
        timeUnitMs: 1000,
        stages: [{ durationMs: 1000, target: 3 }],
        preAllocatedVUs: 1,
        maxVUs: 10,
      }),
      3,
    );
  });

  it('slices of many random scenarios sum exactly to the original for 1 to 12 shards, and each slice passes the scenario validation', () => {
    // Slices repeat across shard counts (one VU of five over 5 or 12 shards): each is validated once.
    const validated = new Set<string>();
    for (const config of randomConfigs(7, 12)) {
      for (let count = 1; count <= 12; count++) {
        const slices = shards(count).map((s) => shardExecutor(config, s));
        const sums = loadNumbers(config, config).map((_, k) => slices.reduce((sum, slice) => sum + loadNumbers(slice, config)[k], 0));
        assert.deepEqual(sums, loadNumbers(config, config), `${JSON.stringify(config)} over ${count}`);
        assert.ok(slices[0] !== undefined, 'the first shard always gets a part');
        const running = slices.filter((slice) => slice !== undefined);
        assert.equal(running.length, Math.min(count, shardsWithLoad(config)), `${config.executor} over ${count}`);
        // Shards with a part come first: the lowest indexes.
        assert.ok(slices.slice(0, running.length).every((slice) => slice !== undefined));
        for (const slice of running) {
          // Everything but the split numbers is kept.
          assert.equal(slice.executor, config.executor);
          const yaml = asYaml(slice);
          if (!validated.has(yaml)) {
            assert.doesNotThrow(() => parse(yaml), `${JSON.stringify(slice)} (shard of ${JSON.stringify(config)} over ${count})`);
            validated.add(yaml);
          }
          const peak = loadNumbers(slice, config);
          assert.ok(
            peak.some((n) => n > 0),
            'a running slice carries load',
          );
        }
      }
    }
  });

  it('one shard of one is the whole scenario', () => {
    for (const config of randomConfigs(11, 3)) assert.deepEqual(shardExecutor(config, { index: 1, count: 1 }), config);
  });

  it('refuses a shard outside 1 ≤ i ≤ n', () => {
    const config: ExecutorConfig = { executor: 'constant-vus', vus: 4, durationMs: 1000 };
    for (const bad of [
      { index: 0, count: 2 },
      { index: 3, count: 2 },
      { index: 1, count: 0 },
      { index: 1.5, count: 2 },
    ]) {
      assert.throws(() => shardExecutor(config, bad), ShardError);
    }
  });
});

describe('parseShard', () => {
  it('reads i/n', () => {
    assert.deepEqual(parseShard('2/4'), { index: 2, count: 4 });
    assert.deepEqual(parseShard('1/1'), { index: 1, count: 1 });
  });

  it('refuses anything else, saying what is expected', () => {
    for (const bad of ['0/4', '5/4', '1/0', '2', '2/4/8', '-1/4', 'a/b', '', ' 2/4', '2.5/4']) {
      assert.throws(() => parseShard(bad), { name: 'ShardError', message: `shard must be i/n with 1 ≤ i ≤ n (e.g. 2/4), got ${JSON.stringify(bad)}` });
    }
  });
});

describe('shardScenario', () => {
  const scenario = parse(`scenarios:
  big:
    executor: constant-vus
    vus: 5
    duration: 1s
    flow: [{ ping: {} }]
  small:
    executor: per-vu-iterations
    vus: 1
    iterations: 3
    flow: [{ ping: {} }]
`);

  it('runs each scenario slice, leaves out the scenarios a shard gets no part of, and keeps hash and echo of the whole', () => {
    const first = shardScenario(scenario, { index: 1, count: 2 });
    const second = shardScenario(scenario, { index: 2, count: 2 });
    assert.deepEqual(
      first.scenarios.map((s) => [s.name, 'vus' in s ? s.vus : undefined]),
      [
        ['big', 3],
        ['small', 1],
      ],
    );
    assert.deepEqual(
      second.scenarios.map((s) => [s.name, 'vus' in s ? s.vus : undefined]),
      [['big', 2]],
    );
    assert.equal(second.scenarios[0].flow, scenario.scenarios[0].flow, 'the flow is the same');
    assert.equal(second.hash, scenario.hash);
    assert.deepEqual(second.toEcho(), scenario.toEcho());
    assert.equal(scenario.scenarios.length, 2, 'the scenario itself is untouched');
  });

  it('refuses a shard that gets no load at all, saying how many shards the file supports', () => {
    assert.throws(() => shardScenario(scenario, { index: 6, count: 6 }), {
      name: 'ShardError',
      message: /^shard 6\/6 gets no part of scenario\.yml: its load splits over at most 5 shards .*--shard i\/5 or fewer shards$/,
    });
  });
});
