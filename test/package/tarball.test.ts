// The package as a user gets it: bundled from src/ now, packed with `npm pack`, installed offline into
// an empty folder (so it can need no dependency from the registry), and run from there.
// The tests after the packing wait on child processes, so they run at once; each calls a tool of
// its own on the one server, so each counts exactly its own calls.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startScriptedServer, textResult } from '../mcp/scripted-server.ts';
import { freshDist } from '../helpers/fresh-dist.ts';
import type { RunningServer } from '../helpers/servers.ts';

const run = promisify(execFile);
const TSX = fileURLToPath(import.meta.resolve('tsx'));
const PACKAGE = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; files: string[] };

let work: string;
let app: string;
let bin: string;
let server: RunningServer;
/** tools/call requests the server answered, by tool name. */
const toolCalls = new Map<string, number>();
const callsOf = (tool: string): number => toolCalls.get(tool) ?? 0;
let packed: { size: number; unpackedSize: number; files: { path: string }[] };
let hooks: string;

/**
 * The environment that makes a node process log every file it loads into `log`: a module hook
 * (registered by --import) appends each URL it loads, dynamic imports included.
 */
function loggingEnv(log: string): NodeJS.ProcessEnv {
  // The bin's code cache (src/cli/bin.ts) in the test's folder, not the user's.
  return { ...process.env, NODE_OPTIONS: `--import ${join(hooks, 'register.mjs')}`, LOADED_LOG: log, XDG_CACHE_HOME: join(work, 'cache') };
}

/** The original files (src/…, node_modules/…) of the installed package's bundles that a process logged loading. */
function loadedSources(log: string): string[] {
  const dist = join(app, 'node_modules', 'mcp-load', 'dist');
  const loaded = readFileSync(log, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith('file:'));
  return loaded
    .map((url) => fileURLToPath(url))
    .filter((file) => file.startsWith(dist) && existsSync(`${file}.map`))
    .flatMap((file) => (JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] }).sources);
}

const DEMO_SERVER = /src\/demo\/server\.ts$|node_modules\/zod\//;
const OUTPUTS = /node_modules\/@opentelemetry\/sdk-metrics\/|node_modules\/protobufjs\//;
const HTML_REPORT = /node_modules\/handlebars\/|src\/report\/html\.ts$/;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'mcp-load-tarball-'));
  const stage = join(work, 'stage');
  mkdirSync(stage);
  for (const file of ['package.json', 'README.md', 'LICENSE', 'schema', 'examples']) cpSync(file, join(stage, file), { recursive: true });
  const [dist, started] = await Promise.all([
    freshDist(),
    startScriptedServer((request, res) => {
      if (request.method === 'tools/call') {
        const tool = String((request.params as { name?: unknown } | undefined)?.name);
        toolCalls.set(tool, callsOf(tool) + 1);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(textResult(request.id, 'ok'));
    }),
  ]);
  server = started;
  // Built without the declarations (the slow part of the build); dist.test.ts builds and checks them.
  cpSync(dist, join(stage, 'dist'), { recursive: true });
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: stage });
  packed = (JSON.parse(stdout) as (typeof packed)[])[0];
  hooks = join(work, 'hooks');
  mkdirSync(hooks);
  writeFileSync(
    join(hooks, 'register.mjs'),
    // ES modules through the hook; the CLI's CommonJS files (src/cli/bin.ts) as Node's CommonJS loader loads them.
    "import Module, { register } from 'node:module';\nimport { appendFileSync } from 'node:fs';\nimport { pathToFileURL } from 'node:url';\n" +
      "register('./log-loads.mjs', import.meta.url, { data: process.env.LOADED_LOG });\n" +
      'const load = Module.prototype.load;\n' +
      "Module.prototype.load = function (filename) { appendFileSync(process.env.LOADED_LOG, pathToFileURL(filename).href + '\\n'); return load.call(this, filename); };\n",
  );
  writeFileSync(
    join(hooks, 'log-loads.mjs'),
    "import { appendFileSync } from 'node:fs';\nlet log;\nexport function initialize(file) { log = file; }\nexport async function load(url, context, next) { if (log) appendFileSync(log, url + '\\n'); return next(url, context); }\n",
  );
  app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), '{ "name": "app", "private": true, "type": "module" }\n');
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', join(work, `mcp-load-${PACKAGE.version}.tgz`)], { cwd: app });
  bin = join(app, 'node_modules', '.bin', 'mcp-load');
});

after(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

test('the tarball holds the CLI, the library, their source maps, the schemas and the runnable examples: no sources, templates, tests or action bundle', () => {
  const paths = packed.files.map((f) => f.path);
  for (const expected of [
    'dist/cli.cjs',
    'dist/cli.cjs.map',
    'dist/cli.js',
    'dist/mcp-load.js',
    'dist/worker.cjs',
    'dist/tokenizer.cjs',
    'dist/o200k_base.tokens',
    'schema/scenario.schema.json',
    'examples/quickstart.yml',
    'examples/session.ts',
    'LICENSE',
    'README.md',
  ]) {
    assert.ok(paths.includes(expected), `${expected} is not in the tarball`);
  }
  const unexpected = paths.filter((p) => /^(src|test|templates|bench|scripts|docs)\/|^dist\/(index|action-)|^action\.yml$|^examples\/workflows\//.test(p));
  assert.deepEqual(unexpected, []);
});

test('installing the tarball offline pulls no dependency: node_modules holds mcp-load alone', () => {
  const installed = readdirSync(join(app, 'node_modules')).filter((name) => !name.startsWith('.'));
  assert.deepEqual(installed, ['mcp-load']);
});

/** `mcp-load demo` from the installed package, logging what it loads; resolves with its URL once it serves. */
function startDemo(out: string, log: string) {
  const child = spawn(bin, ['demo', '--quiet', '--out', out], { cwd: app, env: loggingEnv(log), stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  let stderr = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const found = /embedded demo server at (\S+)/.exec(stderr);
      if (found) resolve(found[1]);
    });
    void exited.then(() => reject(new Error(`demo exited before it started its server: ${stderr}`)));
  });
  return { child, exited, url, stderr: () => stderr };
}

