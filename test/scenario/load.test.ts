import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadScenario, parseScenario, ScenarioError } from '../../src/scenario/index.ts';
import { errorsOf, parse, withScenario } from './support.ts';

const MINIMAL = withScenario('executor: constant-vus\nduration: 10s\nflow: [ping]');

describe('top-level options', () => {
  it('apply their defaults when omitted; no target means the embedded demo server', () => {
    const scenario = parse(MINIMAL);
    assert.equal(scenario.target, undefined);
    assert.equal(scenario.transport, 'auto');
    assert.deepEqual(scenario.headers, {});
    assert.equal(scenario.timeoutMs, 30_000);
    assert.deepEqual(scenario.wait, { timeoutMs: 0 });
    assert.equal(scenario.warmupMs, 0);
    assert.deepEqual(scenario.data, {});
    // No thresholds written: the default health gate only.
    assert.deepEqual(
      scenario.thresholds.map((t) => [t.key, t.source, t.default]),
      [
        ['mcp_errors', 'rate<0.05', true],
        ['mcp_calls{expected_response:true}', 'count>=1', true],
      ],
    );
    assert.deepEqual(scenario.regression, {});
  });

  it('read every option as written', () => {
    const scenario = parse(
      [
        'target: https://mcp.example.com/mcp',
        'transport: streamable-http',
        'headers: { X-Api-Key: abc, X-Retries: 3 }',
        'timeout: 5s',
        'wait: { timeout: 2m }',
        'warmup: 5s',
        'regression: { minChange: 0.1 }',
        MINIMAL,
      ].join('\n'),
    );
    assert.equal(scenario.target, 'https://mcp.example.com/mcp');
    assert.equal(scenario.transport, 'streamable-http');
    assert.deepEqual(scenario.headers, { 'X-Api-Key': 'abc', 'X-Retries': '3' });
    assert.equal(scenario.timeoutMs, 5_000);
    assert.deepEqual(scenario.wait, { timeoutMs: 120_000 });
    assert.equal(scenario.warmupMs, 5_000);
    assert.deepEqual(scenario.regression, { minChange: 0.1 });
  });

  it('wait defaults its timeout to 60s and refuses more than 10m', () => {
    assert.deepEqual(parse(`wait: {}\n${MINIMAL}`).wait, { timeoutMs: 60_000 });
    assert.deepEqual(errorsOf(`wait: { timeout: 11m }\n${MINIMAL}`), ['scenario.yml:1:18: wait.timeout: must be at most 10m, got 11m']);
  });

  it('trace: off unless given; propagate defaults to true and sample to 0.01; a sample outside 0..1 is refused', () => {
    assert.equal(parse(MINIMAL).client.trace, undefined);
    assert.deepEqual(parse(`trace: {}\n${MINIMAL}`).client.trace, { sample: 0.01 });
    assert.deepEqual(parse(`trace: { sample: 0.5 }\n${MINIMAL}`).client.trace, { sample: 0.5 });
    assert.equal(parse(`trace: { propagate: false, sample: 0.5 }\n${MINIMAL}`).client.trace, undefined);
    assert.deepEqual(errorsOf(`trace: { sample: 2 }\n${MINIMAL}`), [
      'scenario.yml:1:18: trace.sample: must be a fraction from 0 to 1 (e.g. 0.01 for 1 % of calls), got 2',
    ]);
  });

  it('the target option replaces the file target', () => {
    const scenario = parse(`target: https://a.example.com/mcp\n${MINIMAL}`, { target: 'https://b.example.com/mcp' });
    assert.equal(scenario.target, 'https://b.example.com/mcp');
  });

  it('a target must be an http(s) URL', () => {
    assert.deepEqual(errorsOf(`target: localhost:3000\n${MINIMAL}`), ['scenario.yml:1:9: target: "localhost:3000" is not an http(s) URL']);
    assert.deepEqual(errorsOf(MINIMAL, { target: 'nope' }), [
      'scenario.yml: target: "nope" is not a URL (e.g. https://example.com/mcp) (given as the target override)',
    ]);
  });

  it('the id is the slugified file name and file is the path as given', () => {
    const scenario = parseScenario(MINIMAL, 'examples/My Load_Test.v2.yml', { env: {} });
    assert.equal(scenario.id, 'my-load-test-v2');
    assert.equal(scenario.file, 'examples/My Load_Test.v2.yml');
  });
});

