// The bundle's V8 code cache (src/code-cache.ts, installed by src/cli/bin.ts and the worker's
// src/engine/workers/worker-bin.ts): a first run writes one for the CommonJS files it compiled,
// the next compiles them with it (V8 accepts it: nothing is written again), a cache V8 rejects is
// written anew, MCP_LOAD_CODE_CACHE=off writes none; each run makes exactly its calls.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freshDist } from '../helpers/fresh-dist.ts';
import { startCountingServer, type CountingServer } from '../helpers/counting-server.ts';

const run = promisify(execFile);

describe('the CLI’s code cache', () => {
  let work: string;
  let dist: string;
  let server: CountingServer;
  let scenario: string;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'mcp-load-code-cache-'));
    [dist, server] = await Promise.all([freshDist(), startCountingServer()]);
    scenario = join(work, 'two.yml');
    writeFileSync(scenario, 'scenarios:\n  once:\n    executor: per-vu-iterations\n    vus: 2\n    iterations: 1\n    flow:\n      - call: echo\n');
  });
  after(async () => {
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  /** Runs the bundled CLI with its cache under `home`; asserts the run's two calls. */
  async function runWithCache(home: string, env: NodeJS.ProcessEnv = {}, workers = '1'): Promise<void> {
    const calls = server.calls();
    await run(process.execPath, [join(dist, 'cli.cjs'), 'run', scenario, '--target', server.url, '--workers', workers, '--quiet', '--out', join(work, 'out')], {
      env: { ...process.env, XDG_CACHE_HOME: home, ...env },
      timeout: 60_000,
    });
    assert.equal(server.calls() - calls, 2, 'the run made its two calls');
  }

  /** The one build folder under the cache, and its files with their inode numbers. */
  function cacheFiles(home: string): { folder: string; files: Map<string, number> } {
    const root = join(home, 'mcp-load', 'code-cache');
    const folders = readdirSync(root);
    assert.equal(folders.length, 1, `one build's cache: ${folders.join(', ')}`);
    const folder = join(root, folders[0]);
    return { folder, files: new Map(readdirSync(folder).map((f) => [f, statSync(join(folder, f)).ino])) };
  }

  it('written by a first run, for the CLI’s files it compiled; the next run uses it and writes none of them again', async () => {
    const home = join(work, 'warm');
    await runWithCache(home);
    const first = cacheFiles(home);
    assert.ok(first.files.has('cli-main.cjs.v8'), [...first.files.keys()].join(', '));
    assert.ok([...first.files.keys()].filter((f) => /^chunk-[A-Z0-9]+\.cjs\.v8$/.test(f)).length >= 5, 'the chunks a run loads are cached');
    await runWithCache(home);
    const second = cacheFiles(home);
    for (const [file, inode] of first.files) assert.equal(second.files.get(file), inode, `${file} was written again: V8 rejected it`);
  });

  it('with workers: each worker’s one file (worker-main.cjs) is cached too, by the workers, and the next run uses it', async () => {
    const home = join(work, 'workers');
    await runWithCache(home, {}, '2');
    const first = cacheFiles(home);
    assert.ok(first.files.has('worker-main.cjs.v8'), [...first.files.keys()].join(', '));
    await runWithCache(home, {}, '2');
    assert.equal(cacheFiles(home).files.get('worker-main.cjs.v8'), first.files.get('worker-main.cjs.v8'), 'not written again: V8 accepted it');
  });

  it('a cache V8 rejects (its bytes changed) is written anew, and the run is as without it', async () => {
    const home = join(work, 'rejected');
    await runWithCache(home);
    const { folder, files } = cacheFiles(home);
    const file = join(folder, 'cli-main.cjs.v8');
    const size = statSync(file).size;
    writeFileSync(file, Buffer.alloc(size));
    await runWithCache(home);
    assert.notEqual(statSync(file).ino, files.get('cli-main.cjs.v8'), 'written anew');
    assert.ok(
      readFileSync(file).some((byte) => byte !== 0),
      'with V8’s code',
    );
  });

  it('the caches of other builds and Node versions are removed when this one is written', async () => {
    const home = join(work, 'upgraded');
    const stale = join(home, 'mcp-load', 'code-cache', '0123456789abcdef-v8-0.0-x64');
    mkdirSync(stale, { recursive: true });
    writeFileSync(join(stale, 'cli-main.cjs.v8'), 'old');
    await runWithCache(home);
    assert.ok(!existsSync(stale), 'the stale cache is gone');
    assert.ok(cacheFiles(home).files.has('cli-main.cjs.v8'));
  });

  it('a cache folder others may write to is neither read nor written: its code would run as this user’s', async () => {
    const home = join(work, 'shared');
    await runWithCache(home);
    const { folder, files } = cacheFiles(home);
    const file = join(folder, 'cli-main.cjs.v8');
    writeFileSync(file, Buffer.alloc(statSync(file).size));
    const inode = statSync(file).ino;
    chmodSync(folder, 0o777);
    await runWithCache(home);
    assert.equal(statSync(file).ino, inode, 'not written again');
    assert.ok(
      !readFileSync(file).some((byte) => byte !== 0),
      'still the zeros: never read as a cache, or V8 would have rejected it and it would be written anew',
    );
    assert.equal(files.get('cli-main.cjs.v8'), inode, 'the zeros were written in place');
  });

  it('MCP_LOAD_CODE_CACHE=off: no cache is read or written', async () => {
    const home = join(work, 'off');
    await runWithCache(home, { MCP_LOAD_CODE_CACHE: 'off' });
    assert.ok(!existsSync(join(home, 'mcp-load')));
  });
});
