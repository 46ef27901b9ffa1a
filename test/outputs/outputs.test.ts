import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliExit } from '../helpers/cli.ts';
import { freePort, type RunningServer } from '../helpers/servers.ts';
import { startCountingServer, startOtlpReceiver, startPrometheus, type OtlpReceiver, type PrometheusServer } from './servers.ts';
import { assertValidJunit } from './junit-schema.ts';

const DELAY_MS = 30;

/** One short run against a server answering `echo` after 30 ms, writing to every output at once. */
describe('--output: junit, json, prometheus and otlp from one run, checked against their real readers', () => {
  let server: RunningServer & { calls: () => number };
  let prometheus: PrometheusServer;
  let otlp: OtlpReceiver;
  let dir: string;
  let run: CliExit;

  before(async () => {
    [server, prometheus, otlp] = await Promise.all([startCountingServer(DELAY_MS), startPrometheus(), startOtlpReceiver()]);
    dir = mkdtempSync(join(tmpdir(), 'mcp-load-outputs-'));
    const scenario = join(dir, 'out-test.yml');
    writeFileSync(
      scenario,
      `target: ${server.url}
scenarios:
  agents:
    executor: constant-vus
    vus: 2
    duration: 2500ms
    flow:
      - call: echo
        args: { message: "<&\\"'>" }
        check: { notError: true }
      - think: 20ms
thresholds:
  mcp_call_duration: ["p(95)<1"]
  mcp_errors: ["rate<0.01"]
`,
    );
    run = await runCli([
      'run',
      scenario,
      '--out',
      join(dir, 'result'),
      '--quiet',
      '-o',
      `junit=${join(dir, 'junit.xml')}`,
      '-o',
      `json=${join(dir, 'samples.jsonl')}`,
      '--output',
      `prometheus=${prometheus.url}/api/v1/write`,
      '--output',
      `otlp=${otlp.url}`,
    ]);
  });
  after(async () => {
    await Promise.all([server?.stop(), prometheus?.stop(), otlp?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs, fails the impossible threshold (exit 99) and says where each output went', () => {
    assert.equal(run.code, 99, run.stdout + run.stderr);
    assert.ok(server.calls() > 10, `${server.calls()} calls`);
    assert.match(run.stdout, /^junit: .*junit\.xml$/m);
    assert.match(run.stdout, /^json: .*samples\.jsonl$/m);
    assert.match(run.stdout, /^prometheus: \d+ series written to http:\/\/127\.0\.0\.1:\d+\/api\/v1\/write$/m);
    assert.match(run.stdout, /^otlp: \d+ operation histograms exported to /m);
  });

  it('junit: valid against the common JUnit schema, thresholds and checks as test cases, the failing one with its observed value', () => {
    const file = join(dir, 'junit.xml');
    assertValidJunit(file);
    const xpath = (expr: string) => execFileSync('xmllint', ['--xpath', expr, file], { encoding: 'utf8' }).trim();
    assert.equal(xpath('sum(/testsuites/testsuite/@tests)'), '4');
    assert.equal(xpath('sum(/testsuites/testsuite/@failures)'), '1');
    assert.equal(xpath('count(/testsuites/testsuite)'), '2');
    assert.equal(
      xpath('count(//testsuite[@name="mcp-load.thresholds"]/testcase[@name="mcp_calls{expected_response:true} count>=1 (default)"][not(failure)])'),
      '1',
    );
    assert.equal(xpath('string(//testsuite[@name="mcp-load.thresholds"]/testcase[failure]/@name)'), 'mcp_call_duration p(95)<1');
    assert.match(xpath('string(//testcase[@name="mcp_call_duration p(95)<1"]/failure/@message)'), /^p\(95\)<1 failed: observed (\d+\.?\d*)$/);
    const observed = Number(/observed (\S+)/.exec(xpath('string(//failure/@message)'))![1]);
    // Bounded by 20× the delay: a loaded neighbour can stretch the tail, while a unit slip is 1000×.
    assert.ok(observed >= DELAY_MS && observed < DELAY_MS * 20, `p95 ${observed} ms for a ${DELAY_MS} ms server`);
    assert.equal(xpath('count(//testsuite[@name="mcp-load.checks"]/testcase[@name="echo: not error"][not(failure)])'), '1');
  });

  it("json: Metric lines first, a Point per second, Summary lines whose call count is the server's", () => {
    const lines = readFileSync(join(dir, 'samples.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.slice(0, 3).map((l) => [l.type, l.metric, l.data.type]),
      [
        ['Metric', 'vus', 'gauge'],
        ['Metric', 'mcp_calls', 'counter'],
        ['Metric', 'mcp_errors', 'rate'],
      ],
    );
    const vus = lines.filter((l) => l.type === 'Point' && l.metric === 'vus');
    assert.ok(vus.length >= 2, `${vus.length} vus points`);
    assert.ok(vus.some((p) => p.data.value === 2));
    const echo = lines.find((l) => l.type === 'Summary' && l.metric === 'mcp_calls' && l.data.tags.tool === 'echo' && l.data.tags.error_class === undefined);
    assert.equal(echo.data.summary.count, server.calls());
  });

  it("prometheus: the stored series, queried back, hold the server's call count and its known latency", async () => {
    const calls = await prometheus.query('sum(mcp_load_mcp_calls_total{tool="echo",method="tools/call",scenario="out-test"})');
    assert.equal(Number(calls[0].value[1]), server.calls());
    const [p95] = await prometheus.query('mcp_load_mcp_call_duration_seconds{quantile="0.95",tool="echo",error_class=""}');
    assert.equal(p95.metric.job, 'mcp-load');
    const seconds = Number(p95.value[1]);
    assert.ok(seconds >= DELAY_MS / 1000 && seconds < (DELAY_MS * 20) / 1000, `p95 ${seconds} s`);
    const [vus] = await prometheus.query('max_over_time(mcp_load_live_vus{scenario="out-test"}[10m])');
    assert.equal(vus.value[1], '2');
  });

  it('otlp: the receiver decodes mcp.client.operation.duration with the MCP attributes, counts and buckets matching the server', () => {
    assert.ok(otlp.contentTypes.every((t) => t === 'application/x-protobuf'));
    const metrics = otlp.requests.flatMap((r) => r.resourceMetrics.flatMap((rm: any) => rm.scopeMetrics.flatMap((sm: any) => sm.metrics)));
    const resource = otlp.requests[0].resourceMetrics[0].resource.attributes.map((a: any) => [a.key, a.value.stringValue]);
    assert.deepEqual(
      resource.find((a: string[]) => a[0] === 'service.name'),
      ['service.name', 'mcp-load'],
    );
    assert.ok(
      metrics.some((m: any) => m.name === 'mcp_load.calls'),
      'a live export',
    );
    const duration = metrics.find((m: any) => m.name === 'mcp.client.operation.duration');
    assert.equal(duration.unit, 's');
    const attrs = (p: any) => Object.fromEntries(p.attributes.map((a: any) => [a.key, a.value.stringValue]));
    const echo = duration.histogram.dataPoints.find((p: any) => attrs(p)['gen_ai.tool.name'] === 'echo');
    assert.deepEqual(attrs(echo), {
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'echo',
      'gen_ai.operation.name': 'execute_tool',
      'mcp_load.scenario': 'agents',
    });
    assert.equal(Number(echo.count), server.calls());
    const counts = echo.bucketCounts.map(Number);
    assert.equal(
      counts.reduce((a: number, b: number) => a + b, 0),
      server.calls(),
    );
    assert.deepEqual(echo.explicitBounds, [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300]);
    assert.equal(counts[0] + counts[1], 0, `no call under 20 ms from a ${DELAY_MS} ms server: ${counts}`);
    assert.ok(echo.sum / Number(echo.count) >= DELAY_MS / 1000);
  });
});

describe('--output to a receiver that is down', () => {
  it('costs a line saying so; the run, its result and its exit code are unchanged', async () => {
    const server = await startCountingServer(1);
    const dir = mkdtempSync(join(tmpdir(), 'mcp-load-outputs-'));
    try {
      const scenario = join(dir, 'down.yml');
      writeFileSync(
        scenario,
        `target: ${server.url}\nscenarios:\n  a:\n    executor: per-vu-iterations\n    vus: 1\n    iterations: 3\n    flow:\n      - call: echo\n`,
      );
      const port = await freePort();
      const run = await runCli([
        'run',
        scenario,
        '--out',
        join(dir, 'result'),
        '--quiet',
        '-o',
        `prometheus=http://user:secret@127.0.0.1:${port}/api/v1/write`,
        '-o',
        `otlp=http://127.0.0.1:${port}/v1/metrics`,
      ]);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.equal(server.calls(), 3);
      assert.match(run.stdout, new RegExp(`^prometheus: writing the result to http://127\\.0\\.0\\.1:${port}/api/v1/write failed: .*ECONNREFUSED`, 'm'));
      assert.match(run.stdout, /^otlp: exporting to .* failed: /m);
      assert.ok(!run.stdout.includes('secret'));
      assert.ok(readFileSync(join(dir, 'result', 'result.json'), 'utf8').length > 0);
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