describe('errors', () => {
  it('name the file, line, column and path of a bad value', () => {
    const text = withScenario('executor: ramping-vus\nstages:\n  - { duration: 10s, target: 5 }\n  - duration: 3x\n    target: 5\nflow: [ping]');
    assert.deepEqual(errorsOf(text), ['scenario.yml:6:19: scenarios.s.stages[1].duration: "3x" is not a duration (use 500ms, 30s, 1m30s)']);
  });

  it('point at an unknown key and suggest the closest known one', () => {
    assert.deepEqual(errorsOf(`tresholds: {}\n${MINIMAL}`), ['scenario.yml:1:1: tresholds: unknown key (did you mean "thresholds"?)']);
    assert.deepEqual(errorsOf(withScenario('executor: constant-vus\nduration: 1s\nflow: [ping]\nsesion: per-vu')), [
      'scenario.yml:6:5: scenarios.s.sesion: unknown key (did you mean "session"?)',
    ]);
  });

  it('refuse headers that frame the message, which mcp-load sets per request', () => {
    assert.deepEqual(errorsOf(`headers:\n  X-Api-Key: abc\n  Content-Length: 10\n  connection: close\n${MINIMAL}`), [
      'scenario.yml:3:3: headers.Content-Length: is set by mcp-load for each request; remove it',
      'scenario.yml:4:3: headers.connection: is set by mcp-load for each request; remove it',
    ]);
  });

  it('list the allowed keys when nothing is close', () => {
    assert.deepEqual(errorsOf(withScenario('executor: constant-vus\nduration: 1s\nflow: [ping]\nzzz: 1')), [
      'scenario.yml:6:5: scenarios.s.zzz: unknown key; constant-vus takes: executor, startTime, gracefulStop, session, flow, tags, vus, duration',
    ]);
  });

  it('are collected, several at once, in document order', () => {
    const text = ['transport: http', 'timeout: 10', withScenario('executor: constant-vus\nvus: 0\nflow: [ping]')].join('\n');
    assert.deepEqual(errorsOf(text), [
      'scenario.yml:1:12: transport: "http" is not one of auto, streamable-http, sse',
      'scenario.yml:2:10: timeout: 10 is not a duration (use 500ms, 30s, 1m30s)',
      'scenario.yml:4:3: scenarios.s.duration: required (constant-vus runs for a duration, e.g. 30s)',
      'scenario.yml:6:10: scenarios.s.vus: must be at least 1, got 0',
    ]);
  });

  it('are ScenarioError instances carrying structured issues', () => {
    try {
      parse(`warmup: soon\n${MINIMAL}`);
      assert.fail('expected an error');
    } catch (error) {
      assert.ok(error instanceof ScenarioError);
      assert.deepEqual(error.issues, [
        { file: 'scenario.yml', line: 1, column: 9, path: 'warmup', message: '"soon" is not a duration (use 500ms, 30s, 1m30s)' },
      ]);
    }
  });

  it('report YAML syntax errors with their position', () => {
    assert.deepEqual(errorsOf('scenarios:\n  a: 1\n  a: 2\n'), ['scenario.yml:3:3: Map keys must be unique']);
    assert.deepEqual(errorsOf(`${MINIMAL}---\nb: 2\n`), ['scenario.yml:6:1: a scenario file holds one YAML document (remove "---")']);
  });

  it('say what is missing in an empty file or without scenarios', () => {
    assert.deepEqual(errorsOf(''), ['scenario.yml: the file is empty; a scenario needs at least scenarios: (see examples/quickstart.yml)']);
    assert.deepEqual(errorsOf('target: https://x.example.com'), [
      'scenario.yml: scenarios: required (e.g. scenarios: { agents: { executor: constant-vus, vus: 10, duration: 30s, flow: [...] } })',
    ]);
  });

  it('name an unknown executor with a suggestion', () => {
    assert.deepEqual(errorsOf(withScenario('executor: constant-vu\nflow: [ping]')), [
      'scenario.yml:3:15: scenarios.s.executor: "constant-vu" is not an executor (did you mean "constant-vus"?)',
    ]);
  });

  it('of an unreadable file name the file', async () => {
    await assert.rejects(loadScenario('/nonexistent/x.yml'), {
      name: 'ScenarioError',
      message: '/nonexistent/x.yml: cannot read the scenario: no such file',
    });
  });
});

