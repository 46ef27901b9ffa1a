// `mcp-load run --workers N` as a user runs it, against a server that counts what it receives.
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, runShippedCli } from '../helpers/cli.ts';
import { builtCli } from '../helpers/fresh-dist.ts';
import { startCountingServer, type CountingServer } from '../helpers/counting-server.ts';

type Series = { metric: string; type: string; tags: Record<string, string>; summary: Record<string, number> };
type ResultJson = {
  environment: { workers?: number; workerMode?: string };
  shard?: unknown;
  mergedShards?: number;
  interrupted?: string;
  warnings: string[];
  metrics: { metrics: Series[] };
};

const read = (file: string): ResultJson => JSON.parse(readFileSync(file, 'utf8')) as ResultJson;
const untagged = (r: ResultJson, metric: string): Record<string, number> =>
  r.metrics.metrics.find((m) => m.metric === metric && Object.keys(m.tags).length === 0)!.summary;

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'mcp-load-workers-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const scenario = (server: CountingServer, body: string): string => {
  const file = join(dir, `s${Math.random().toString(36).slice(2)}.yml`);
  writeFileSync(file, `target: ${server.url}\n${body}`);
  return file;
};

// Every 4th call the server receives takes 500 ms, the others 20 ms: p50 sits at 20 ms, p90 at 500
// ms, classes far enough apart that a loaded neighbour's stalls cannot move a percentile across.
const callDelayMs = (n: number): number => (n % 4 === 0 ? 500 : 20);
const SPLIT_LOAD = `scenarios:
  agents:
    executor: per-vu-iterations
    vus: 4
    iterations: 8
    flow:
      - call: wait
`;

/** 4 VUs for a minute, which the signal tests cut short. */
const INTERRUPTED_LOAD = `scenarios:
  agents:
    executor: constant-vus
    vus: 4
    duration: 60s
    gracefulStop: 1s
    flow:
      - call: wait
        args: { ms: 20 }
`;

/** The load as two shards, one after the other, merged: what either worker mode's run must equal. Run once. */
let shardsMerged: Promise<{ result: ResultJson; calls: number; probes: number }> | undefined;
function mergedShards(): Promise<{ result: ResultJson; calls: number; probes: number }> {
  shardsMerged ??= (async () => {
    const server = await startCountingServer({ callDelayMs });
    try {
      const file = scenario(server, SPLIT_LOAD);
      // One after the other: in this process, side by side, they would share one event loop with the server.
      for (const i of [1, 2]) {
        const shard = await runCli(['run', file, '--shard', `${i}/2`, '--workers', '1', '--out', join(dir, `shard-${i}`), '--quiet']);
        assert.equal(shard.code, 0, shard.stderr);
      }
      const merge = await runCli(['merge', join(dir, 'shard-1', 'result.json'), join(dir, 'shard-2', 'result.json'), '--out', join(dir, 'merged')]);
      assert.equal(merge.code, 0, merge.stderr);
      return { result: read(join(dir, 'merged', 'result.json')), calls: server.calls(), probes: server.probes() };
    } finally {
      await server.stop();
    }
  })();
  return shardsMerged;
}

