// Compiles every TypeScript file of the repository to JavaScript in one esbuild call (about half a
// second), into a tree of its own whose imports name the compiled modules: a test process runs its
// file from there with no module hooks (scripts/test.mjs), and a child process started on a .ts
// file loads the same JavaScript through hooks.mjs. Starting tsx instead cost about half a second
// of CPU per process, the hooks' thread about a quarter (measured on 30 files: 48 s → 41.5 s).
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { o200kTokenTable, RANK_TABLE_FILE } from '../rank-table.mjs';
import { CACHE_ROOT, ROOT } from './paths.mjs';
import { isAlive } from './process-alive.mjs';

const SOURCE_DIRS = ['src', 'test', 'scripts', 'bench', 'examples'];

function typescriptFiles() {
  const files = [];
  for (const dir of SOURCE_DIRS) {
    let names;
    try {
      names = readdirSync(join(ROOT, dir), { recursive: true });
    } catch {
      continue;
    }
    for (const name of names) {
      const file = join(dir, String(name));
      if (file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.includes('node_modules')) files.push(file);
    }
  }
  return files;
}

// A run stopped by a signal leaves its directory behind: the next run removes those whose process is gone.
function removeAbandoned() {
  let names = [];
  try {
    names = readdirSync(CACHE_ROOT);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(/^run-(\d+)$/.exec(name)?.[1]);
    if (!pid || isAlive(pid)) continue;
    rmSync(join(CACHE_ROOT, name), { recursive: true, force: true });
  }
}

/**
 * o200k_base's token table as the bundle has it (scripts/build.mjs), made once per version of
 * gpt-tokenizer and of the table's format (src/engine/token-table.mjs) beside the runs' directories:
 * hooks.mjs loads the tokenizer from it, as dist/tokenizer.cjs does.
 */
async function rankTableFile() {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'gpt-tokenizer', 'package.json'), 'utf8'));
  const format = createHash('sha256')
    .update(readFileSync(join(ROOT, 'src', 'engine', 'token-table.mjs')))
    .digest('hex')
    .slice(0, 12);
  const file = join(CACHE_ROOT, `o200k_base-${version}-${format}.tokens`);
  if (existsSync(file)) return file;
  const table = await o200kTokenTable();
  mkdirSync(CACHE_ROOT, { recursive: true });
  // Written whole, then renamed: two runs at once never read half a table.
  writeFileSync(`${file}.${process.pid}`, table);
  renameSync(`${file}.${process.pid}`, file);
  return file;
}

/** Compiles into a new directory under CACHE_ROOT and returns it (the caller removes it). */
export async function compileForTests() {
  const files = typescriptFiles();
  removeAbandoned();
  const dir = join(CACHE_ROOT, `run-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  const { outputFiles } = await build({
    absWorkingDir: ROOT,
    entryPoints: files,
    outdir: relative(ROOT, dir),
    outbase: '.',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    bundle: false,
    sourcemap: 'external',
    sourcesContent: false,
    logLevel: 'warning',
    write: false,
    define: { 'import.meta.url': SOURCE_URL },
    supported: { 'import-attributes': true },
    plugins: [keepSourceUrl],
  });
  const code = new Map();
  const maps = new Map();
  for (const out of outputFiles) (out.path.endsWith('.map') ? maps : code).set(out.path, out);
  for (const [path, out] of code) {
    // The module keeps its .ts URL, so the map's sources are made absolute (esbuild writes them
    // relative to the cache) and inlined: a failure's stack (--enable-source-maps) names the .ts line.
    const map = JSON.parse(maps.get(`${path}.map`).text);
    map.sources = map.sources.map((source) => pathToFileURL(resolve(dirname(path), source)).href);
    const text = out.text
      .replace(/\/\/# sourceMappingURL=\S+\s*$/, '')
      .replace(RELATIVE_SPECIFIER, (_, keyword, specifier) => `${keyword}"${compiledSpecifier(specifier, path, dir)}"`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${text}//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n`);
  }
  const ranks = await rankTableFile();
  try {
    linkSync(ranks, join(dir, RANK_TABLE_FILE));
  } catch {
    copyFileSync(ranks, join(dir, RANK_TABLE_FILE));
  }
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
  return dir;
}

/**
 * Each module keeps its source's `import.meta.url` (the .ts file's URL), so that paths it makes from
 * it (fixtures, templates, workers, child processes) are the source's, as when it ran through tsx.
 */
const SOURCE_URL = '__mcpLoadSourceUrl';
const keepSourceUrl = {
  name: 'keep-source-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      // On the first line (after a shebang), without a line break: the source map's lines stay the source's.
      const at = source.startsWith('#!') ? source.indexOf('\n') + 1 : 0;
      const declaration = `const ${SOURCE_URL} = ${JSON.stringify(pathToFileURL(args.path).href)}; `;
      return { contents: source.slice(0, at) + declaration + source.slice(at), loader: 'ts' };
    });
  },
};

/** A static or dynamic import of a relative module, as esbuild prints it. */
const RELATIVE_SPECIFIER = /((?:\bfrom|\bimport)\s*\(?\s*)"(\.{1,2}\/[^"\n]*)"/g;

/**
 * A .ts module is imported as the compiled .js beside the importer's; any other file (JSON, .mjs)
 * is the repository's own, named by its URL.
 */
function compiledSpecifier(specifier, outPath, dir) {
  if (specifier.endsWith('.ts')) return `${specifier.slice(0, -3)}.js`;
  return new URL(specifier, pathToFileURL(join(ROOT, relative(dir, outPath)))).href;
}

/** The compiled module of a .ts file of the repository (`test/a.test.ts` → `<dir>/test/a.test.js`). */
export function compiledPath(dir, file) {
  return join(dir, `${file.slice(0, -3)}.js`);
}