describe('loadScenario', () => {
  it('reads the file and resolves data paths relative to it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mcp-load-scenario-'));
    await writeFile(join(dir, 'users.csv'), 'name,phone\nada,123\n');
    await writeFile(join(dir, 'load.yml'), `data: { users: users.csv }\n${MINIMAL}`);
    const scenario = await loadScenario(join(dir, 'load.yml'), { env: {} });
    assert.equal(scenario.id, 'load');
    assert.deepEqual(scenario.data, { users: { file: 'users.csv', rows: [{ name: 'ada', phone: '123' }] } });
  });
});

describe('echo and hash', () => {
  const text = [
    'target: https://user:pw@mcp.example.com/mcp',
    'headers: { Authorization: "Bearer ${TOKEN}" }',
    withScenario('executor: constant-vus\nduration: 10s\nflow:\n  - call: lookup\n    args: { key: "${TOKEN}", n: "{{vu}}" }'),
  ].join('\n');

  it('never carries secrets: header values, URL credentials and interpolated args are hidden', () => {
    const echo = parse(text, { env: { TOKEN: 'sekret' } }).toEcho();
    assert.deepEqual(echo.headers, { Authorization: '***' });
    assert.equal(echo.target, 'https://***:***@mcp.example.com/mcp');
    assert.deepEqual(echo.scenarios[0].flow[0], {
      kind: 'call',
      name: 'lookup',
      tool: 'lookup',
      args: { key: '${TOKEN}', n: '{{vu}}' },
      checks: [],
    });
    assert.equal(JSON.stringify(echo).includes('sekret'), false);
  });

  it('is plain JSON with defaults applied', () => {
    const echo = parse(MINIMAL).toEcho();
    assert.deepEqual(JSON.parse(JSON.stringify(echo)), echo);
    assert.deepEqual(echo.scenarios[0], {
      executor: 'constant-vus',
      vus: 1,
      durationMs: 10_000,
      name: 's',
      startTimeMs: 0,
      gracefulStopMs: 30_000,
      session: 'per-vu',
      tags: {},
      flow: [{ kind: 'ping', name: 'ping', checks: [] }],
    });
  });

  it('the hash is a sha256 that ignores the target, file and secrets but not the workload', () => {
    const a = parse(text, { env: { TOKEN: 'one' } });
    const b = parseScenario(text, 'elsewhere/other.yml', { env: { TOKEN: 'two' }, target: 'https://preview-42.example.com/mcp' });
    const c = parse(text.replace('10s', '20s'), { env: { TOKEN: 'one' } });
    assert.match(a.hash, /^[0-9a-f]{64}$/);
    assert.equal(a.hash, b.hash);
    assert.notEqual(a.hash, c.hash);
    assert.equal(a.toEcho().hash, a.hash);
  });

  it('the hash ignores the regression block: tuning the verdict keeps baselines comparable', () => {
    const a = parse(text, { env: { TOKEN: 'one' } });
    const tuned = parse(`${text}\nregression: { mcp_call_duration_p95: { minEffect: 0.2 } }\n`, { env: { TOKEN: 'one' } });
    assert.deepEqual(tuned.regression, { mcp_call_duration_p95: { minEffect: 0.2 } });
    assert.equal(tuned.hash, a.hash);
  });
});
