import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { startDemoServer, type DemoServer } from '../../src/demo/index.ts';
import { runTest } from '../../src/engine/run.ts';
import { TrendSink } from '../../src/engine/metrics/trend.ts';
import { buildResult, readResult, writeResult, ResultFileError, type Result } from '../../src/results/index.ts';
import { parseScenario } from '../../src/scenario/index.ts';

const SCENARIO = `
headers: { Authorization: "Bearer s3cr3t-token" }
scenarios:
  agents:
    executor: per-vu-iterations
    vus: 3
    iterations: 10
    flow:
      - call: send_sms
        args: { to: "{{randomDigits 11}}", text: "hi" }
      - call: lookup_number
        args: { number: "+15551234567" }
thresholds:
  mcp_call_duration: ["p(95)<5000"]
`;

describe('result.json', () => {
  let demo: DemoServer;
  let dir: string;
  let result: Result;
  let file: string;

  before(async () => {
    demo = await startDemoServer({ failureRate: 0 });
    dir = mkdtempSync(join(tmpdir(), 'mcp-load-result-'));
    const scenario = parseScenario(SCENARIO, join(dir, 'round-trip.yml'), { target: demo.url });
    const run = await runTest(scenario, { url: `${demo.url}?token=abc` });
    result = buildResult(scenario, `${demo.url}?token=abc`, run);
    file = join(dir, 'result.json');
    await writeResult(file, result);
  });
  after(async () => {
    await demo.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips: re-read, its histograms decode to the same percentiles as its summaries', async () => {
    const reread = await readResult(file);
    assert.deepEqual(reread, JSON.parse(JSON.stringify(result)));
    const trends = reread.metrics.metrics.filter((s) => s.type === 'trend' && s.summary.count > 0);
    assert.ok(trends.length >= 5, 'several trends recorded');
    for (const s of trends) {
      if (s.type !== 'trend') continue;
      const sink = TrendSink.fromState(s);
      try {
        assert.equal(sink.count, s.summary.count, `${s.metric} count`);
        for (const [p, key] of [
          [50, 'p50'],
          [95, 'p95'],
          [99, 'p99'],
        ] as const) {
          assert.equal(sink.summary(reread.durationMs)[key], s.summary[key], `${s.metric}${JSON.stringify(s.tags)} ${key}`);
          assert.ok(p > 0);
        }
      } finally {
        sink.dispose();
      }
    }
  });

  it('validates against schema/result.schema.json', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const validate = ajv.compile(JSON.parse(readFileSync('schema/result.schema.json', 'utf8')));
    assert.ok(validate(JSON.parse(readFileSync(file, 'utf8'))), JSON.stringify(validate.errors));
  });

  it('counts every call: 3 VUs × 10 iterations × 2 tools, each call one HTTP request', () => {
    assert.deepEqual(
      result.byTool.map((r) => [r.tool, r.calls, r.httpReqs, r.errors]),
      [
        ['lookup_number', 30, 30, 0],
        ['send_sms', 30, 30, 0],
      ],
    );
    assert.equal(result.httpPerCall.byPhase.calls, 1);
  });

  it('keeps no secret: header values and URL query are gone', () => {
    const text = readFileSync(file, 'utf8');
    assert.ok(!text.includes('s3cr3t-token'), 'header value absent');
    assert.ok(!text.includes('token=abc'), 'query absent');
    assert.equal(result.target, demo.url);
  });

  it('a result of another schema version is refused with what to do, never misread', async () => {
    const newer = join(dir, 'newer.json');
    writeFileSync(newer, JSON.stringify({ ...result, schemaVersion: 3 }));
    await assert.rejects(
      readResult(newer),
      (err: Error) => err instanceof ResultFileError && /newer than this mcp-load reads \(2\); upgrade mcp-load/.test(err.message),
    );
    const v1 = join(dir, 'v1.json');
    writeFileSync(v1, JSON.stringify({ ...result, schemaVersion: 1 }));
    await assert.rejects(readResult(v1), /older than this mcp-load reads \(2\); re-run the test .*counted each session handshake as an MCP call/);
    const older = join(dir, 'older.json');
    writeFileSync(older, JSON.stringify({ ...result, schemaVersion: 0 }));
    await assert.rejects(readResult(older), /older than this mcp-load reads/);
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '<html>');
    await assert.rejects(readResult(junk), /not a readable mcp-load result/);
  });
});
