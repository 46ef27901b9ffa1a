import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { main } from '../../src/cli/main.ts';
import { loadScenario } from '../../src/scenario/index.ts';
import { runCli } from '../helpers/cli.ts';
import { startEverything, type RunningServer } from '../helpers/servers.ts';
import { startScriptedServer, textResult } from '../mcp/scripted-server.ts';

const SHORT_RUN = ['--vus', '2', '--duration', '3s', '--think', '20ms..50ms'];
// The generated scenarios run in this thread: with a target the default is two worker threads, each
// loading the sources through tsx (~2 s of CPU), and the workers are not what init is about.
const ONE_THREAD = ['--workers', '1'];

async function init(url: string, file: string, extra: string[] = []): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await main(['init', url, '--out', file, ...SHORT_RUN, ...extra], (line) => lines.push(line));
  return { code, lines };
}

function activeCalls(text: string): string[] {
  return [...text.matchAll(/^ {6}- call: "(.*)"$/gm)].map((m) => JSON.parse(`"${m[1]}"`) as string);
}

describe('mcp-load init against server-everything', () => {
  let server: RunningServer;
  let dir: string;
  before(async () => {
    server = await startEverything('streamableHttp');
    dir = mkdtempSync(join(tmpdir(), 'mcp-load-init-'));
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a scenario with one call per tool, the ones it must not run commented out with the reason, that runs clean', async () => {
    const file = join(dir, 'scenario.yml');
    const { code, lines } = await init(server.url, file);
    assert.equal(code, 0, lines.join('\n'));
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^# yaml-language-server: \$schema=\S+schema\/scenario\.schema\.json$/m);
    assert.deepEqual(activeCalls(text), [
      'echo',
      'get-annotated-message',
      'get-env',
      'get-resource-links',
      'get-resource-reference',
      'get-structured-content',
      'get-sum',
      'get-tiny-image',
      'toggle-simulated-logging',
      'toggle-subscriber-updates',
    ]);
    assert.match(text, /# left out: openWorldHint: it may reach beyond this server; uncomment to load it\n {6}# - call: "gzip-file-as-resource"/);
    assert.match(text, /# left out: its name says it runs long on purpose; uncomment to load it\n {6}# - call: "trigger-long-running-operation"/);
    assert.match(
      text,
      /# left out: it runs only as a task \(execution\.taskSupport: required\), which mcp-load does not drive; uncomment to load it\n {6}# - call: "simulate-research-query"/,
    );
    assert.match(text, /"a": "\{\{fromSchema '\{ type: number \}'\}\}"/);
    assert.match(text, /mcp_call_duration: \["p\(95\)<500"\]\n {2}mcp_errors: \["rate<0\.01"\]/);
    const scenario = await loadScenario(file, { env: {} });
    assert.equal(scenario.scenarios[0].executor, 'ramping-vus');

    const run = await runCli(['run', file, '--out', join(dir, 'result'), '--quiet', ...ONE_THREAD]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /checks\.+: 100\.00%/);
  });

  it('refuses to overwrite a file unless --force', async () => {
    const file = join(dir, 'taken.yml');
    writeFileSync(file, 'mine');
    const { code, lines } = await init(server.url, file);
    assert.equal(code, 1);
    assert.match(lines.join('\n'), /taken\.yml exists; pass --force to overwrite it/);
    assert.equal(readFileSync(file, 'utf8'), 'mine');
    assert.equal((await init(server.url, file, ['--force'])).code, 0);
  });
});

/** Input schemas as FastMCP (pydantic) publishes them: titles, Optional as anyOf-null, models under $defs. */
const FASTMCP_TOOLS = [
  {
    name: 'search_items',
    description: 'Search the catalogue.\nthresholds: {} # a description that tries to break out of its comment',
    inputSchema: {
      type: 'object',
      title: 'search_itemsArguments',
      properties: {
        query: { type: 'string', title: 'Query', minLength: 2, maxLength: 30 },
        limit: { type: 'integer', title: 'Limit', default: 10, minimum: 1, maximum: 50 },
        category: { anyOf: [{ type: 'string', enum: ["men's", 'kids', '${HOME}'] }, { type: 'null' }], title: 'Category' },
      },
      required: ['query', 'category'],
    },
  },
  {
    name: 'create_order',
    inputSchema: {
      type: 'object',
      $defs: {
        Line: {
          type: 'object',
          title: 'Line',
          properties: { sku: { type: 'string', format: 'uuid' }, qty: { type: 'integer', exclusiveMinimum: 0, maximum: 9 } },
          required: ['sku', 'qty'],
        },
      },
      properties: { lines: { type: 'array', items: { $ref: '#/$defs/Line' }, minItems: 1, title: 'Lines' }, email: { type: 'string', format: 'email' } },
      required: ['lines', 'email'],
    },
  },
  { name: 'deleteItem', inputSchema: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] } },
  { name: 'set_code', inputSchema: { type: 'object', properties: { code: { type: 'string', pattern: '^[A-Z]{3}$' } }, required: ['code'] } },
  { name: 'ping_{{vu}}_${HOME}', inputSchema: { type: 'object', properties: {} } },
];

