import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRACEPARENT } from '../../src/mcp/index.ts';
import type { Result } from '../../src/results/index.ts';
import { runCli, type CliExit } from '../helpers/cli.ts';
import type { RunningServer } from '../helpers/servers.ts';
import { startScriptedServer, textResult } from '../mcp/scripted-server.ts';

// Far above a stall of the event loop this process shares with the server and the run (tens of ms on a busy runner).
const SLOW_MS = 250;

/**
 * `trace:` end to end: a server that delays every fourth tools/call by 250 ms and records each call's
 * traceparent (header and `_meta`) and which trace ids it delayed — the ground truth the exemplars in
 * result.json and report.html are checked against.
 */
describe('trace: traceparent on every call, the slowest sampled calls kept as exemplars', () => {
  let server: RunningServer;
  const headers: string[] = [];
  const metas: unknown[] = [];
  const delayed = new Set<string>();
  let dir: string;
  let run: CliExit;

  before(async () => {
    let calls = 0;
    server = await startScriptedServer(
      (request, res) => {
        const traceparent = headers[headers.length - 1];
        const reply = () => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(textResult(request.id, 'ok'));
        };
        if (++calls % 4 === 0) {
          delayed.add(traceparent.slice(3, 35));
          setTimeout(reply, SLOW_MS);
        } else reply();
      },
      (message, h) => {
        if (message.method !== 'tools/call') return;
        headers.push(String(h.traceparent));
        metas.push((message.params as { _meta?: { traceparent?: unknown } })._meta?.traceparent);
      },
    );
    dir = mkdtempSync(join(tmpdir(), 'mcp-load-trace-'));
    const scenario = join(dir, 'traced.yml');
    writeFileSync(
      scenario,
      `target: ${server.url}
protocolVersion: "2025-11-25"
trace: { propagate: true, sample: 1 }
scenarios:
  agents:
    executor: per-vu-iterations
    vus: 1
    iterations: 40
    maxDuration: 20s
    flow:
      - call: echo
        args: { message: hi }
`,
    );
    run = await runCli(['run', scenario, '--out', join(dir, 'result'), '--quiet']);
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every call carried a valid traceparent, the same in the header and in _meta', () => {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(headers.length, 40);
    for (const [i, h] of headers.entries()) {
      assert.match(h, TRACEPARENT);
      assert.equal(metas[i], h);
    }
  });

  it('result.json keeps the 10 slowest sampled calls, slowest first, and they are the ones the server delayed', () => {
    const result = JSON.parse(readFileSync(join(dir, 'result', 'result.json'), 'utf8')) as Result;
    const exemplars = result.traceExemplars!;
    assert.equal(exemplars.length, 10);
    assert.equal(delayed.size, 10);
    const seen = new Set(headers.map((h) => h.slice(3, 35)));
    for (const e of exemplars) {
      assert.ok(seen.has(e.traceId), `${e.traceId} was sent to the server`);
      assert.equal(e.tool, 'echo');
    }
    assert.deepEqual(
      [...exemplars].sort((a, b) => b.durationMs - a.durationMs),
      exemplars,
    );
    assert.deepEqual(new Set(exemplars.map((e) => e.traceId)), delayed, 'the 10 calls delayed by 250 ms are the 10 slowest');
    assert.ok(exemplars.every((e) => e.durationMs >= SLOW_MS));
  });

  it('report.html lists them', () => {
    const file = join(dir, 'result', 'report.html');
    assert.ok(existsSync(file));
    const html = readFileSync(file, 'utf8');
    assert.match(html, /<section id="trace-exemplars">/);
    for (const id of delayed) assert.ok(html.includes(id), id);
  });
});
