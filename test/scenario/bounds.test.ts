import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFileLimit } from '../../src/scenario/limits.ts';
import { builtCli } from '../helpers/fresh-dist.ts';
import { errorsOf, parse, withScenario } from './support.ts';

const target = 'target: http://127.0.0.1:3000/mcp\n';

describe('input is bounded when the scenario is loaded, each bad value at file:line:col with what to do', () => {
  it('vus: 1e7 is refused, naming the per-process maximum and --shard', () => {
    assert.deepEqual(errorsOf(withScenario('executor: constant-vus\nvus: 1e7\nduration: 10s\nflow: [{ ping: {} }]')), [
      'scenario.yml:4:10: scenarios.s.vus: must be at most 50000, got 10000000; one mcp-load process drives at most that many VUs; split the load over machines with --shard i/n',
    ]);
  });

  it('a ramping-vus stage target, maxVUs and an arrival rate above the maxima are refused at their own lines', () => {
    const errors = errorsOf(`scenarios:
  ramp:
    executor: ramping-vus
    stages: [{ duration: 10s, target: 60000 }]
    flow: [{ ping: {} }]
  open:
    executor: constant-arrival-rate
    rate: 200
    timeUnit: 1ms
    duration: 10s
    preAllocatedVUs: 10
    maxVUs: 90000
    flow: [{ ping: {} }]
`);
    assert.equal(errors.length, 3, errors.join('\n'));
    assert.match(errors[0], /^scenario\.yml:4:39: scenarios\.ramp\.stages\[0\]\.target: must be at most 50000, got 60000/);
    assert.match(
      errors[1],
      /^scenario\.yml:8:11: scenarios\.open\.rate: 200 per 1 ms is 200000 iterations\/s; one mcp-load process starts at most 100000\/s: split the load over machines with --shard i\/n$/,
    );
    assert.match(errors[2], /^scenario\.yml:12:13: scenarios\.open\.maxVUs: must be at most 50000, got 90000/);
  });

  it('a duration longer than 24 h is refused, with what to do', () => {
    assert.deepEqual(errorsOf(withScenario('executor: constant-vus\nvus: 1\nduration: 100h\nflow: [{ ping: {} }]')), [
      'scenario.yml:5:15: scenarios.s.duration: must be at most 24h, got 100h; for a longer soak, run several tests one after another',
    ]);
  });

  it('more VUs than the open-file limit allows are refused at the largest scenario, naming ulimit -n; a shard needs only its share', () => {
    const text = `${target}${withScenario('executor: constant-vus\nvus: 2000\nduration: 10s\nflow: [{ ping: {} }]')}`;
    assert.deepEqual(errorsOf(text, { openFileLimit: 1024 }), [
      'scenario.yml:5:10: scenarios.s.vus: 2000 VUs need up to 2000 connections, but this process may open only 1024 files (ulimit -n), 64 of them for itself; raise the limit (ulimit -n 2064), lower the VUs, or split the load with --shard i/n',
    ]);
    assert.equal(parse(text, { openFileLimit: 1024, shardCount: 4 }).scenarios[0].executor, 'constant-vus');
  });

  it('reads the soft open-file limit of this process (Linux), and none where it is unlimited', () => {
    assert.equal(
      openFileLimit(() => 'Max cpu time   unlimited  unlimited  seconds\nMax open files            1024                 524288               files\n'),
      1024,
    );
    assert.equal(
      openFileLimit(() => 'Max open files            unlimited            unlimited            files\n'),
      undefined,
    );
    const shell = spawnSync('sh', ['-c', 'ulimit -n 300 && exec cat /proc/self/limits'], { encoding: 'utf8' });
    if (shell.status === 0)
      assert.equal(
        openFileLimit(() => shell.stdout),
        300,
      );
  });

  it('the CLI refuses, before any load, what the real ulimit -n cannot carry', {
    timeout: 30_000,
    skip: !existsSync('/proc/self/limits') && 'the limit is read from /proc (Linux)',
  }, async () => {
    const cli = await builtCli();
    const dir = mkdtempSync(join(tmpdir(), 'mcp-load-ulimit-'));
    try {
      const file = join(dir, 'big.yml');
      writeFileSync(file, `${target}${withScenario('executor: constant-vus\nvus: 1000\nduration: 10s\nflow: [{ ping: {} }]')}`);
      const run = spawnSync('sh', ['-c', `ulimit -n 256 && exec "${process.execPath}" "${cli}" run "${file}" --quiet`], {
        encoding: 'utf8',
        timeout: 90_000,
      });
      assert.equal(run.status, 1, run.stderr);
      assert.match(
        run.stderr,
        // The CLI leaves the check to the pre-flight, which knows whether worker processes (each its own limit) would hold the load.
        /runs up to 1000 VUs at once, which need about 1064 file descriptors \(1 per VU and 64 in reserve\), but this process may open 256 \(ulimit -n\).* --workers 7 --worker-mode process /,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a YAML alias bomb is refused at its first alias instead of expanding', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const name = String.fromCharCode(97 + i);
      levels.push(
        `${name}: &${name} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    }
    const started = performance.now();
    const errors = errorsOf(`${levels.join('\n')}\n`);
    assert.deepEqual(errors, ['scenario.yml:2:8: aliases expand beyond 100 copies (a YAML alias bomb?); write the repeated values out, or nest fewer aliases']);
    assert.ok(performance.now() - started < 2_000);
  });

  it('a few shared blocks by alias still load', () => {
    const scenario = parse(`scenarios:
  a: &base
    executor: per-vu-iterations
    flow: [{ ping: {} }]
  b: *base
`);
    assert.deepEqual(
      scenario.scenarios.map((s) => s.name),
      ['a', 'b'],
    );
  });

  it('ports 0 and 65536 are refused with a message that says port', () => {
    for (const port of [0, 65536]) {
      assert.deepEqual(errorsOf(`target: http://127.0.0.1:${port}/mcp\n${withScenario('executor: per-vu-iterations\nflow: [{ ping: {} }]')}`), [
        `scenario.yml:1:9: target: "http://127.0.0.1:${port}/mcp": port ${port} is out of range; a port is 1 to 65535`,
      ]);
    }
  });
});
