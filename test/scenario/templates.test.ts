import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileArgs, compileTemplate, ScenarioError, TemplateError } from '../../src/scenario/index.ts';
import { errorsOf, parse, sequenceRng, withScenario } from './support.ts';

const ctx = { vu: 7, iter: 3, scenario: 'agents' };

describe('compileTemplate', () => {
  it('a string without templates renders to itself', () => {
    assert.equal(compileTemplate('plain text')(ctx), 'plain text');
  });

  it('vu, iter and scenario come from the render context', () => {
    assert.equal(compileTemplate('vu {{vu}} iter {{ iter }} of {{scenario}}')(ctx), 'vu 7 iter 3 of agents');
  });

  it('a string that is exactly one template keeps the helper value type', () => {
    assert.equal(compileTemplate('{{vu}}')(ctx), 7);
    assert.equal(compileTemplate('{{randomInt 1 100}}')({ ...ctx, rng: () => 0.5 }), 51);
  });

  it('randomInt includes both ends', () => {
    const render = compileTemplate('{{randomInt -2 2}}');
    assert.equal(render({ ...ctx, rng: () => 0 }), -2);
    assert.equal(render({ ...ctx, rng: () => 0.999999 }), 2);
  });

  it('randomDigits makes a string of that many digits (leading zeros kept)', () => {
    const render = compileTemplate('+{{randomDigits 4}}');
    assert.equal(render({ ...ctx, rng: sequenceRng(0, 0.15, 0.95, 0.5) }), '+0195');
  });

  it('uuid makes a version 4 UUID from the rng', () => {
    assert.equal(compileTemplate('{{uuid}}')({ ...ctx, rng: () => 0 }), '00000000-0000-4000-8000-000000000000');
    assert.match(String(compileTemplate('{{uuid}}')(ctx)), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('pick returns a random row, or one field of it', () => {
    const data = {
      users: [
        { name: 'ada', id: 1 },
        { name: 'bob', id: 2 },
      ],
    };
    assert.deepEqual(compileTemplate('{{pick data.users}}', data)({ ...ctx, rng: () => 0.6 }), { name: 'bob', id: 2 });
    assert.equal(compileTemplate('{{pick data.users "name"}}', data)({ ...ctx, rng: () => 0.1 }), 'ada');
    assert.equal(compileTemplate("id={{pick data.users 'id'}}", data)({ ...ctx, rng: () => 0.9 }), 'id=2');
  });

  it('joins non-string values into text as JSON', () => {
    const data = { rows: [{ a: 1 }] };
    assert.equal(compileTemplate('row: {{pick data.rows}}', data)(ctx), 'row: {"a":1}');
  });

  it('\\{{ is a literal {{', () => {
    assert.equal(compileTemplate('\\{{vu}} is {{vu}}')(ctx), '{{vu}} is 7');
  });

  it('rejects unknown helpers with a suggestion, and bad arguments with the usage', () => {
    assert.throws(() => compileTemplate('{{radnomInt 1 5}}'), new TemplateError('unknown template helper "radnomInt" (did you mean "randomInt"?)'));
    assert.throws(() => compileTemplate('{{randomInt 5}}'), new TemplateError('"{{randomInt 5}}": use {{randomInt 1 100}} (both ends included)'));
    assert.throws(() => compileTemplate('{{randomInt 9 1}}'), new TemplateError('"{{randomInt 9 1}}": use {{randomInt 1 100}} (both ends included)'));
    assert.throws(() => compileTemplate('{{vu 1}}'), new TemplateError('"{{vu 1}}": use {{vu}}'));
    assert.throws(() => compileTemplate('a {{vu'), new TemplateError('unterminated "{{" in "a {{vu" (write "\\{{" for a literal "{{")'));
  });

  it('rejects unknown data sets and fields at compile time', () => {
    const data = { users: [{ name: 'ada' }] };
    assert.throws(() => compileTemplate('{{pick data.usres}}', data), new TemplateError('unknown data set "usres" (did you mean "users"?)'));
    assert.throws(
      () => compileTemplate('{{pick data.users "nmae"}}', data),
      new TemplateError('data.users has a row without field "nmae" (did you mean "name"?)'),
    );
    assert.throws(
      () => compileTemplate('{{pick data.users}}'),
      new TemplateError('no data set "users": declare it under data: (e.g. data: { users: users.csv })'),
    );
  });
});

describe('compileArgs', () => {
  it('renders templates anywhere in nested JSON', () => {
    const render = compileArgs({ to: '{{randomDigits 3}}', text: 'hello {{vu}}', meta: { iter: '{{iter}}', list: ['{{scenario}}', 1] }, n: 5 });
    assert.deepEqual(render({ ...ctx, rng: () => 0.42 }), {
      to: '444',
      text: 'hello 7',
      meta: { iter: 3, list: ['agents', 1] },
      n: 5,
    });
  });

  it('builds arguments without templates once and shares them (frozen)', () => {
    const render = compileArgs({ a: { b: [1, 'x'] } });
    const first = render(ctx);
    assert.equal(first, render({ ...ctx, vu: 8 }));
    assert.ok(Object.isFrozen(first));
  });

  it('shares constant parts of templated arguments too', () => {
    const render = compileArgs({ fixed: { deep: true }, vu: '{{vu}}' });
    const a = render(ctx) as { fixed: object };
    const b = render(ctx) as { fixed: object };
    assert.notEqual(a, b);
    assert.equal(a.fixed, b.fixed);
  });

  it('throws a ScenarioError naming each bad argument', () => {
    assert.throws(
      () => compileArgs({ a: '{{nope}}', b: ['{{vu}}', '{{iter 2}}'] }),
      (error: unknown) => {
        assert.ok(error instanceof ScenarioError);
        assert.equal(
          error.message,
          'args.a: unknown template helper "nope"; helpers: vu, iter, scenario, uuid, randomInt, randomDigits, pick, fromSchema\nargs.b[1]: "{{iter 2}}": use {{iter}}',
        );
        return true;
      },
    );
  });
});

describe('templates in scenario files', () => {
  it('compile at load time; errors carry the line of the argument', () => {
    const text = withScenario('executor: constant-vus\nduration: 1s\nflow:\n  - call: send_sms\n    args:\n      to: "{{randomDigit 11}}"');
    assert.deepEqual(errorsOf(text), ['scenario.yml:8:15: scenarios.s.flow[0].args.to: unknown template helper "randomDigit" (did you mean "randomDigits"?)']);
  });

  it('a call step renders its arguments with the VU context', () => {
    const scenario = parse(
      withScenario('executor: constant-vus\nduration: 1s\nflow:\n  - call: send_sms\n    args: { to: "{{randomDigits 2}}", text: "hello {{vu}}" }'),
    );
    const step = scenario.scenarios[0].flow[0];
    assert.equal(step.kind, 'call');
    if (step.kind !== 'call') return;
    assert.deepEqual(step.render({ vu: 1, iter: 0, scenario: 's', rng: () => 0.3 }), { to: '33', text: 'hello 1' });
  });
});
