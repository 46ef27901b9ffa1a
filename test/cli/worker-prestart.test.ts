// Worker threads started before the CLI parses anything (src/cli/index.ts, engine/workers/prestart.ts):
// how many a run's arguments call for, and runs whose scenario needs fewer, or fails, as a user runs them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workersToPrestart } from '../../src/cli/worker-prestart.ts';
import { runShippedCli } from '../helpers/cli.ts';
import { startCountingServer, type CountingServer } from '../helpers/counting-server.ts';

describe('workers to start before the scenario is parsed', () => {
  it('a run: --workers N, else one per core when --target says the run has a server of its own', () => {
    assert.equal(workersToPrestart(['run', 's.yml', '--workers', '3'], 2), 3);
    assert.equal(workersToPrestart(['run', 's.yml', '--workers=4'], 2), 4);
    assert.equal(workersToPrestart(['run', 's.yml', '--target', 'http://127.0.0.1:1/mcp'], 4), 4);
  });

  it('none where the run may use one worker or none: --workers 1, no --target (the demo server keeps a core), one core', () => {
    assert.equal(workersToPrestart(['run', 's.yml', '--workers', '1'], 4), 0);
    assert.equal(workersToPrestart(['run', 's.yml'], 4), 0);
    assert.equal(workersToPrestart(['run', 's.yml', '--target', 'http://127.0.0.1:1/mcp'], 1), 0);
  });

  it('none for child processes, anything but run, help, and arguments main refuses', () => {
    assert.equal(workersToPrestart(['run', 's.yml', '--workers', '2', '--worker-mode', 'process'], 4), 0);
    for (const argv of [
      ['demo', '--workers', '2'],
      ['report', 'r.json'],
      ['run', '--help', '--workers', '2'],
      ['run', 's.yml', '--workers', 'two'],
      ['run', 's.yml', '--nope'],
    ])
      assert.equal(workersToPrestart(argv, 4), 0, argv.join(' '));
  });
});

describe('mcp-load run with worker threads started before the parse', () => {
  let dir: string;
  let server: CountingServer;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mcp-load-prestart-'));
    server = await startCountingServer();
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('--workers 3 starts two threads; a load of two VUs: two workers run it, the parent and one thread (exactly its calls), the other thread ends, the process exits', async () => {
    const file = join(dir, 'two.yml');
    writeFileSync(file, 'scenarios:\n  each:\n    executor: per-vu-iterations\n    vus: 2\n    iterations: 3\n    flow:\n      - call: echo\n');
    const before = server.calls();
    const out = join(dir, 'two');
    const exit = await runShippedCli(['run', file, '--target', server.url, '--workers', '3', '--quiet', '--out', out]);
    assert.equal(exit.code, 0, exit.stderr);
    assert.equal(server.calls() - before, 6);
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as { environment: { workers?: number; workerMode?: string } };
    assert.deepEqual([result.environment.workers, result.environment.workerMode], [2, 'thread']);
    assert.match(exit.stderr, /workers: 3 asked for, 2 used/);
  });

  it('started for a load of one VU: the run is one thread’s, exactly its calls, and the process exits', async () => {
    const file = join(dir, 'one.yml');
    writeFileSync(file, 'scenarios:\n  one:\n    executor: per-vu-iterations\n    vus: 1\n    iterations: 2\n    flow:\n      - call: echo\n');
    const before = server.calls();
    const exit = await runShippedCli(['run', file, '--target', server.url, '--workers', '2', '--quiet', '--out', join(dir, 'one')]);
    assert.equal(exit.code, 0, exit.stderr);
    assert.equal(server.calls() - before, 2);
  });

  it('a scenario with an error: said once (not again by each started thread), exit 1, no request sent', async () => {
    const file = join(dir, 'bad.yml');
    writeFileSync(file, 'scenarios:\n  bad:\n    executor: nope\n    flow:\n      - call: echo\n');
    const before = server.calls();
    const exit = await runShippedCli(['run', file, '--target', server.url, '--workers', '2', '--quiet', '--out', join(dir, 'bad')]);
    assert.equal(exit.code, 1);
    assert.equal(exit.stderr.match(/is not an executor/g)?.length, 1, exit.stderr);
    assert.equal(server.calls() - before, 0);
  });
});
