import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendToHistory } from '../../src/compare/index.ts';
import { main } from '../../src/cli/main.ts';
import { syntheticRun } from '../compare/synthetic.ts';

const run = (seed: number, slowdown = 1) => syntheticRun({ seed, steadySeconds: 30, callsPerSecond: 200, slowdown });

describe('mcp-load compare', () => {
  let dir: string;
  const write = (name: string, value: unknown): string => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(value));
    return file;
  };
  const cli = async (args: string[]): Promise<{ code: number; text: string }> => {
    const lines: string[] = [];
    const code = await main(['compare', ...args], (line) => lines.push(line));
    return { code, text: lines.join('\n') };
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mcp-load-compare-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 1 and names the metric when p95 is 50 % slower than the baseline', async () => {
    const { code, text } = await cli([write('slow.json', run(2, 1.5)), write('base.json', run(1))]);
    assert.equal(code, 1);
    assert.match(text, /^✗ regression against the baseline \(bootstrap interval\): .*mcp_call_duration_p95/);
    assert.match(text, /regression\s+mcp_call_duration_p95\s+\S+ms\s+\S+ms\s+\+\d+\.\d%/);
  });

  it('exits 0 for a run like its baseline', async () => {
    const { code, text } = await cli([write('same.json', run(3)), write('base2.json', run(4))]);
    assert.equal(code, 0, text);
    assert.match(text, /^✓ no regression against the baseline/);
  });

  it('uses the history (a folder with history.json) once it holds 5 runs', async () => {
    let history = undefined;
    for (let seed = 10; seed < 16; seed++) history = appendToHistory(history, run(seed));
    const folder = join(dir, 'history');
    mkdirSync(folder);
    writeFileSync(join(folder, 'history.json'), JSON.stringify(history));
    const { code, text } = await cli([write('slow2.json', run(20, 1.5)), '--history', folder]);
    assert.equal(code, 1);
    assert.match(text, /against the history \(robust band\)/);
  });

  it('without a baseline or history it is a usage error (exit 2)', async () => {
    assert.equal((await cli([write('alone.json', run(5))])).code, 2);
  });
});
