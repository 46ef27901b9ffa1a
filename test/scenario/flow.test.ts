import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FlowStep } from '../../src/scenario/index.ts';
import { errorsOf, parse, withScenario } from './support.ts';

function flowOf(steps: string): readonly FlowStep[] {
  return parse(withScenario(`executor: constant-vus\nduration: 1s\nflow:\n${steps}`)).scenarios[0].flow;
}

function flowErrors(steps: string): string[] {
  return errorsOf(withScenario(`executor: constant-vus\nduration: 1s\nflow:\n${steps}`));
}

/** Steps without their functions, for comparison. */
function shapes(steps: readonly FlowStep[]): unknown[] {
  return steps.map((step) => {
    const { render: _render, sample: _sample, checks, ...rest } = step as FlowStep & { render?: unknown; sample?: unknown; checks?: { name: string }[] };
    return checks === undefined ? rest : { ...rest, checks: checks.map((check) => check.name) };
  });
}

describe('flow steps', () => {
  it('each kind reads its value and gets a default name', () => {
    const flow = flowOf(
      [
        '  - initialize',
        '  - list: tools',
        '  - call: send_sms',
        '    args: { to: "1" }',
        '  - read: "file:///{{vu}}.txt"',
        '  - prompt: summarize',
        '    args: { length: 3 }',
        '  - ping',
        '  - think: 1s',
      ].join('\n'),
    );
    assert.deepEqual(shapes(flow), [
      { kind: 'initialize', name: 'initialize', checks: [] },
      { kind: 'list', what: 'tools', name: 'tools/list', checks: [] },
      { kind: 'call', tool: 'send_sms', args: { to: '1' }, name: 'send_sms', checks: [] },
      { kind: 'read', uri: 'file:///{{vu}}.txt', name: 'file:///{{vu}}.txt', checks: [] },
      { kind: 'prompt', prompt: 'summarize', args: { length: 3 }, name: 'summarize', checks: [] },
      { kind: 'ping', name: 'ping', checks: [] },
      { kind: 'think', think: { kind: 'constant', ms: 1_000 }, name: 'think' },
    ]);
  });

  it('renders resource URIs to strings and prompt arguments to string values', () => {
    const [read, prompt] = flowOf('  - read: "res://{{vu}}"\n  - prompt: p\n    args: { n: "{{vu}}", o: { a: 1 } }');
    const ctx = { vu: 4, iter: 0, scenario: 's' };
    assert.ok(read.kind === 'read' && prompt.kind === 'prompt');
    assert.equal(read.render(ctx), 'res://4');
    assert.deepEqual(prompt.render(ctx), { n: '4', o: '{"a":1}' });
  });

  it('a call without args sends an empty object', () => {
    const [call] = flowOf('  - call: ping_tool');
    assert.ok(call.kind === 'call');
    assert.deepEqual(call.render({ vu: 1, iter: 0, scenario: 's' }), {});
  });

  it('name overrides the default tag', () => {
    const [call] = flowOf('  - call: send_sms\n    name: sms');
    assert.equal(call.name, 'sms');
  });

  it('a step has exactly one kind', () => {
    assert.deepEqual(flowErrors('  - call: a\n    read: b'), [
      'scenario.yml:6:9: scenarios.s.flow[0]: has call and read; a step does exactly one thing (split it into several steps)',
    ]);
    assert.deepEqual(flowErrors('  - cal: send_sms'), ['scenario.yml:6:9: scenarios.s.flow[0].cal: unknown key (did you mean "call"?)']);
    assert.deepEqual(flowErrors('  - name: x'), [
      'scenario.yml:6:9: scenarios.s.flow[0]: needs one of initialize, list, call, read, prompt, ping, think (e.g. - call: send_sms)',
    ]);
  });

  it('rejects keys a kind does not take, and unknown bare steps', () => {
    assert.deepEqual(flowErrors('  - think: 1s\n    check: { notError: true }'), [
      'scenario.yml:7:9: scenarios.s.flow[0].check: unknown key; a think step takes: think, name',
    ]);
    assert.deepEqual(flowErrors('  - call: a\n    arg: {}'), ['scenario.yml:7:9: scenarios.s.flow[0].arg: unknown key (did you mean "args"?)']);
    assert.deepEqual(flowErrors('  - pign'), ['scenario.yml:6:9: scenarios.s.flow[0]: unknown step "pign" (did you mean "ping"?)']);
    assert.deepEqual(flowErrors('  - call'), ['scenario.yml:6:9: scenarios.s.flow[0]: "call" needs a value, e.g. - call: send_sms']);
    assert.deepEqual(flowErrors('  - list: tool'), [
      'scenario.yml:6:15: scenarios.s.flow[0].list: "tool" is not one of tools, resources, prompts (did you mean "tools"?)',
    ]);
  });

  it('initialize may only come first', () => {
    assert.deepEqual(flowErrors('  - ping\n  - initialize'), [
      'scenario.yml:7:9: scenarios.s.flow[1]: initialize must be the first step (without it, the session is initialized implicitly)',
    ]);
  });

  it('the flow must be a non-empty list', () => {
    assert.deepEqual(errorsOf(withScenario('executor: constant-vus\nduration: 1s\nflow: []')), [
      'scenario.yml:5:11: scenarios.s.flow: must be a non-empty list of steps, got a list (e.g. - call: send_sms)',
    ]);
    assert.deepEqual(errorsOf(withScenario('executor: constant-vus\nduration: 1s')), [
      'scenario.yml:2:3: scenarios.s.flow: must be a non-empty list of steps, got empty (e.g. - call: send_sms)',
    ]);
  });
});

