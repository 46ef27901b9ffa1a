// Builds dist/: the action (index.js and its chunks), the CLI (the bin cli.cjs, which runs cli-main.cjs
// through a V8 code cache) and the library (mcp-load.js over mcp-load.cjs), which share their
// CommonJS chunks, the worker threads' entry (worker.cjs) and the tokenizer thread (tokenizer.cjs),
// minified, with external source maps; and the library's declarations (types/). Every runtime
// library is bundled: the installed package needs no dependencies.
//
// `node scripts/build.mjs [outdir] [--no-types]`: the stale-dist check builds into a temporary folder;
// --no-types skips the declarations (the slow part) for tests that only run the bundles.
import { build } from 'esbuild';
import { barrelImports } from './barrel-imports.mjs';
import { o200kTokenTable, RANK_TABLE_FILE, rankTableModule } from './rank-table.mjs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';

const args = process.argv.slice(2);
const outdir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--metafile') ?? 'dist';
const withTypes = !args.includes('--no-types');
// `--metafile FILE`: esbuild's metafile of the CLI and library's code-split build (chunks, their
// imports and inputs), as staged before each file is made CommonJS: its chunk-X.js is dist/chunk-X.cjs.
const metafileAt = args.indexOf('--metafile');
const metafile = metafileAt === -1 ? undefined : args[metafileAt + 1];
if (metafileAt !== -1 && !metafile) throw new Error('--metafile needs a file name');

/** undici's own bundle beside the chunks, required by src/undici.ts when a run first needs undici. */
const UNDICI_FILE = 'undici.cjs';

/**
 * hdr-histogram-js's WebAssembly binary, inflated here once from its embedded base64 of zlib: each
 * thread reads it from this file beside the bundles instead of decoding it before its first request
 * (node:zlib's load and the inflate, about 3 ms of a run's start-up), and the bundles no longer
 * carry its 39 kB of base64. The tests, which run the sources, decode it (scripts/hdr-wasm-decode.cjs).
 */
const HDR_WASM_FILE = 'hdr-histogram.wasm';
const HDR_WASM_LOADER = /hdr-histogram-js[\\/]dist[\\/]wasm[\\/]index\.js$/;
const hdrWasmBinary = inflateSync(Buffer.from(createRequire(import.meta.url)('hdr-histogram-js/dist/wasm/generated-wasm.js').BINARY, 'base64'));
const nativeWasmDecode = {
  name: 'hdr-wasm-file',
  setup(b) {
    // The loader calls pako.inflate(base64.toByteArray(BINARY)): here the first reads the file, the second passes it on.
    b.onResolve({ filter: /^(base64-js|pako)$/ }, (args) => (HDR_WASM_LOADER.test(args.importer) ? { path: 'decode', namespace: 'hdr-wasm' } : undefined));
    b.onResolve({ filter: /^\.\/generated-wasm$/ }, (args) => (HDR_WASM_LOADER.test(args.importer) ? { path: 'binary', namespace: 'hdr-wasm' } : undefined));
    b.onLoad({ filter: /^decode$/, namespace: 'hdr-wasm' }, () => ({
      contents: [
        "import { readFileSync } from 'node:fs';",
        `export const toByteArray = () => readFileSync(new URL('./${HDR_WASM_FILE}', import.meta.url));`,
        'export const inflate = (bytes) => bytes;',
      ].join('\n'),
      loader: 'js',
    }));
    b.onLoad({ filter: /^binary$/, namespace: 'hdr-wasm' }, () => ({ contents: "export const BINARY = '';", loader: 'js' }));
  },
};

/** The bundles' `hdr-histogram-js`: only the modules mcp-load uses (scripts/hdr-histogram-entry.cjs). */
const hdrHistogramEntry = {
  name: 'hdr-histogram-entry',
  setup(b) {
    b.onResolve({ filter: /^hdr-histogram-js$/ }, (args) =>
      args.importer.startsWith(resolve('src')) ? { path: resolve('scripts/hdr-histogram-entry.cjs') } : undefined,
    );
  },
};

/**
 * Built-in modules the bundles load at their first use rather than at start-up: tls (and the assert
 * it loads) only for an https target, child_process (and dgram) only for a scenario's `events:`
 * commands or worker processes: about 10 ms of a run's start-up; crypto (4 ms) for the scenario's
 * hash, read after the run, or OAuth and trace ids; zlib for decoding histograms; fs/promises (2 ms,
 * with readline and the file watchers) for the files written after the run. Each name is what src/
 * uses of it; an import of another name fails the build.
 */
