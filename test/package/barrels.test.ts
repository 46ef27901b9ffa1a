import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

// A layer's public surface is its barrel, src/<layer>/index.ts: a module of another layer (or the
// library's front door, src/index.ts) imports only that, so a layer can move its insides freely.

const SRC = 'src';
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)'(\.{1,2}\/[^']+)'/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The layer a path under src/ belongs to; undefined for the shared base files at src/*.ts and for files outside src/. */
function layerOf(path: string): string | undefined {
  const parts = relative(SRC, path).split('/');
  return parts.length > 1 && parts[0] !== '..' ? parts[0] : undefined;
}

export function importsBypassingBarrels(files: readonly string[], read: (file: string) => string): string[] {
  const offences: string[] = [];
  for (const file of files) {
    const text = read(file);
    for (const match of text.matchAll(SPECIFIER)) {
      const target = normalize(join(dirname(file), match[1]));
      const targetLayer = layerOf(target);
      if (targetLayer === undefined || targetLayer === layerOf(file)) continue;
      if (target === join(SRC, targetLayer, 'index.ts')) continue;
      const line = text.slice(0, match.index).split('\n').length;
      offences.push(`${file}:${line} imports ${match[1]}: import it from ${relative(dirname(file), join(SRC, targetLayer, 'index.ts'))}`);
    }
  }
  return offences;
}

test('every import across layers goes through the other layer’s barrel (src/<layer>/index.ts)', () => {
  const offences = importsBypassingBarrels(sourceFiles(SRC), (file) => readFileSync(file, 'utf8'));
  assert.deepEqual(offences, []);
});

test('the check catches a static, a type-only, a re-exporting and a dynamic import that bypass a barrel', () => {
  const files: Record<string, string> = {
    'src/report/a.ts': "import { runTest } from '../engine/run.ts';\nimport type { Scenario } from '../scenario/types.ts';\n",
    'src/cli/b.ts': "export { renderMarkdown } from '../report/markdown.ts';\nconst html = await import('../report/html.ts');\n",
    'src/cli/c.ts': "import { runTest } from '../engine/index.ts';\nimport { parseArgs } from './args.ts';\nimport { VERSION } from '../version.ts';\n",
    'src/index.ts': "export { compare } from './compare/compare.ts';\nexport { loadScenario } from './scenario/index.ts';\n",
  };
  const offences = importsBypassingBarrels(Object.keys(files), (file) => files[file]);
  assert.deepEqual(
    offences.map((o) => o.split(' imports ')[0] + ' ' + o.split(' imports ')[1].split(':')[0]),
    [
      'src/report/a.ts:1 ../engine/run.ts',
      'src/report/a.ts:2 ../scenario/types.ts',
      'src/cli/b.ts:1 ../report/markdown.ts',
      'src/cli/b.ts:2 ../report/html.ts',
      'src/index.ts:1 ./compare/compare.ts',
    ],
  );
});
