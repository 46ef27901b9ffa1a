import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { EXECUTORS } from '../../src/scenario/executors.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
/** Where executor knowledge may live: the definitions (scenario/executors/) and the runs (engine/executors/). */
const OWNERS = ['src/scenario/executors/', 'src/engine/executors/'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('one module per executor', () => {
  it('no switch case on an executor name is left outside the executor modules', () => {
    const found: string[] = [];
    for (const file of sourceFiles(join(ROOT, 'src'))) {
      const path = relative(ROOT, file);
      if (OWNERS.some((owner) => path.startsWith(owner))) continue;
      const text = readFileSync(file, 'utf8');
      for (const name of EXECUTORS) {
        for (const quote of ["'", '"', '`']) {
          if (text.includes(`case ${quote}${name}${quote}`)) found.push(`${path}: case ${name}`);
        }
      }
    }
    assert.deepEqual(found, []);
  });

  it('every executor has its definition module and its run module, registered in one table each', () => {
    const definitions = readdirSync(join(ROOT, 'src/scenario/executors'));
    const runs = readdirSync(join(ROOT, 'src/engine/executors'));
    for (const name of EXECUTORS) {
      assert.ok(definitions.includes(`${name}.ts`), `src/scenario/executors/${name}.ts`);
      assert.ok(runs.includes(`${name}.ts`), `src/engine/executors/${name}.ts`);
    }
    assert.deepEqual([...EXECUTORS].sort(), [
      'constant-arrival-rate',
      'constant-vus',
      'per-vu-iterations',
      'ramping-arrival-rate',
      'ramping-vus',
      'shared-iterations',
    ]);
  });
});