const LAZY_BUILTINS = {
  'node:tls': ['connect'],
  'node:child_process': ['spawn', 'fork'],
  'node:crypto': ['createHash', 'createPrivateKey', 'randomBytes', 'randomUUID', 'sign'],
  'node:zlib': ['deflateSync', 'inflateSync'],
  'node:fs/promises': ['copyFile', 'mkdir', 'mkdtemp', 'readFile', 'readdir', 'stat', 'unlink', 'writeFile'],
};
const LAZY_BUILTIN_NAMES = new RegExp(`^(${Object.keys(LAZY_BUILTINS).join('|')})$`);
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: LAZY_BUILTIN_NAMES }, (args) =>
      args.importer.startsWith(resolve('src')) ? { path: args.path, namespace: 'lazy-builtin' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => {
      const names = LAZY_BUILTINS[args.path];
      const contents = [
        `let loaded; const load = () => (loaded ??= require(${JSON.stringify(args.path)}));`,
        ...names.map((name) => `export function ${name}(...args) { return load().${name}(...args); }`),
        `export default { ${names.join(', ')} };`,
      ].join('\n');
      return { contents, loader: 'js', resolveDir: resolve('src') };
    });
  },
};

/**
 * node:assert for undici's cookie parser (src/mcp/cookie-jar.ts), which requires it at load and
 * calls only assert(…): loaded at its first call. Loading it made process.stderr (for its colours)
 * before a run's first request: 1.4 ms, and a terminal's stream.
 */
const UNDICI_COOKIE_MODULES = /node_modules[\\/]undici[\\/]lib[\\/]web[\\/](cookies|infra)[\\/]/;
const lazyAssert = {
  name: 'lazy-assert',
  setup(b) {
    b.onResolve({ filter: /^node:assert$/ }, (args) =>
      UNDICI_COOKIE_MODULES.test(args.importer) ? { path: 'node:assert', namespace: 'lazy-assert' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-assert' }, () => ({
      contents: "let loaded; module.exports = function assert(...args) { return (loaded ??= require('node:assert'))(...args); };",
      loader: 'js',
    }));
  },
};

/**
 * What import.meta.url is in a CommonJS file of the bundles: a path of only these characters is its
 * URL after `file://` (pathToFileURL escapes none of them, and a path without `.`, `..` or empty
 * segments is its own resolution); pathToFileURL for any other (Windows, a space, a `%`). Every file runs this at load, and pathToFileURL took about 5 ms of a run's start-up.
 */
const IMPORT_META_URL =
  "var __mcpLoadImportMetaUrl = /^\\/[\\w./-]*$/.test(__filename) && !/\\/(\\.\\.?)?(\\/|$)/.test(__filename) ? 'file://' + __filename : require('node:url').pathToFileURL(__filename).href;";

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  splitting: true,
  minify: true,
  // Linked .map files beside the bundles: stack traces name src/ files and lines once source maps
  // are enabled (the CLI and the action enable them); the sources themselves stay out of the package.
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
  // Module paths in the bundle stay node_modules/…, wherever node_modules really lives.
  preserveSymlinks: true,
  // Bundled CommonJS dependencies call require(); give ESM output one.
  banner: { js: "import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);" },
  // Built as if into dist/ and written wherever asked: chunk names hash the maps' paths relative to
  // the output folder, so a build into a temporary folder is then byte-identical to the committed one.
  outdir: 'dist',
  write: false,
  // undici loads at its first use, from its own file (src/undici.ts): not parsed at start-up.
  define: { MCP_LOAD_UNDICI_MODULE: JSON.stringify(`./${UNDICI_FILE}`) },
  plugins: [barrelImports(resolve('src')), nativeWasmDecode, hdrHistogramEntry, lazyBuiltins, lazyAssert],
};

rmSync(outdir, { recursive: true, force: true });

