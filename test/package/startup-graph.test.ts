// What the bundled CLI loads before a run's first request: only the scenario, the engine and the
// MCP client (with workers, the parent runs worker 1's slice itself, so it loads them too). The report code (Handlebars, the
// HTML report, the summaries), the comparison, the demo server and its SDK, and undici's client load
// later or never. Not a timing test: it reads which bundle files each thread loaded before the first
// connection of the process (a module hook and diagnostics_channel log both, in order), and maps
// them to their sources through the bundles' source maps.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startScriptedServer, textResult } from '../mcp/scripted-server.ts';
import { freshDist } from '../helpers/fresh-dist.ts';
import type { RunningServer } from '../helpers/servers.ts';

const run = promisify(execFile);

let work: string;
let dist: string;
let server: RunningServer;
let toolCalls = 0;

/** Not before the first request: the reports and what only they use, the comparison, the demo server and its SDK, undici's client. */
const AFTER_THE_RUN = [
  /node_modules\/handlebars\//,
  /node_modules\/uplot\//,
  /src\/report\/(?!progress\.ts$|format\.ts$)/,
  /src\/results\/(build|findings|merge|workers)\.ts$/,
  /src\/compare\//,
  /src\/capacity\//,
  /src\/demo\/server\.ts$/,
  /node_modules\/@modelcontextprotocol\//,
  /node_modules\/zod\//,
  /node_modules\/undici\/(index\.js|lib\/dispatcher\/)/,
];
/** The MCP client: loaded before the first request by every thread that runs a slice, the parent's too. */
const MCP_CLIENT = /src\/mcp\/client\.ts$/;

// ES modules through a module hook; the CLI's CommonJS files (src/cli/bin.ts) as Node's CommonJS loader loads them.
const HOOKS = `
import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { subscribe } from 'node:diagnostics_channel';
import { appendFileSync } from 'node:fs';
import workerThreads, { threadId } from 'node:worker_threads';
import { syncBuiltinESMExports } from 'node:module';
const log = process.env.STARTUP_LOG;
// Each worker thread's start, in order with the loads.
const Worker = workerThreads.Worker;
workerThreads.Worker = class extends Worker { constructor(...args) { appendFileSync(log, 'spawn ' + threadId + ' ' + String(args[0]) + '\\n'); super(...args); } };
syncBuiltinESMExports();
register('data:text/javascript,' + encodeURIComponent(
  "import { appendFileSync } from 'node:fs'; let log, thread;" +
  "export function initialize(d) { log = d.log; thread = d.thread; }" +
  "export async function load(url, context, next) { const r = await next(url, context); appendFileSync(log, 'load ' + thread + ' ' + url + '\\\\n'); return r; }"
), { data: { log, thread: threadId } });
const loadCommonJs = Module.prototype.load;
Module.prototype.load = function (filename) {
  appendFileSync(log, 'load ' + threadId + ' ' + pathToFileURL(filename).href + '\\n');
  return loadCommonJs.call(this, filename);
};
let seen = false;
subscribe('net.client.socket', () => {
  if (seen) return;
  seen = true;
  appendFileSync(log, 'socket ' + threadId + '\\n');
  const builtins = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
  appendFileSync(log, 'builtins ' + threadId + ' ' + builtins.join(',') + '\\n');
});
`;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'mcp-load-startup-graph-'));
  dist = join(work, 'dist');
  const [, started] = await Promise.all([
    // A copy: the runs write their code cache beside the bundles.
    freshDist().then((built) => cpSync(built, dist, { recursive: true })),
    startScriptedServer((request, res) => {
      if (request.method === 'tools/call') toolCalls++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(textResult(request.id, 'ok'));
    }),
  ]);
  server = started;
  writeFileSync(join(work, 'hooks.mjs'), HOOKS);
  writeFileSync(
    join(work, 'two-vus.yml'),
    'scenarios:\n  once:\n    executor: per-vu-iterations\n    vus: 2\n    iterations: 1\n    flow:\n      - call: echo\n',
  );
});

