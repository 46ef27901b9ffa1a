import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseThresholdExpression, parseThresholdKey } from '../../src/scenario/index.ts';
import { errorsOf, parse, withScenario } from './support.ts';

const FLOW = withScenario('executor: constant-vus\nduration: 1s\nflow: [ping]');

describe('threshold keys', () => {
  it('name a built-in metric with an optional tag filter', () => {
    assert.deepEqual(parseThresholdKey('mcp_errors'), { metric: 'mcp_errors', tags: {} });
    assert.deepEqual(parseThresholdKey('mcp_call_duration{tool:send_sms}'), { metric: 'mcp_call_duration', tags: { tool: 'send_sms' } });
    assert.deepEqual(parseThresholdKey('http_req_duration{ method: tools/call , status:200 }'), {
      metric: 'http_req_duration',
      tags: { method: 'tools/call', status: '200' },
    });
  });

  it('reject unknown metrics with the closest built-in', () => {
    assert.deepEqual(parseThresholdKey('mcp_call_durations'), { error: 'unknown metric "mcp_call_durations" (did you mean "mcp_call_duration"?)' });
  });

  it('reject a tag filter without tag:value', () => {
    assert.deepEqual(parseThresholdKey('mcp_calls{tool}'), { error: 'tag filter "tool" must be tag:value, e.g. {tool:send_sms}' });
  });
});

describe('threshold expressions', () => {
  it('read percentiles, aggregations and operators', () => {
    assert.deepEqual(parseThresholdExpression('p(95)<200', 'trend'), { aggregation: { kind: 'p', p: 95 }, op: '<', value: 200 });
    assert.deepEqual(parseThresholdExpression('p(99.9) <= 500', 'trend'), { aggregation: { kind: 'p', p: 99.9 }, op: '<=', value: 500 });
    assert.deepEqual(parseThresholdExpression('avg<100', 'trend'), { aggregation: { kind: 'avg' }, op: '<', value: 100 });
    assert.deepEqual(parseThresholdExpression('med>=1', 'trend'), { aggregation: { kind: 'med' }, op: '>=', value: 1 });
    assert.deepEqual(parseThresholdExpression('rate<0.01', 'rate'), { aggregation: { kind: 'rate' }, op: '<', value: 0.01 });
    assert.deepEqual(parseThresholdExpression('count<10', 'counter'), { aggregation: { kind: 'count' }, op: '<', value: 10 });
    assert.deepEqual(parseThresholdExpression('value>5', 'gauge'), { aggregation: { kind: 'value' }, op: '>', value: 5 });
    assert.deepEqual(parseThresholdExpression('max!=0', 'gauge'), { aggregation: { kind: 'max' }, op: '!=', value: 0 });
    assert.deepEqual(parseThresholdExpression('count==0', 'counter'), { aggregation: { kind: 'count' }, op: '===', value: 0 });
    assert.deepEqual(parseThresholdExpression('min===3', 'trend'), { aggregation: { kind: 'min' }, op: '===', value: 3 });
  });

  it('compare trend values in milliseconds, so duration units convert', () => {
    assert.deepEqual(parseThresholdExpression('p(95)<1.5s', 'trend'), { aggregation: { kind: 'p', p: 95 }, op: '<', value: 1_500 });
    assert.deepEqual(parseThresholdExpression('max<250ms', 'trend'), { aggregation: { kind: 'max' }, op: '<', value: 250 });
  });

  it('reject aggregations that do not apply to the metric type', () => {
    assert.deepEqual(parseThresholdExpression('p(95)<0.01', 'rate'), {
      error: '"p(95)<0.01": p(95) does not apply to a rate metric (use rate with <, <=, >, >=, ==, !=, e.g. rate<0.01)',
    });
    assert.deepEqual(parseThresholdExpression('avg<3', 'counter'), {
      error: '"avg<3": avg does not apply to a counter metric (use count, rate with <, <=, >, >=, ==, !=, e.g. count<100)',
    });
  });

  it('reject malformed expressions', () => {
    assert.deepEqual(parseThresholdExpression('p95<200', 'trend'), {
      error: '"p95<200" is not a threshold expression (use avg, min, max, med, p(N), count with <, <=, >, >=, ==, !=, e.g. p(95)<200)',
    });
    assert.deepEqual(parseThresholdExpression('p(101)<200', 'trend'), { error: '"p(101)<200": p() takes a percentile from 0 to 100, e.g. p(95)' });
    assert.deepEqual(parseThresholdExpression('avg<fast', 'trend'), { error: '"avg<fast": "fast" is not a number' });
    assert.deepEqual(parseThresholdExpression('mean<3', 'trend'), {
      error: '"mean<3": unknown aggregation "mean" (use avg, min, max, med, p(N), count with <, <=, >, >=, ==, !=, e.g. p(95)<200)',
    });
  });
});