// The tokenizer thread of the tool output sample (src/engine/tool-output-tokens.ts starts
// ./tokenizer.cjs beside the chunk that runs it, for the CLI, the library and the action): one file,
// and beside it o200k_base's token table (src/engine/token-table.mjs), made here, which it reads
// instead of parsing gpt-tokenizer's 2.4 MB array literal and building a Map of 200,000 strings.
// engines in package.json says Node >= 20.
const rankTable = {
  name: 'o200k-rank-table',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]engine[\\/]o200k-table\.mjs$/ }, () => ({
      contents: rankTableModule(`new URL('./${RANK_TABLE_FILE}', import.meta.url)`),
      loader: 'js',
      resolveDir: resolve('src/engine'),
    }));
  },
};
// CommonJS, as the bins are: the thread starts without Node's ES module loader.
const tokenizer = build({
  ...common,
  format: 'cjs',
  splitting: false,
  target: 'node20',
  entryPoints: { tokenizer: 'src/engine/tokenizer-thread.mjs' },
  outExtension: { '.js': '.cjs' },
  banner: { js: IMPORT_META_URL },
  define: { ...common.define, 'import.meta.url': '__mcpLoadImportMetaUrl' },
  plugins: [...common.plugins, rankTable],
});
const rankFile = { outputFiles: [{ path: resolve('dist', RANK_TABLE_FILE), contents: await o200kTokenTable() }] };

// The CLI and the library: code-split together (each command loads its own code; the report loads
// after the run), then every file made CommonJS with esbuild (source maps carried through, dynamic
// imports as requires): cli-main.cjs, mcp-load.cjs and their chunk-*.cjs. The bin (src/cli/bin.ts,
// dist/cli.cjs) compiles the CLI's files with a V8 code cache: Node 20 has none for ES modules, and
// compiling was a fifth of the CLI's start-up (bench/startup.ts). The library's ES module entry,
// mcp-load.js, re-exports mcp-load.cjs.
const CHUNK = /^\.\/(chunk-[A-Z0-9]+)\.js$/;
/** The split build's imports of its own chunks, as requires of their CommonJS files. */
const chunksAsCommonJs = {
  name: 'chunks-as-commonjs',
  setup(b) {
    b.onResolve({ filter: CHUNK }, (args) => ({ path: `./${CHUNK.exec(args.path)[1]}.cjs`, external: true }));
  },
};
/** The library's entry for `import … from 'mcp-load'`: its exports, from the CommonJS module. */
function libraryEntry(names) {
  const text = [
    '// mcp-load as an ES module: the library is CommonJS (mcp-load.cjs, its chunks shared with the CLI; scripts/build.mjs).',
    "import library from './mcp-load.cjs';",
    `export const { ${names.join(', ')} } = library;`,
    '',
  ].join('\n');
  return { path: resolve('dist', 'mcp-load.js'), contents: Buffer.from(text) };
}
/**
 * A map of the CommonJS pass names the staged file for code of no source (esbuild's helpers, the
 * imports and exports it writes): named after the output file instead, since the stage's name
 * differs from build to build and the bundles must not.
 */
