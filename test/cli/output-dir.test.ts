import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import type { RunningServer } from '../helpers/servers.ts';
import { startScriptedServer, textResult } from '../mcp/scripted-server.ts';

describe('mcp-load run --out: results are never lost', () => {
  let server: RunningServer;
  let dir: string;
  let calls = 0;
  /** Runs once, in the server, when the first tool call arrives: the load is under way. */
  let onFirstCall: (() => void) | undefined;
  let file: string;

  before(async () => {
    server = await startScriptedServer((request, res) => {
      calls++;
      onFirstCall?.();
      onFirstCall = undefined;
      res.writeHead(200, { 'content-type': 'application/json' }).end(textResult(request.id, 'ok'));
    });
    dir = mkdtempSync(join(tmpdir(), 'mcp-load-out-'));
    file = join(dir, 'one.yml');
    writeFileSync(
      file,
      `target: ${server.url}\nscenarios:\n  s:\n    executor: per-vu-iterations\n    vus: 1\n    iterations: 2\n    flow: [{ call: echo }]\n`,
    );
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const refusedBeforeTheLoad = async (out: string, message: RegExp): Promise<void> => {
    const before = calls;
    const run = await runCli(['run', file, '--out', out, '--quiet']);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, message);
    assert.equal(calls, before, 'no load was run');
  };

  it('a file as --out is refused before the load, saying what to give instead', async () => {
    const plain = join(dir, 'a-file');
    writeFileSync(plain, 'x');
    await refusedBeforeTheLoad(plain, /^mcp-load: --out .*a-file: is a file, not a directory; give --out a directory/m);
  });

  it('a directory below a file is refused before the load', async () => {
    const plain = join(dir, 'another-file');
    writeFileSync(plain, 'x');
    await refusedBeforeTheLoad(join(plain, 'results'), /--out .*another-file\/results: a part of this path is a file/);
  });

  it('--out /proc/self/x is refused at once instead of hanging', async () => {
    await refusedBeforeTheLoad('/proc/self/x', /--out \/proc\/self\/x: cannot create this directory \(no such file or directory\)/);
  });

  it('when --out cannot be written at the end, the summary is printed and the files go to a temporary directory that is named', async () => {
    const out = join(dir, 'vanishing');
    // After the probe, while the load runs, the directory becomes a file.
    onFirstCall = () => {
      rmSync(out, { recursive: true, force: true });
      writeFileSync(out, 'in the way');
    };
    const run = await runCli(['run', file, '--out', out, '--quiet']);
    assert.equal(run.code, 1, run.stderr);
    assert.ok(run.stdout.includes('█ TOTAL RESULTS'), run.stdout);
    const fallback = /writing them to (\S+) instead/.exec(run.stderr)?.[1];
    assert.ok(fallback, run.stderr);
    assert.match(run.stderr, /could not write the results: --out .*vanishing: is a file/);
    try {
      assert.deepEqual(readdirSync(fallback).sort(), ['report.html', 'result.json', 'summary.md']);
      assert.ok(run.stdout.includes(`written: ${join(fallback, 'result.json')}`));
      const result = JSON.parse(readFileSync(join(fallback, 'result.json'), 'utf8'));
      const toolCalls = result.metrics.metrics.find(
        (m: { metric: string; tags: Record<string, string> }) => m.metric === 'mcp_calls' && m.tags.tool === 'echo',
      );
      assert.equal(toolCalls.summary.count, 2);
    } finally {
      rmSync(fallback, { recursive: true, force: true });
    }
  });

  it('a missing --out directory and its parents are created, and the probe leaves nothing behind', async () => {
    const out = join(dir, 'new', 'deeper');
    const run = await runCli(['run', file, '--out', out, '--quiet']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(readdirSync(out).sort(), ['report.html', 'result.json', 'summary.md']);
    assert.ok(!existsSync(join(dir, 'new', '.mcp-load-write-probe')));
  });
});