// Threads and child processes carry the same protocol: every behaviour holds in both modes. The
// runs use the CLI as shipped (dist/cli.cjs and dist/worker.cjs built from these sources): the same
// code, without each worker loading the sources one module at a time.
for (const mode of ['thread', 'process'] as const)
  describe(`mcp-load run --workers --worker-mode ${mode}`, () => {
    it('two workers and the same load as two merged shards: the counts the server saw, and the same latency percentiles', async () => {
      const viaWorkers = await startCountingServer({ callDelayMs });
      try {
        const workers = await runShippedCli([
          'run',
          scenario(viaWorkers, SPLIT_LOAD),
          '--workers',
          '2',
          '--worker-mode',
          mode,
          '--out',
          join(dir, `workers-${mode}`),
          '--quiet',
        ]);
        assert.equal(workers.code, 0, workers.stderr);
        const shards = await mergedShards();

        const w = read(join(dir, `workers-${mode}`, 'result.json'));
        const m = shards.result;
        // Ground truth: the servers' own counts, 4 VUs × 8 iterations, one session each.
        assert.equal(viaWorkers.calls(), 32);
        assert.equal(shards.calls, 32);
        assert.equal(viaWorkers.sessions(), 4);
        assert.equal(viaWorkers.deletes(), 4);
        // One server/discover probe for the whole load, as one process sends (worker 1 asks, worker 2 is told);
        // two shards are two processes, and each probes.
        assert.equal(viaWorkers.probes(), 1);
        assert.equal(shards.probes, 2);
        for (const metric of ['mcp_calls', 'iterations']) assert.equal(untagged(w, metric).count, untagged(m, metric).count, metric);
        assert.equal(untagged(w, 'http_reqs').count, untagged(m, 'http_reqs').count - 1, "http_reqs: the shards' second probe");
        assert.equal(untagged(w, 'mcp_calls').count, 32);
        assert.equal(untagged(w, 'mcp_call_duration').count, 32);
        for (const r of [w, m]) {
          const d = untagged(r, 'mcp_call_duration');
          // Never below the server's own delay; the upper bounds keep the classes apart on a loaded machine.
          assert.ok(d.p50 >= 20 && d.p50 < 500, `p50 ${d.p50} ms is the 20 ms class`);
          assert.ok(d.p90 >= 500 && d.p90 < 2500, `p90 ${d.p90} ms is the 500 ms class`);
        }
        // A one-process run but for environment: no shard, nothing merged, the worker count recorded.
        assert.equal(w.environment.workers, 2);
        assert.equal(w.environment.workerMode, mode);
        assert.equal(w.shard, undefined);
        assert.equal(w.mergedShards, undefined);
        assert.equal(untagged(w, 'vus_max').value, 4);
      } finally {
        await viaWorkers.stop();
      }
    });

    it("a terminal's Ctrl-C reaches the whole process group, workers included: they stop only as the parent tells them, and every session is closed", async () => {
      const server = await startCountingServer();
      try {
        const file = scenario(server, INTERRUPTED_LOAD);
        const out = join(dir, `group-sigint-${mode}`);
        // Its own process group, as a terminal's foreground job: a signal to -pid reaches the CLI and its worker processes.
        const child = spawn(process.execPath, [await builtCli(), 'run', file, '--workers', '2', '--worker-mode', mode, '--out', out], {
          detached: true,
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        let sent = false;
        child.stderr!.on('data', (d) => {
          stderr += d;
          if (!sent && /calls=[1-9]/.test(stderr)) {
            sent = true;
            process.kill(-child.pid!, 'SIGINT');
          }
        });
        const killer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 60_000);
        const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
        clearTimeout(killer);
        assert.ok(sent, `progress was shown: ${stderr}`);
        assert.equal(code, 130, stderr);
        const result = read(join(out, 'result.json'));
        assert.equal(result.interrupted, 'signal');
        // Ground truth: the server saw every session ended, so no worker died of the signal.
        assert.equal(server.sessions(), 4);
        assert.equal(server.deletes(), 4);
      } finally {
        await server.stop();
      }
    });

    it('on SIGINT every worker stops gracefully and closes its sessions; the result is written, exit 130', async () => {
      const server = await startCountingServer();
      try {
        const file = scenario(server, INTERRUPTED_LOAD);
        let sent = false;
        const run = await runShippedCli(['run', file, '--workers', '2', '--worker-mode', mode, '--out', join(dir, `sigint-${mode}`)], (stderr, child) => {
          if (!sent && /running .*calls=[1-9]/.test(stderr)) {
            sent = true;
            child.kill('SIGINT');
          }
        });
        assert.ok(sent, `progress was shown: ${run.stderr}`);
        assert.equal(run.code, 130, run.stderr);
        // One progress line for the whole: the 4 VUs of both workers.
        assert.match(run.stderr, /running .*vus=4 /);
        const result = read(join(dir, `sigint-${mode}`, 'result.json'));
        assert.equal(result.interrupted, 'signal');
        assert.equal(result.environment.workers, 2);
        // Every session of both workers was ended; a call cut short is the server's but not counted.
        assert.equal(server.sessions(), 4);
        assert.equal(server.deletes(), 4);
        const calls = untagged(result, 'mcp_calls').count;
        assert.ok(calls <= server.calls() && calls >= server.calls() - 4, `${calls} counted of the ${server.calls()} the server received`);
      } finally {
        await server.stop();
      }
    });

    it('abortOnFail judges the whole load: a count no single worker reaches stops both', async () => {
      const server = await startCountingServer();
      try {
        // 2 VUs × 50 calls of 200 ms; each worker alone makes 50 calls, the whole reaches 60 after
        // about 6 s and would make 100 by 10 s: the stop has 4 s to land on a loaded machine.
        const file = scenario(
          server,
          `scenarios:
  agents:
    executor: per-vu-iterations
    vus: 2
    iterations: 50
    flow:
      - call: wait
        args: { ms: 200 }
thresholds:
  mcp_calls:
    - { threshold: "count<60", abortOnFail: true }
`,
        );
        const run = await runShippedCli(['run', file, '--workers', '2', '--worker-mode', mode, '--out', join(dir, `abort-${mode}`), '--quiet']);
        assert.equal(run.code, 99, run.stderr);
        const result = read(join(dir, `abort-${mode}`, 'result.json'));
        assert.equal(result.interrupted, 'threshold');
        assert.ok(server.calls() >= 60 && server.calls() < 100, `stopped early: the server received ${server.calls()} of 100 calls`);
        assert.equal(server.deletes(), 2);
      } finally {
        await server.stop();
      }
    });
  });

describe('mcp-load run --worker-mode', () => {
  it('is thread or process: anything else is a usage error that names the choices', async () => {
    const run = await runCli(['run', 'examples/quickstart.yml', '--worker-mode', 'fork', '--quiet']);
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /--worker-mode must be thread or process, got "fork"/);
  });
});
