import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, runCliProcess, runShippedCli } from '../helpers/cli.ts';
import { freePort, startEverything, type RunningServer } from '../helpers/servers.ts';

describe('mcp-load run', () => {
  let server: RunningServer;
  let dir: string;
  const scenario = (body: string): string => {
    const file = join(dir, `s${Math.random().toString(36).slice(2)}.yml`);
    writeFileSync(file, `target: ${server.url}\n${body}`);
    return file;
  };

  before(async () => {
    server = await startEverything('streamableHttp');
    dir = mkdtempSync(join(tmpdir(), 'mcp-load-cli-'));
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const short = `scenarios:
  agents:
    executor: per-vu-iterations
    vus: 2
    iterations: 3
    flow:
      - call: echo
        args: { message: "hi {{vu}}" }
        check: { contains: "hi" }
`;

  // The one run through the real entry point (src/cli/index.ts in a child process); the others call main().
  // It runs the default workers (two threads here, as a target is given); the others run in one
  // thread (--workers 1): a worker thread loading the sources through tsx costs ~2 s of CPU, and the
  // workers are not what they test (test/cli/workers.test.ts is, SIGINT with workers included).
  it('exits 0, prints the k6-style summary and writes result.json when thresholds pass', async () => {
    const out = join(dir, 'pass');
    const run = await runCliProcess(['run', scenario(`${short}thresholds:\n  mcp_errors: ["rate<0.01"]\n`), '--out', out, '--quiet']);
    assert.equal(run.code, 0, run.stderr);
    for (const heading of ['█ THRESHOLDS', '█ TOTAL RESULTS', 'CHECKS', 'MCP', 'HTTP', 'EXECUTION', 'NETWORK']) {
      assert.ok(run.stdout.includes(heading), `summary has ${heading}`);
    }
    assert.match(run.stdout, /✓ 'rate<0\.01' rate=0\.00%/);
    assert.match(run.stdout, /http_reqs per mcp call\.+: \d+\.\d\d/);
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    assert.equal(result.schemaVersion, 2);
    assert.match(readFileSync(join(out, 'report.html'), 'utf8'), /^<!doctype html>/i);
    assert.match(readFileSync(join(out, 'summary.md'), 'utf8'), /^<!-- mcp-load:s[a-z0-9]+ -->\n/);
    const calls = result.metrics.metrics.find((m: { metric: string; tags: object }) => m.metric === 'mcp_calls' && Object.keys(m.tags).length === 0);
    // 2 VUs × 3 iterations × 1 call: the sessions' handshakes and DELETEs are session metrics, not MCP calls.
    assert.equal(calls.summary.count, 6);
    assert.deepEqual([result.sessions.created, result.sessions.closed], [2, 2]);
  });

  it('exits 99 when a threshold fails, as k6 does, and still writes the result', async () => {
    const out = join(dir, 'fail');
    const run = await runCli(['run', scenario(`${short}thresholds:\n  mcp_call_duration: ["max<0.001"]\n`), '--out', out, '--quiet', '--workers', '1']);
    assert.equal(run.code, 99);
    assert.match(run.stdout, /✗ 'max<0\.001' max=/);
    assert.match(run.stderr, /thresholds failed: mcp_call_duration max<0\.001/);
    assert.ok(existsSync(join(out, 'result.json')));
  });

  it('exits 1 with file, line and column for a bad scenario', async () => {
    const file = scenario('scenarios:\n  agents:\n    executor: constant-vus\n    vus: 2\n    duraton: 5s\n    flow: [{ ping: {} }]\n');
    const run = await runCli(['run', file, '--quiet']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6:5: .*duraton.*did you mean "duration"`));
  });

  it('exits 2 with the usage for an unknown command', async () => {
    const run = await runCli(['launch']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /unknown command "launch"/);
    assert.match(run.stderr, /Usage: mcp-load <command>/);
  });

  it('on SIGINT stops gracefully, writes the result of what ran and exits 130', async () => {
    const out = join(dir, 'sigint');
    const file = scenario(`scenarios:
  agents:
    executor: constant-vus
    vus: 2
    duration: 60s
    gracefulStop: 1s
    flow:
      - call: echo
        args: { message: "x" }
      - think: 50ms
`);
    let sent = false;
    // The CLI as shipped (dist/cli.cjs from these sources): its signal handling, without a second child loading the sources.
    const run = await runShippedCli(['run', file, '--out', out, '--workers', '1'], (stderr, child) => {
      if (!sent && /running .*calls=[1-9]/.test(stderr)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    assert.ok(sent, `progress was shown: ${run.stderr}`);
    assert.equal(run.code, 130, run.stderr);
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    assert.equal(result.interrupted, 'signal');
    assert.ok(result.durationMs < 30_000, `stopped early (${result.durationMs} ms)`);
  });

  it('report re-renders report.html and summary.md from a result; a result of another version is refused', async () => {
    const out = join(dir, 'rerender');
    const first = await runCli(['run', scenario(short), '--out', join(dir, 'source'), '--quiet', '--workers', '1']);
    assert.equal(first.code, 0, first.stderr);
    const again = await runCli(['report', join(dir, 'source', 'result.json'), '--out', out]);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(readFileSync(join(out, 'report.html'), 'utf8'), readFileSync(join(dir, 'source', 'report.html'), 'utf8'));
    assert.equal(readFileSync(join(out, 'summary.md'), 'utf8'), readFileSync(join(dir, 'source', 'summary.md'), 'utf8'));

    const future = join(dir, 'future.json');
    writeFileSync(future, JSON.stringify({ ...JSON.parse(readFileSync(join(dir, 'source', 'result.json'), 'utf8')), schemaVersion: 9 }));
    const refused = await runCli(['report', future]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /result schema version 9 is newer than this mcp-load reads \(2\); upgrade mcp-load/);
  });

  it('a closed port without thresholds: exit 99 (the default health gate), the headline in words everywhere', async () => {
    const port = await freePort();
    const file = join(dir, 'closed.yml');
    writeFileSync(
      file,
      `target: http://127.0.0.1:${port}/mcp\nscenarios:\n  agents:\n    executor: constant-vus\n    vus: 2\n    duration: 2s\n    flow:\n      - call: echo\n        args: { message: hi }\n`,
    );
    const out = join(dir, 'closed');
    const run = await runCli(['run', file, '--out', out, '--quiet', '--workers', '1']);
    assert.equal(run.code, 99, run.stderr);
    const headline = new RegExp(
      `target unreachable: \\d+ of \\d+ MCP calls failed: the session handshake \\(initialize\\) could not connect \\(ECONNREFUSED\\) to http://127\\.0\\.0\\.1:${port}/mcp`,
    );
    assert.match(run.stdout, new RegExp(`^  ❌ ${headline.source}`, 'm'));
    assert.match(run.stdout, /✗ 'rate<0\.05' rate=100\.00%  \(default\)/);
    assert.match(run.stderr, /thresholds failed: mcp_errors rate<0\.05 \(default\), mcp_calls\{expected_response:true\} count>=1 \(default\)/);
    const summary = readFileSync(join(out, 'summary.md'), 'utf8').split('\n')[1].replaceAll('&#58;', ':');
    assert.match(summary, new RegExp(`^❌ \\*\\*mcp-load: ${headline.source}`));
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    assert.equal(result.findings[0].id, 'target-unreachable');
  });

  it('a warm-up as long as the schedule is refused before any load, naming the line', async () => {
    const run = await runCli(['run', scenario(`warmup: 1h\n${short}`), '--quiet']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /:2:9: warmup: warm-up of 1h lasts as long as the whole schedule .*nothing would be measured/);
  });
});