describe('checks', () => {
  const [call] = flowOf(
    [
      '  - call: send_sms',
      '    check:',
      '      notError: true',
      '      notEmpty: true',
      '      contains: queued',
      '      jsonPath: { path: "$.content[0].text", equals: "queued #1" }',
      '      durationUnder: 200ms',
    ].join('\n'),
  );
  const ok = { error: false, durationMs: 120, result: { content: [{ type: 'text', text: 'queued #1' }] } };
  const run = (input: typeof ok | { error: boolean; durationMs: number; result: unknown }) =>
    Object.fromEntries(call.kind === 'call' ? call.checks.map((check) => [check.name, check.test(input)]) : []);

  it('are named after the step and what they check', () => {
    assert.deepEqual(call.kind === 'call' && call.checks.map((check) => check.name), [
      'send_sms: not error',
      'send_sms: not empty',
      'send_sms: contains "queued"',
      'send_sms: $.content[0].text === "queued #1"',
      'send_sms: duration < 200ms',
    ]);
  });

  it('pass on a good result', () => {
    assert.deepEqual(Object.values(run(ok)), [true, true, true, true, true]);
  });

  it('fail on a tool error, an empty result, other text or a slow call', () => {
    assert.deepEqual(run({ error: false, durationMs: 300, result: { isError: true, content: [{ type: 'text', text: '' }] } }), {
      'send_sms: not error': false,
      'send_sms: not empty': false,
      'send_sms: contains "queued"': false,
      'send_sms: $.content[0].text === "queued #1"': false,
      'send_sms: duration < 200ms': false,
    });
  });

  it('fail every content check when the call failed', () => {
    assert.deepEqual(Object.values(run({ error: true, durationMs: 10, result: undefined })), [false, false, false, false, true]);
  });

  it('jsonPath without equals checks that the path exists', () => {
    const [step] = flowOf('  - list: tools\n    check: { jsonPath: { path: "$.tools[1][\'name\']" } }');
    assert.ok(step.kind === 'list');
    const [check] = step.checks;
    assert.equal(check.name, "tools/list: $.tools[1]['name'] exists");
    assert.equal(check.test({ error: false, durationMs: 1, result: { tools: [{ name: 'a' }, { name: 'b' }] } }), true);
    assert.equal(check.test({ error: false, durationMs: 1, result: { tools: [{ name: 'a' }] } }), false);
  });

  it('reject unknown check keys and bad paths', () => {
    assert.deepEqual(flowErrors('  - ping\n  - call: x\n    check: { notEmty: true, jsonPath: { path: content } }'), [
      'scenario.yml:8:18: scenarios.s.flow[1].check.notEmty: unknown key (did you mean "notEmpty"?)',
      'scenario.yml:8:51: scenarios.s.flow[1].check.jsonPath.path: "content" is not a JSON path (use $.content[0].text or $["key"])',
    ]);
  });
});