describe('mcp-load init against a FastMCP-style server', () => {
  const ajv = new Ajv({ strict: false, validateFormats: false });
  const validators = new Map(FASTMCP_TOOLS.map((t) => [t.name, ajv.compile(t.inputSchema)]));
  const calls = new Map<string, { valid: number; invalid: string[] }>();
  let server: RunningServer;
  let dir: string;
  before(async () => {
    server = await startScriptedServer((request, res) => {
      res.setHeader('content-type', 'application/json');
      if (request.method === 'tools/list') return void res.end(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: { tools: FASTMCP_TOOLS } }));
      if (request.method === 'tools/call') {
        const { name, arguments: args } = request.params as { name: string; arguments: unknown };
        const seen = calls.get(name) ?? { valid: 0, invalid: [] };
        calls.set(name, seen);
        const validate = validators.get(name);
        if (validate?.(args)) seen.valid++;
        else seen.invalid.push(JSON.stringify(args));
        return void res.end(textResult(request.id, 'ok'));
      }
      res.end(JSON.stringify({ jsonrpc: '2.0', id: request.id, error: { code: -32601, message: 'Method not found' } }));
    });
    dir = mkdtempSync(join(tmpdir(), 'mcp-load-init-'));
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every call the generated scenario makes carries arguments the server validates, and no destructive tool is called', async () => {
    const file = join(dir, 'scenario.yml');
    assert.equal((await init(server.url, file, ['-H', 'Authorization: Bearer s3cret'])).code, 0);
    const text = readFileSync(file, 'utf8');
    assert.ok(!text.includes('s3cret'), 'the header value is not written');
    assert.match(text, /^headers: .*\n {2}"Authorization": "\$\{AUTHORIZATION\}"$/m);
    assert.deepEqual(activeCalls(text), ['search_items', 'create_order', 'ping_{{vu}}_$${HOME}']);
    assert.match(text, /# left out: its name looks destructive; uncomment to load it\n {6}# - call: "deleteItem"/);
    assert.match(text, /# left out: argument code needs a value \(#: "pattern" "\^\[A-Z\]\{3\}\$" is not sampled/);
    assert.match(text, /^ {6}# search_items — Search the catalogue\. thresholds: \{\} # a description/m);

    process.env.AUTHORIZATION = 'Bearer from-the-environment';
    const run = await runCli(['run', file, '--out', join(dir, 'result'), '--quiet', ...ONE_THREAD]).finally(() => delete process.env.AUTHORIZATION);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    for (const tool of ['search_items', 'create_order', 'ping_{{vu}}_${HOME}']) {
      const seen = calls.get(tool);
      assert.ok(seen && seen.valid > 0, `${tool} was called`);
      assert.deepEqual(seen.invalid, [], `${tool}: every argument object valid`);
    }
    assert.equal(calls.get('deleteItem'), undefined);
    assert.equal(calls.get('set_code'), undefined);
  });
});
