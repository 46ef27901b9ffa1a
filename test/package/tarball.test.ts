// The package as a user gets it: bundled from src/ now, packed with `npm pack`, installed offline into
// an empty folder (so it can need no dependency from the registry), and run from there.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startScriptedServer, textResult } from '../mcp/scripted-server.ts';
import type { RunningServer } from '../helpers/servers.ts';

const run = promisify(execFile);
const TSX = fileURLToPath(import.meta.resolve('tsx'));
const PACKAGE = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; files: string[] };

let work: string;
let app: string;
let bin: string;
let server: RunningServer;
let toolCalls = 0;
let packed: { size: number; unpackedSize: number; files: { path: string }[] };
let hooks: string;

/**
 * The environment that makes a node process log every file it loads into `log`: a module hook
 * (registered by --import) appends each URL it loads, dynamic imports included.
 */
function loggingEnv(log: string): NodeJS.ProcessEnv {
  return { ...process.env, NODE_OPTIONS: `--import ${join(hooks, 'register.mjs')}`, LOADED_LOG: log };
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
  const [, started] = await Promise.all([
    run(process.execPath, ['scripts/build.mjs', join(stage, 'dist'), '--no-types']),
    startScriptedServer((request, res) => {
      if (request.method === 'tools/call') toolCalls++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(textResult(request.id, 'ok'));
    }),
  ]);
  server = started;
  // --no-types: the declarations are the slow part of the build; dist.test.ts builds and checks them.
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: stage });
  packed = (JSON.parse(stdout) as (typeof packed)[])[0];
  hooks = join(work, 'hooks');
  mkdirSync(hooks);
  writeFileSync(
    join(hooks, 'register.mjs'),
    "import { register } from 'node:module';\nregister('./log-loads.mjs', import.meta.url, { data: process.env.LOADED_LOG });\n",
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
    'dist/cli.js',
    'dist/cli.js.map',
    'dist/mcp-load.js',
    'dist/worker.js',
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

test('mcp-load --version from the installed package prints the package version', async () => {
  const { stdout } = await run(bin, ['--version'], { cwd: app });
  assert.equal(stdout.trim(), `mcp-load ${PACKAGE.version}`);
});

test('mcp-load run from the installed package makes exactly the scenario’s calls against a server the test started', async () => {
  writeFileSync(join(app, 'tiny.yml'), 'scenarios:\n  once:\n    executor: per-vu-iterations\n    vus: 1\n    iterations: 3\n    flow:\n      - call: echo\n');
  const before = toolCalls;
  const { stdout } = await run(bin, ['run', 'tiny.yml', '--target', server.url, '--quiet', '--out', 'results'], { cwd: app, timeout: 60_000 });
  assert.equal(toolCalls - before, 3, stdout);
  assert.ok(existsSync(join(app, 'results', 'report.html')), 'report.html was not written');
});

test('mcp-load demo from the installed package serves MCP on the URL it prints, and stops at SIGINT', async () => {
  const child = spawn(bin, ['demo', '--quiet', '--out', 'demo-results'], { cwd: app, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const found = /embedded demo server at (\S+)/.exec(stderr);
      if (found) resolve(found[1]);
    });
    void exited.then(() => reject(new Error(`demo exited before it started its server: ${stderr}`)));
  });
  try {
    const reply = await fetch(url, {
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
    child.kill('SIGINT');
  }
  const code = await Promise.race([exited, new Promise<'hung'>((resolve) => setTimeout(resolve, 30_000, 'hung').unref())]);
  assert.equal(code, 130, stderr);
});

test('examples/session.ts runs from the installed package: it imports mcp-load by name', async () => {
  cpSync(join(app, 'node_modules', 'mcp-load', 'examples', 'session.ts'), join(app, 'session.ts'));
  const before = toolCalls;
  const { stdout } = await run(process.execPath, ['--import', TSX, 'session.ts', server.url, 'echo', '{"text":"hi"}'], { cwd: app, timeout: 30_000 });
  assert.equal(toolCalls - before, 1);
  assert.match(stdout, /^tools\/call echo: success in [\d.]+ ms, 1 HTTP \(POST 200\)$/m);
});

test('--version and --help load neither the demo server, the HTML report nor the outputs', async () => {
  for (const args of [['--version'], ['--help']]) {
    const log = join(work, `loaded${args[0]}.log`);
    await run(process.execPath, [join(app, 'node_modules', 'mcp-load', 'dist', 'cli.js'), ...args], { cwd: app, env: loggingEnv(log) });
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

test('run with a target loads no demo server and no outputs it was not asked for; demo loads the demo server', async () => {
  const runLog = join(work, 'loaded-run.log');
  await run(
    process.execPath,
    [join(app, 'node_modules', 'mcp-load', 'dist', 'cli.js'), 'run', 'tiny.yml', '--target', server.url, '--quiet', '--out', 'results-2'],
    {
      cwd: app,
      env: loggingEnv(runLog),
      timeout: 60_000,
    },
  );
  const ran = loadedSources(runLog);
  assert.ok(
    ran.some((s) => HTML_REPORT.test(s)),
    'run writes report.html, so it loads the HTML report',
  );
  assert.deepEqual(
    ran.filter((s) => DEMO_SERVER.test(s) || OUTPUTS.test(s)),
    [],
  );

  const demoLog = join(work, 'loaded-demo.log');
  const child = spawn(process.execPath, [join(app, 'node_modules', 'mcp-load', 'dist', 'cli.js'), 'demo', '--quiet', '--out', 'demo-2'], {
    cwd: app,
    env: loggingEnv(demoLog),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise((resolve) => child.on('close', resolve));
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (stderr.includes('embedded demo server at')) resolve();
    });
    void exited.then(() => reject(new Error(`demo exited before it started its server: ${stderr}`)));
  });
  child.kill('SIGINT');
  await exited;
  assert.ok(
    loadedSources(demoLog).some((s) => DEMO_SERVER.test(s)),
    'demo loads the demo server',
  );
});

test('the README’s library example runs from the installed package against a server the test started', async () => {
  const readme = readFileSync('README.md', 'utf8');
  const example = /## As a library[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  assert.ok(example.includes("from 'mcp-load'"), 'the README has a ts example under "As a library"');
  writeFileSync(
    join(app, 'scenario.yml'),
    'scenarios:\n  once:\n    executor: per-vu-iterations\n    vus: 1\n    iterations: 2\n    flow:\n      - call: echo\n',
  );
  writeFileSync(join(app, 'readme-example.mjs'), example.replaceAll('http://127.0.0.1:3000/mcp', server.url));
  const before = toolCalls;
  const { stdout } = await run(process.execPath, ['readme-example.mjs'], { cwd: app, timeout: 60_000 });
  assert.equal(toolCalls - before, 2);
  assert.match(stdout, /MCP/);
  assert.ok(existsSync(join(app, 'result.json')), 'result.json was not written');
});

test('mcp-load run --workers 2 from the installed package runs both slices in worker threads (dist/worker.js ships)', async () => {
  writeFileSync(join(app, 'two.yml'), 'scenarios:\n  each:\n    executor: per-vu-iterations\n    vus: 2\n    iterations: 3\n    flow:\n      - call: echo\n');
  const before = toolCalls;
  const { stdout } = await run(bin, ['run', 'two.yml', '--target', server.url, '--workers', '2', '--quiet', '--out', 'results-workers'], {
    cwd: app,
    timeout: 60_000,
  });
  assert.equal(toolCalls - before, 6, stdout);
});