describe('thresholds in scenario files', () => {
  it('become one ThresholdSpec per expression, with abortOnFail and delayAbortEval', () => {
    const scenario = parse(
      `${FLOW}thresholds:\n  mcp_call_duration{tool:send_sms}:\n    - p(95)<200\n    - { threshold: "p(99)<1s", abortOnFail: true, delayAbortEval: 10s }\n  mcp_errors: rate<0.01\n`,
    );
    assert.deepEqual(scenario.thresholds, [
      {
        metric: 'mcp_call_duration',
        tags: { tool: 'send_sms' },
        key: 'mcp_call_duration{tool:send_sms}',
        source: 'p(95)<200',
        aggregation: { kind: 'p', p: 95 },
        op: '<',
        value: 200,
        abortOnFail: false,
        delayAbortEvalMs: 0,
      },
      {
        metric: 'mcp_call_duration',
        tags: { tool: 'send_sms' },
        key: 'mcp_call_duration{tool:send_sms}',
        source: 'p(99)<1s',
        aggregation: { kind: 'p', p: 99 },
        op: '<',
        value: 1_000,
        abortOnFail: true,
        delayAbortEvalMs: 10_000,
      },
      {
        metric: 'mcp_errors',
        tags: {},
        key: 'mcp_errors',
        source: 'rate<0.01',
        aggregation: { kind: 'rate' },
        op: '<',
        value: 0.01,
        abortOnFail: false,
        delayAbortEvalMs: 0,
      },
      // The scenario sets its own mcp_errors threshold: the default gate adds only "a call succeeded".
      {
        metric: 'mcp_calls',
        tags: { expected_response: 'true' },
        key: 'mcp_calls{expected_response:true}',
        source: 'count>=1',
        aggregation: { kind: 'count' },
        op: '>=',
        value: 1,
        abortOnFail: false,
        delayAbortEvalMs: 0,
        default: true,
      },
    ]);
  });

  it('the default health gate: mcp_errors rate<0.05 and a successful call, unless set or turned off', () => {
    const gate = (text: string) => parse(text).thresholds.map((t) => [t.key, t.source, t.default === true]);
    assert.deepEqual(gate(FLOW), [
      ['mcp_errors', 'rate<0.05', true],
      ['mcp_calls{expected_response:true}', 'count>=1', true],
    ]);
    assert.deepEqual(gate(`${FLOW}thresholds:\n  mcp_errors{tool:a}: ["rate<0.5"]\n`), [
      ['mcp_errors{tool:a}', 'rate<0.5', false],
      ['mcp_calls{expected_response:true}', 'count>=1', true],
    ]);
    assert.deepEqual(gate(`${FLOW}defaults: { thresholds: false }\n`), []);
    // A flow of handshakes only: a session must have been created.
    const handshakes = withScenario('executor: constant-vus\nduration: 1s\nflow: [initialize, { think: 1s }]');
    assert.deepEqual(gate(handshakes), [
      ['mcp_errors', 'rate<0.05', true],
      ['sessions_created', 'count>=1', true],
    ]);
    assert.deepEqual(errorsOf(`${FLOW}defaults: { thresholds: nope, more: 1 }\n`), [
      'scenario.yml:6:25: defaults.thresholds: "nope" is not true or false',
      'scenario.yml:6:31: defaults.more: unknown key; allowed: thresholds',
    ]);
  });

  it('the default health gate of an open model: at most 1 % of the scheduled iterations dropped, unless set', () => {
    const gate = (text: string) => parse(text).thresholds.map((t) => [t.key, t.source, t.default === true]);
    const open = withScenario('executor: constant-arrival-rate\nrate: 10\nduration: 1s\npreAllocatedVUs: 2\nflow: [ping]');
    assert.deepEqual(gate(open), [
      ['mcp_errors', 'rate<0.05', true],
      ['mcp_calls{expected_response:true}', 'count>=1', true],
      ['dropped_iteration_share', 'rate<=0.01', true],
    ]);
    assert.deepEqual(gate(`${open}thresholds:\n  dropped_iteration_share: ["rate<0.2"]\n`), [
      ['dropped_iteration_share', 'rate<0.2', false],
      ['mcp_errors', 'rate<0.05', true],
      ['mcp_calls{expected_response:true}', 'count>=1', true],
    ]);
  });

  it('a warm-up as long as the schedule leaves nothing to measure: refused at load time', () => {
    assert.deepEqual(errorsOf(`warmup: 1h\n${FLOW}`), [
      'scenario.yml:1:9: warmup: warm-up of 1h lasts as long as the whole schedule (1s, startTime included): nothing would be measured; shorten the warm-up or lengthen the load',
    ]);
    assert.deepEqual(parse(`warmup: 500ms\n${FLOW}`).warmupMs, 500);
  });

  it('report errors at the key or the expression', () => {
    const text = `${FLOW}thresholds:\n  mcp_error: ["rate<0.01"]\n  mcp_calls: ["p(95)<3", { threshold: "count<1", abortOnFail: yes }]\n`;
    assert.deepEqual(errorsOf(text), [
      'scenario.yml:7:3: thresholds.mcp_error: unknown metric "mcp_error" (did you mean "mcp_errors"?)',
      'scenario.yml:8:15: thresholds.mcp_calls[0]: "p(95)<3": p(95) does not apply to a counter metric (use count, rate with <, <=, >, >=, ==, !=, e.g. count<100)',
      'scenario.yml:8:63: thresholds.mcp_calls[1].abortOnFail: "yes" is not true or false',
    ]);
  });
});
