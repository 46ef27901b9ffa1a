// The harness of the reliability matrix: one scenario (1 VU, a few calls, a planted bearer token)
// run in-process through the same steps as `mcp-load run` (engine, result, report files), with
// what a probe checks: how long the run took, the error kinds, the files and whether they are
// schema-valid, and whether the planted secret reached any of them.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { writeReportFiles } from '../../src/cli/report-files.ts';
import { runTest } from '../../src/engine/run.ts';
import type { ErrorKind } from '../../src/engine/error-samples.ts';
import type { JsonRpcRequest } from '../../src/mcp/index.ts';
import { buildResult, type Result } from '../../src/results/index.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import type { RunningServer } from '../helpers/servers.ts';
import { startScriptedServer } from '../mcp/scripted-server.ts';

export const PLANTED_TOKEN = 'probe_SECRET_token_9d2f';

const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(JSON.parse(readFileSync('schema/result.schema.json', 'utf8')));

/** A Streamable HTTP server whose handshake is sound and whose tools/call replies are the probe's. */
export function startHostileServer(onCall: (request: JsonRpcRequest, res: ServerResponse) => void): Promise<RunningServer> {
  return startScriptedServer((request, res) => {
    // The 2026 discovery probe is turned down as a 2025 server does.
    if (request.method !== 'tools/call') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ jsonrpc: '2.0', id: request.id, error: { code: -32601, message: 'Method not found' } }));
    }
    onCall(request, res);
  });
}

export interface ProbeRun {
  elapsedMs: number;
  result: Result;
  errors: ErrorKind[];
  /** Calls of the probed tool that succeeded. */
  successes: number;
}

export interface ProbeOptions {
  /** Per-request deadline, as the scenario writes it. */
  timeout?: string;
  calls?: number;
  /** Extra top-level scenario lines. */
  extra?: string;
}

/**
 * Runs `calls` calls of `probe_tool` (1 VU) against `url`, writes the three files, and checks what
 * every probe must hold: the run ended within `boundMs`, result.json is schema-valid, and the
 * planted token is in no file.
 */
export async function runProbe(url: string, boundMs: number, options: ProbeOptions = {}): Promise<ProbeRun> {
  const yaml = [
    'transport: streamable-http',
    `timeout: ${options.timeout ?? '1s'}`,
    'headers:',
    `  Authorization: "Bearer ${PLANTED_TOKEN}"`,
    options.extra ?? '',
    'scenarios:',
    '  probe:',
    '    executor: per-vu-iterations',
    '    vus: 1',
    `    iterations: ${options.calls ?? 2}`,
    '    maxDuration: 30s',
    '    gracefulStop: 1s',
    '    flow: [{ call: probe_tool }]',
    '',
  ].join('\n');
  const scenario = parseScenario(yaml, 'probe.yml', { env: {} });
  const started = performance.now();
  const outcome = await runTest(scenario, { url });
  const elapsedMs = performance.now() - started;
  assert.ok(elapsedMs < boundMs, `the run took ${Math.round(elapsedMs)} ms, beyond its bound of ${boundMs} ms`);
  const result = buildResult(scenario, url, outcome);
  const dir = mkdtempSync(join(tmpdir(), 'mcp-load-probe-'));
  try {
    await writeReportFiles(dir, result);
    assert.deepEqual(readdirSync(dir).sort(), ['report.html', 'result.json', 'summary.md']);
    const written = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
    assert.ok(validate(written), JSON.stringify(validate.errors));
    for (const name of readdirSync(dir)) {
      const text = readFileSync(join(dir, name), 'utf8');
      assert.ok(!text.includes(PLANTED_TOKEN) && !text.includes(PLANTED_TOKEN.replace(/_/g, '&#95;')), `${name} holds the planted token`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const calls = result.metrics.metrics.find((m) => m.metric === 'mcp_calls' && m.tags.tool === 'probe_tool' && m.tags.error_class === undefined);
  return { elapsedMs, result, errors: outcome.errors.filter((e) => e.tool === 'probe_tool'), successes: calls?.type === 'counter' ? calls.summary.count : 0 };
}
