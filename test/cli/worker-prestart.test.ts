// Worker threads started before the CLI parses anything (src/cli/index.ts, engine/workers/prestart.ts):
// how many a run's arguments call for, and runs whose scenario needs fewer, or fails, as a user runs them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scenarioHints, threadsToPrestart } from '../../src/cli/worker-prestart.ts';
import { runShippedCli } from '../helpers/cli.ts';
import { startCountingServer, type CountingServer } from '../helpers/counting-server.ts';

/** A scenario file's text by its name, as the CLI would read it; any other name cannot be read. */
const files: Record<string, string> = {
  's.yml': 'scenarios:\n  a:\n    vus: 8\n',
  'target.yml': '# a preview deployment\ntarget: http://127.0.0.1:1/mcp\nscenarios:\n  a:\n    vus: 8\n',
  'target-workers.yml': 'target: http://127.0.0.1:1/mcp\nworkers: 3 # of 4 cores\nscenarios:\n  a:\n    vus: 8\n',
  'one-worker.yml': 'target: http://127.0.0.1:1/mcp\nworkers: 1\nscenarios:\n  a:\n    vus: 8\n',
};
const readFile = (file: string): string => {
  const text = files[file];
  if (text === undefined) throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
  return text;
};
const threads = (argv: string[], cores: number): number => threadsToPrestart(argv, cores, readFile);

describe('worker threads to start before the scenario is parsed', () => {
  it('a run with a target: one per core, or --workers N, less the one whose slice the parent runs', () => {
    assert.equal(threads(['run', 's.yml', '--workers', '3', '--target', 'http://127.0.0.1:1/mcp'], 2), 2);
    assert.equal(threads(['run', 's.yml', '--workers=4', '--target', 'http://127.0.0.1:1/mcp'], 2), 3);
    assert.equal(threads(['run', 's.yml', '--target', 'http://127.0.0.1:1/mcp'], 4), 3);
  });

  it('the target and workers: in the file count as the flags do; the flags win', () => {
    assert.equal(threads(['run', 'target.yml'], 4), 3);
    assert.equal(threads(['run', 'target.yml'], 2), 1);
    assert.equal(threads(['run', 'target-workers.yml'], 4), 2);
    assert.equal(threads(['run', 'target-workers.yml', '--workers', '4'], 2), 3);
    assert.equal(threads(['run', 'one-worker.yml'], 4), 0);
  });

  it('without a target every slice is a thread’s (the demo server runs in the parent and keeps a core)', () => {
    assert.equal(threads(['run', 's.yml'], 4), 3);
    assert.equal(threads(['run', 's.yml', '--workers', '3'], 2), 3);
    assert.equal(threads(['run', 's.yml'], 2), 0, 'one worker: no thread');
  });

  it('none where the run uses one worker: --workers 1, one core', () => {
    assert.equal(threads(['run', 'target.yml', '--workers', '1'], 4), 0);
    assert.equal(threads(['run', 's.yml', '--target', 'http://127.0.0.1:1/mcp'], 1), 0);
  });

  it('none for child processes, anything but run, help, and arguments main refuses; a file it cannot read', () => {
    assert.equal(threads(['run', 'target.yml', '--workers', '2', '--worker-mode', 'process'], 4), 0);
    for (const argv of [
      ['demo', '--workers', '2'],
      ['report', 'r.json'],
      ['run', '--help', '--workers', '2'],
      ['run', 's.yml', '--workers', 'two'],
      ['run', 's.yml', '--nope'],
      ['run', 'missing.yml'],
      ['run'],
    ])
      assert.equal(threads(argv, 4), 0, argv.join(' '));
  });

  it('hints are top-level lines only: a nested target:, a commented one, or workers: that is not a number say nothing', () => {
    assert.deepEqual(scenarioHints('target: ${TARGET}\nworkers: 2\n'), { target: true, workers: 2 });
    assert.deepEqual(scenarioHints('target:   http://x\r\nworkers:\t6\r\n'), { target: true, workers: 6 });
    assert.deepEqual(scenarioHints('scenarios:\n  a:\n    target: http://x\n    workers: 2\n# target: http://y\n'), { target: false });
    assert.deepEqual(scenarioHints('workers: ${N}\ntargets: []\n'), { target: false });
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