after(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

interface Loads {
  /** Per thread id, the sources of the bundle files it loaded before its first connection (the parent: the process's first). */
  before: Map<string, string[]>;
  /** Per thread id, Node's built-in modules loaded by its first connection (a thread that makes none: none listed). */
  builtins: Map<string, string[]>;
  /** Every bundle file load and worker start, in order: its thread and the sources the file holds (none for a start). */
  order: { thread: string; spawn?: string; sources: string[] }[];
  /** Every source loaded by the end of the run. */
  all: string[];
  /** Every worker thread started, by which thread, and whether before the process's first connection. */
  spawns: { thread: string; url: string; beforeFirstRequest: boolean }[];
}

/**
 * Runs the bundled CLI with the hooks and reads back what each thread loaded, and when. The target
 * is `--target`, or with `inFile` a top-level `target:` of the scenario file, beside `inFile`'s lines.
 */
async function loadsOfRun(name: string, args: readonly string[], inFile?: string): Promise<Loads> {
  const log = join(work, `${name}.log`);
  const callsBefore = toolCalls;
  const scenario = join(work, inFile === undefined ? 'two-vus.yml' : `${name}.yml`);
  if (inFile !== undefined) writeFileSync(scenario, `target: ${server.url}\n${inFile}${readFileSync(join(work, 'two-vus.yml'), 'utf8')}`);
  await run(
    process.execPath,
    [
      '--import',
      join(work, 'hooks.mjs'),
      join(dist, 'cli.cjs'),
      'run',
      scenario,
      ...(inFile === undefined ? ['--target', server.url] : []),
      '--quiet',
      '--out',
      join(work, name),
      ...args,
    ],
    {
      // The bin's code cache (src/cli/bin.ts) in the test's folder, not the user's.
      env: { ...process.env, STARTUP_LOG: log, XDG_CACHE_HOME: join(work, 'cache') },
      timeout: 60_000,
    },
  );
  assert.equal(toolCalls - callsBefore, 2, 'the run made its two calls');
  const lines = readFileSync(log, 'utf8').trim().split('\n');
  const firstSocket = lines.findIndex((line) => line.startsWith('socket '));
  assert.ok(firstSocket > 0, 'the log marks the first connection');
  const sourcesOf = (entries: string[]): string[] =>
    entries
      .map((line) => line.split(' ')[2])
      .filter((url) => url?.startsWith('file:'))
      .map((url) => fileURLToPath(url))
      .filter((file) => file.startsWith(dist) && existsSync(`${file}.map`))
      .flatMap((file) => (JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] }).sources);
  // A worker's own first connection ends its start-up; the parent's ends with the process's first.
  const endOf = (thread: string): number => {
    const own = lines.indexOf(`socket ${thread}`);
    return own === -1 ? firstSocket : own;
  };
  const before = new Map<string, string[]>();
  for (const [i, line] of lines.entries()) {
    if (!line.startsWith('load ')) continue;
    const thread = line.split(' ')[1];
    if (i < endOf(thread)) before.set(thread, [...(before.get(thread) ?? []), ...sourcesOf([line])]);
  }
  const builtins = new Map(lines.filter((l) => l.startsWith('builtins ')).map((l) => [l.split(' ')[1], l.split(' ')[2].split(',')] as const));
  const order = lines
    .filter((l) => l.startsWith('load ') || l.startsWith('spawn '))
    .map((l) =>
      l.startsWith('spawn ') ? { thread: l.split(' ')[1], spawn: l.split(' ')[2], sources: [] } : { thread: l.split(' ')[1], sources: sourcesOf([l]) },
    );
  const spawns = lines.flatMap((l, i) =>
    l.startsWith('spawn ') ? [{ thread: l.split(' ')[1], url: l.split(' ')[2], beforeFirstRequest: i < firstSocket }] : [],
  );
  return { before, builtins, order, all: sourcesOf(lines.filter((l) => l.startsWith('load '))), spawns };
}

const offending = (sources: readonly string[], patterns: readonly RegExp[]): string[] => [...new Set(sources.filter((s) => patterns.some((p) => p.test(s))))];

