import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { syntheticRun } from '../compare/synthetic.ts';

const DAY_MS = 86_400_000;

/** Nightly runs as downloaded artifacts: run-N/result.json, one a day, commit sha-N; from `slowFrom` on 35 % slower. */
function writeNightlies(dir: string, count: number, slowFrom: number): void {
  for (let n = 1; n <= count; n++) {
    const result = syntheticRun({
      seed: n,
      steadySeconds: 8,
      callsPerSecond: 40,
      slowdown: n >= slowFrom ? 1.35 : 1,
      sha: `${String(n).padStart(2, '0')}${'a'.repeat(38)}`,
    });
    result.startedAt = new Date(Date.UTC(2026, 10, 1) + n * DAY_MS).toISOString();
    mkdirSync(join(dir, `run-${n}`), { recursive: true });
    writeFileSync(join(dir, `run-${n}`, 'result.json'), JSON.stringify(result));
  }
}

describe('mcp-load history', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mcp-load-history-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const cli = async (args: string[]) => {
    const lines: string[] = [];
    const code = await main(['history', ...args], (l) => lines.push(l));
    return { code, text: lines.join('\n') };
  };

  it('prints the runs in time order and flags the run where p95 shifted, with its magnitude', async () => {
    const nightly = join(dir, 'nightly');
    writeNightlies(nightly, 20, 14);
    const { code, text } = await cli([nightly]);
    assert.equal(code, 0, text);
    const rows = text.split('\n').filter((l) => /^\d+\s+2026-/.test(l));
    assert.equal(rows.length, 20);
    assert.match(rows[0], /^1\s+2026-11-02 00:00\s+01aaaaa\s/);
    assert.match(text, /^⚠ The p95 latency rose from \S+ ms to \S+ ms \(\+3\d\.\d %\) from run 14 of 20 \(2026-11-15, 14aaaaa\) on\.$/m);
    assert.ok(!/change-point|The throughput|error rate (rose|fell)/.test(text.replace(/p95 latency.*/, '')), text);
  });

  it('says so when nothing shifted', async () => {
    const flat = join(dir, 'flat');
    writeNightlies(flat, 12, 99);
    const { code, text } = await cli([flat]);
    assert.equal(code, 0);
    assert.match(text, /no change point in 12 runs/);
  });

  it('exits 1 on a folder without results', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    assert.equal((await cli([empty])).code, 1);
  });
});