function withoutStage(file, stage) {
  if (!file.path.endsWith('.map')) return file;
  const map = JSON.parse(Buffer.from(file.contents).toString('utf8'));
  const staged = relative(dirname(file.path), stage);
  map.sources = map.sources.map((source) => (source.startsWith(`${staged}/`) ? basename(file.path, '.map') : source));
  return { path: file.path, contents: Buffer.from(JSON.stringify(map)) };
}
async function buildCliAndLibrary() {
  // Beside dist/, so that the maps' ../src/ paths hold there too; one per build (tests build at once).
  const stage = mkdtempSync(resolve('.cli-esm-'));
  try {
    // Without the require banner: the CommonJS pass gives every file Node's own require.
    const split = await build({
      ...common,
      banner: {},
      target: 'node20',
      entryPoints: { 'cli-main': 'src/cli/index.ts', 'mcp-load': 'src/index.ts' },
      chunkNames: 'chunk-[hash]',
      outdir: stage,
      write: true,
      metafile: true,
    });
    const files = readdirSync(stage).filter((f) => f.endsWith('.js'));
    const commonJs = await build({
      ...common,
      format: 'cjs',
      splitting: false,
      target: 'node20',
      entryPoints: Object.fromEntries(files.map((f) => [f.slice(0, -'.js'.length), join(stage, f)])),
      outExtension: { '.js': '.cjs' },
      // A dynamic import() of a chunk as a require: no ES module loader at all.
      supported: { 'dynamic-import': false },
      // Its warnings are the split build's, said there (esbuild is quiet about node_modules, not about the staged chunks).
      logLevel: 'error',
      banner: { js: IMPORT_META_URL },
      define: { 'import.meta.url': '__mcpLoadImportMetaUrl' },
      plugins: [chunksAsCommonJs],
    });
    const [, library] = Object.entries(split.metafile.outputs).find(([, o]) => o.entryPoint === 'src/index.ts');
    return { outputFiles: [...commonJs.outputFiles.map((file) => withoutStage(file, stage)), libraryEntry(library.exports)], metafile: split.metafile };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
const cliAndLibrary = buildCliAndLibrary();
// The worker threads of `--workers` (src/engine/workers/entry.ts starts ./worker.cjs beside the
// chunk that runs it, for the action too): one CommonJS file, worker-main.cjs, not code-split, which
// worker.cjs runs through the code cache. A thread that loads its code as the CLI's shared chunks
// opened some twenty files before its first request (each an open, a stat, a read and a module
// record); this copy of the engine costs the package 0.46 MB unpacked.
const worker = build({
  ...common,
  format: 'cjs',
  splitting: false,
  target: 'node20',
  entryPoints: { 'worker-main': 'src/engine/workers/worker-main.ts' },
  outExtension: { '.js': '.cjs' },
  banner: { js: IMPORT_META_URL },
  define: { ...common.define, 'import.meta.url': '__mcpLoadImportMetaUrl' },
  // import.meta.resolve is read only when running from the sources.
  logOverride: { 'empty-import-meta': 'silent' },
});
// The action runs on the runner's node24 (action.yml).
const action = build({ ...common, target: 'node24', entryPoints: { index: 'src/action/index.ts' }, chunkNames: 'action-[hash]' });

// The parts of undici mcp-load uses (src/undici-parts.cjs) as one CommonJS file, shared by the CLI,
// the library and the action.
const undici = build({
  ...common,
  format: 'cjs',
  splitting: false,
  banner: {},
  define: {},
  target: 'node20',
  entryPoints: { undici: 'src/undici-parts.cjs' },
  outExtension: { '.js': '.cjs' },
});

const bundles = await Promise.all([cliAndLibrary, tokenizer, action, undici, worker]);
if (metafile) writeFileSync(metafile, JSON.stringify(bundles[0].metafile));

// The bins of the CLI (dist/cli.cjs, src/cli/bin.ts) and the worker (dist/worker.cjs): the build
// their code cache belongs to (a hash of the files it caches) is part of its folder's name. CommonJS
// files: an ES module entry costs Node its ES module loader before the first line runs (about 10 ms
// of a run's start-up, and of each worker thread's, bench/startup.ts).
const cachedHash = createHash('sha256');
// Paths relative to dist/: the same sources build the same bins wherever the checkout is (check-dist).
for (const { outputFiles } of bundles) {
  for (const file of outputFiles) if (file.path.endsWith('.cjs')) cachedHash.update(relative(resolve('dist'), file.path)).update(file.contents);
}
const bins = await build({
  ...common,
  format: 'cjs',
  splitting: false,
  banner: { js: IMPORT_META_URL },
  target: 'node20',
  entryPoints: { cli: 'src/cli/bin.ts', worker: 'src/engine/workers/worker-bin.ts' },
  outExtension: { '.js': '.cjs' },
  define: { MCP_LOAD_CODE_BUILD: JSON.stringify(cachedHash.digest('hex').slice(0, 16)), 'import.meta.url': '__mcpLoadImportMetaUrl' },
  plugins: [],
});
/** dist/cli.js, the bin of earlier versions, for those who run it by its path: the bin, as an ES module. */
const esmBin = {
  outputFiles: [
    {
      path: resolve('dist', 'cli.js'),
      contents: Buffer.from(
        "#!/usr/bin/env node\n// The bin is dist/cli.cjs (scripts/build.mjs): this runs it for those who run dist/cli.js.\nimport './cli.cjs';\n",
      ),
    },
  ],
};
const hdrWasmFile = { outputFiles: [{ path: resolve('dist', HDR_WASM_FILE), contents: hdrWasmBinary }] };
const built = [...bundles, bins, esmBin, rankFile, hdrWasmFile];
for (const { outputFiles } of built) {
  for (const file of outputFiles) {
    const path = join(outdir, relative(resolve('dist'), file.path));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.contents);
  }
}

if (withTypes) {
  // Declarations of the library's front door and what it reaches, as tsc emits them: no extra tool.
  // Their relative imports keep the .ts extension, which TypeScript resolves to the .d.ts beside.
  // src/version.ts reads package.json, so tsc's root is the repository: src/ is moved up into types/.
  const emitted = join(outdir, '.types');
  execFileSync(process.execPath, [join('node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.types.json', '--outDir', emitted], { stdio: 'inherit' });
  renameSync(join(emitted, 'src'), join(outdir, 'types'));
  rmSync(emitted, { recursive: true, force: true });
}