test('run in one thread loads the scenario, the engine and the MCP client before its first request, and the report code only after it', async () => {
  const loads = await loadsOfRun('one-thread', ['--workers', '1']);
  assert.deepEqual([...loads.before.keys()], ['0'], 'one thread loaded code before the first request');
  const before = loads.before.get('0')!;
  assert.ok(
    before.some((s) => MCP_CLIENT.test(s)),
    'the MCP client is loaded before the first request',
  );
  assert.deepEqual(offending(before, AFTER_THE_RUN), []);
  // An http target needs no TLS; a scenario without `events:` commands, no child processes; the
  // scenario's hash is read after the run, so no crypto; the files written before the load are
  // written synchronously, so no fs/promises (scripts/build.mjs loads each at its first use); the
  // histograms' WebAssembly is read inflated from dist/hdr-histogram.wasm, so no zlib.
  const builtins = loads.builtins.get('0') ?? [];
  assert.ok(builtins.includes('net'), `the list holds the built-ins loaded: ${builtins.join(', ')}`);
  assert.deepEqual(
    builtins.filter((b) => ['tls', '_tls_wrap', 'child_process', 'dgram', 'crypto', 'fs/promises', 'zlib'].includes(b)),
    [],
  );
  assert.ok(
    loads.all.some((s) => /node_modules\/handlebars\//.test(s)),
    'the run writes report.html afterwards, so Handlebars does load, after the first request',
  );
  // The tokenizer thread starts at the first sampled reply: once, and not before the first request.
  assert.deepEqual(
    loads.spawns.filter((s) => s.url.endsWith('/tokenizer.cjs')).map((s) => [s.thread, s.beforeFirstRequest]),
    [['0', false]],
  );
});

test('run with two workers, the target and workers: in the file: the parent runs worker 1’s slice (its MCP client loads before the first request), one worker thread the other, started before the CLI loads; no report code in either', async () => {
  const loads = await loadsOfRun('two-workers', [], 'workers: 2\n');
  const parent = loads.before.get('0') ?? [];
  assert.ok(
    parent.some((s) => /src\/engine\/workers\/local-carrier\.ts$/.test(s)) && parent.some((s) => MCP_CLIENT.test(s)),
    'the parent loaded its own slice and the MCP client before the first request',
  );
  assert.deepEqual(offending(parent, AFTER_THE_RUN), []);
  assert.equal(loads.before.size, 2, 'the parent and one worker thread loaded code before their first requests');
  for (const [thread, sources] of loads.before) {
    if (thread !== '0') assert.deepEqual(offending(sources, AFTER_THE_RUN), [], `worker thread ${thread}`);
  }
  // As in one thread, no thread loads these by its first connection: a slice's copy of the scenario
  // keeps its hash unread (scenario/shard.ts), so no crypto either.
  assert.ok(loads.builtins.has('0'), 'the parent made a connection');
  for (const [thread, builtins] of loads.builtins)
    assert.deepEqual(
      builtins.filter((b) => ['tls', '_tls_wrap', 'child_process', 'dgram', 'crypto', 'fs/promises', 'zlib'].includes(b)),
      [],
      `thread ${thread}`,
    );
  // Started first (src/cli/index.ts, from the file's top-level lines): the one worker thread before the parent loads the CLI's main module, and so before the scenario's parse.
  const mainLoaded = loads.order.findIndex((l) => l.thread === '0' && l.sources.some((s) => /src\/cli\/main\.ts$/.test(s)));
  const started = loads.order.slice(0, mainLoaded).filter((l) => l.thread === '0' && l.spawn?.endsWith('/worker.cjs'));
  assert.ok(mainLoaded > 0, 'the parent loads the CLI');
  assert.equal(started.length, 1, 'one worker thread started before the CLI loaded');
  assert.equal(loads.spawns.filter((s) => s.url.endsWith('/worker.cjs')).length, 1, 'and no other');
  // One tokenizer for the run, the parent's: the workers' samples are counted by it (src/engine/workers/tokenizer-relay.ts).
  assert.deepEqual(
    loads.spawns.filter((s) => s.url.endsWith('/tokenizer.cjs')).map((s) => [s.thread, s.beforeFirstRequest]),
    [['0', false]],
  );
});

test('the bundles hold only the modules of hdr-histogram-js that mcp-load uses: not its index, whose log writer makes an Intl.NumberFormat at load', () => {
  const sources = readdirSync(dist)
    .filter((f) => f.endsWith('.js.map'))
    .flatMap((f) => (JSON.parse(readFileSync(join(dist, f), 'utf8')) as { sources: string[] }).sources);
  assert.ok(
    sources.some((s) => /node_modules\/hdr-histogram-js\/(src|dist)\/HistogramBuilder\.[tj]s$/.test(s)),
    'the histogram builder is bundled',
  );
  assert.deepEqual(
    [...new Set(sources.filter((s) => /node_modules\/hdr-histogram-js\/(src|dist)\/(index|HistogramLogWriter|HistogramLogReader)\.[tj]s$/.test(s)))],
    [],
  );
});

test('the bin is CommonJS (no ES module loader before the first line), and dist/cli.js, the bin of earlier versions, still runs the same CLI', async () => {
  const bin = await run(process.execPath, [join(dist, 'cli.cjs'), '--version']);
  const earlier = await run(process.execPath, [join(dist, 'cli.js'), '--version']);
  assert.match(bin.stdout, /\d+\.\d+\.\d+/);
  assert.equal(earlier.stdout, bin.stdout);
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { bin: Record<string, string> };
  assert.deepEqual(pkg.bin, { 'mcp-load': 'dist/cli.cjs' });
});