describe('from the installed package', { concurrency: true }, () => {
  test('mcp-load --version prints the package version; --version and --help load neither the demo server, the HTML report nor the outputs', async () => {
    for (const args of [['--version'], ['--help']]) {
      const log = join(work, `loaded${args[0]}.log`);
      const { stdout } = await run(bin, args, { cwd: app, env: loggingEnv(log) });
      if (args[0] === '--version') assert.equal(stdout.trim(), `mcp-load ${PACKAGE.version}`);
      const sources = loadedSources(log);
      assert.ok(
        sources.some((s) => s.endsWith('src/cli/main.ts')),
        `the log names the CLI's own code: ${sources.length} sources`,
      );
      assert.deepEqual(
        sources.filter((s) => DEMO_SERVER.test(s) || HTML_REPORT.test(s) || OUTPUTS.test(s)),
        [],
        args.join(' '),
      );
    }
  });

  test('mcp-load run makes exactly the scenario’s calls against a server the test started, and loads no demo server and no outputs it was not asked for', async () => {
    writeFileSync(
      join(app, 'tiny.yml'),
      'scenarios:\n  once:\n    executor: per-vu-iterations\n    vus: 1\n    iterations: 3\n    flow:\n      - call: echo-run\n',
    );
    const log = join(work, 'loaded-run.log');
    const { stdout } = await run(bin, ['run', 'tiny.yml', '--target', server.url, '--quiet', '--out', 'results'], {
      cwd: app,
      env: loggingEnv(log),
      timeout: 60_000,
    });
    assert.equal(callsOf('echo-run'), 3, stdout);
    assert.ok(existsSync(join(app, 'results', 'report.html')), 'report.html was not written');
    const ran = loadedSources(log);
    assert.ok(
      ran.some((s) => HTML_REPORT.test(s)),
      'run writes report.html, so it loads the HTML report',
    );
    assert.deepEqual(
      ran.filter((s) => DEMO_SERVER.test(s) || OUTPUTS.test(s)),
      [],
    );
  });

  test('mcp-load demo serves MCP on the URL it prints, loads the demo server, and stops at SIGINT', async () => {
    const log = join(work, 'loaded-demo.log');
    const demo = startDemo('demo-results', log);
    try {
      const reply = await fetch(await demo.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'tarball-test', version: '1' } },
        }),
      });
      assert.equal(reply.status, 200);
      assert.match(await reply.text(), /"serverInfo"/);
    } finally {
      demo.child.kill('SIGINT');
    }
    const code = await Promise.race([demo.exited, new Promise<'hung'>((resolve) => setTimeout(resolve, 30_000, 'hung').unref())]);
    assert.equal(code, 130, demo.stderr());
    assert.ok(
      loadedSources(log).some((s) => DEMO_SERVER.test(s)),
      'demo loads the demo server',
    );
  });

  test('examples/session.ts runs from the installed package: it imports mcp-load by name', async () => {
    cpSync(join(app, 'node_modules', 'mcp-load', 'examples', 'session.ts'), join(app, 'session.ts'));
    const { stdout } = await run(process.execPath, ['--import', TSX, 'session.ts', server.url, 'echo-session', '{"text":"hi"}'], { cwd: app, timeout: 30_000 });
    assert.equal(callsOf('echo-session'), 1);
    assert.match(stdout, /^tools\/call echo-session: success in [\d.]+ ms, 1 HTTP \(POST 200\)$/m);
  });

  test('the README’s library example runs from the installed package against a server the test started', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const example = /## As a library[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    assert.ok(example.includes("from 'mcp-load'"), 'the README has a ts example under "As a library"');
    writeFileSync(
      join(app, 'scenario.yml'),
      'scenarios:\n  once:\n    executor: per-vu-iterations\n    vus: 1\n    iterations: 2\n    flow:\n      - call: echo-readme\n',
    );
    writeFileSync(join(app, 'readme-example.mjs'), example.replaceAll('http://127.0.0.1:3000/mcp', server.url));
    const { stdout } = await run(process.execPath, ['readme-example.mjs'], { cwd: app, timeout: 60_000 });
    assert.equal(callsOf('echo-readme'), 2);
    assert.match(stdout, /MCP/);
    assert.ok(existsSync(join(app, 'result.json')), 'result.json was not written');
  });

  test('mcp-load run --workers 2 runs both slices, the second in a worker thread (dist/worker.cjs ships)', async () => {
    writeFileSync(
      join(app, 'two.yml'),
      'scenarios:\n  each:\n    executor: per-vu-iterations\n    vus: 2\n    iterations: 3\n    flow:\n      - call: echo-workers\n',
    );
    const { stdout } = await run(bin, ['run', 'two.yml', '--target', server.url, '--workers', '2', '--quiet', '--out', 'results-workers'], {
      cwd: app,
      env: { ...process.env, XDG_CACHE_HOME: join(work, 'cache') },
      timeout: 60_000,
    });
    assert.equal(callsOf('echo-workers'), 6, stdout);
  });
});
