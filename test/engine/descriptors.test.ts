import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkDescriptorBudget, DescriptorBudgetError } from '../../src/engine/descriptor-budget.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import type { RunningServer } from '../helpers/servers.ts';
import { startScriptedServer, textResult } from '../mcp/scripted-server.ts';
import { TYPESCRIPT_FLAGS } from '../helpers/typescript-child.ts';

const CHILD = fileURLToPath(new URL('../fixtures/descriptor-starved-run.ts', import.meta.url));
// Only a hang's limit (the run's own bound is its elapsedMs): a child's start-up alone can take
// 15 s on a loaded 2-core machine.
const CHILD_TIMEOUT_MS = 60_000;

function vus(n: number, transport = 'auto') {
  return parseScenario(
    `transport: ${transport}\nscenarios:\n  s:\n    executor: constant-vus\n    vus: ${n}\n    duration: 1s\n    flow:\n      - ping: {}\n`,
    'fd.yml',
    { env: {} },
  );
}

/** Runs the fixture under `ulimit -n LIMIT`; resolves with its JSON line, or rejects when it outlives its bound. */
function runStarved(limit: number, mode: 'budget' | 'emfile', url: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'bash',
      ['-c', `ulimit -n ${limit} && exec "${process.execPath}" ${TYPESCRIPT_FLAGS.map((f) => `"${f}"`).join(' ')} "${CHILD}" ${mode} ${url}`],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0)
        return reject(
          new Error(
            `child ended with ${code ?? signal}${signal === 'SIGKILL' ? ` (hung past ${CHILD_TIMEOUT_MS} ms)` : ''}; stdout: ${stdout.slice(-1000)}; stderr: ${stderr.slice(-2000)}`,
          ),
        );
      resolve(JSON.parse(line) as Record<string, unknown>);
    });
  });
}

describe("file descriptors: the generator's own limit", () => {
  it('refuses up front a VU count that cannot fit the limit, with the numbers', () => {
    assert.throws(
      () => checkDescriptorBudget(vus(3000), false, { limit: 1024, inUse: 20 }),
      (err: Error) =>
        err instanceof DescriptorBudgetError &&
        err.message ===
          'the scenario runs up to 3000 VUs at once, which need about 3064 file descriptors (1 per VU and 64 in reserve), ' +
            'but this process may open 1024 (ulimit -n) and already has 20 open: about 940 VUs fit. ' +
            'Raise the limit (ulimit -n 3084), lower the VUs, or split the load over processes or machines (--shard i/n).',
    );
  });

  it('counts two descriptors per VU for the legacy transport, and accepts what fits', () => {
    assert.doesNotThrow(() => checkDescriptorBudget(vus(940), false, { limit: 1024, inUse: 20 }));
    assert.throws(() => checkDescriptorBudget(vus(940, 'sse'), false, { limit: 1024, inUse: 20 }), /2 per VU/);
    assert.throws(() => checkDescriptorBudget(vus(600), true, { limit: 1024, inUse: 20 }), /2 per VU/);
  });

  // The refused run ends during its start-up, before the other child's timed run begins: side by side.
  describe('in a child process under a lowered ulimit -n', { concurrency: true }, () => {
    let server: RunningServer;
    before(async () => {
      server = await startScriptedServer((request, res) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(textResult(request.id, 'echo'));
      });
    });
    after(() => server.stop());

    it('ulimit -n 256 and 3000 VUs: the run is refused before it starts', async () => {
      const out = await runStarved(256, 'budget', server.url);
      assert.equal(out.refused, true);
      // Loading the scenario refuses it first (with file:line); the engine's own check is the library's guard.
      assert.ok(out.name === 'ScenarioError' || out.name === 'DescriptorBudgetError', String(out.name));
      assert.match(String(out.message), /may open (only )?256 (files )?\(ulimit -n\)/);
    });

    it('descriptors used up mid-run: EMFILE is the generator class (never transport), timers still run, and the run ends on time', async () => {
      const out = await runStarved(256, 'emfile', server.url);
      assert.ok(Number(out.held) > 0, 'the child used up its descriptors');
      assert.ok(Number(out.generator) > 0, JSON.stringify(out));
      assert.equal(out.transport, 0, JSON.stringify(out));
      // Stopped by a timer at 1.2 s, then gracefulStop (0.5 s) at most: a starved loop would never see the timer.
      assert.ok(Number(out.elapsedMs) < 1200 + 500 + 1500, JSON.stringify(out));
    });
  });
});
