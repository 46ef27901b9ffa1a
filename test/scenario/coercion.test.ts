import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { errorsOf, parse, withScenario } from './support.ts';

const flow = 'flow: [ping]';

describe('${VAR} values are coerced where the schema expects a number or boolean', () => {
  it('vus: ${VUS:-2} takes VUS=3 as the integer 3 (it was refused as "3" is not an integer), and the default 2 without it', () => {
    const body = `executor: constant-vus\nvus: \${VUS:-2}\nduration: 1s\n${flow}`;
    assert.equal((parse(withScenario(body), { env: { VUS: '3' } }).scenarios[0] as { vus: number }).vus, 3);
    assert.equal((parse(withScenario(body)).scenarios[0] as { vus: number }).vus, 2);
  });

  it('a rate, stage targets and a boolean take their variables', () => {
    const body = `executor: ramping-arrival-rate\nstartRate: \${FROM}\nstages:\n  - duration: 1s\n    target: \${TO}\npreAllocatedVUs: \${VUS}\n${flow}`;
    const extra = 'defaults:\n  thresholds: ${GATE}\n';
    const scenario = parse(withScenario(body, extra), { env: { FROM: '0', TO: '20', VUS: '4', GATE: 'false' } });
    const spec = scenario.scenarios[0] as { startRate: number; stages: readonly { target: number }[]; preAllocatedVUs: number; maxVUs: number };
    assert.deepEqual([spec.startRate, spec.stages[0].target, spec.preAllocatedVUs, spec.maxVUs], [0, 20, 4, 4]);
    // defaults.thresholds: false leaves out the default health gate.
    assert.deepEqual(
      scenario.thresholds.filter((t) => t.default),
      [],
    );
  });

  it('a value that is not a number is still refused, with file:line:column', () => {
    const text = withScenario(`executor: constant-vus\nvus: \${VUS}\nduration: 1s\n${flow}`);
    // Only numbers as JSON writes them: no words, fractions for an integer, spaces, hex or exponents.
    // A value of 4 characters or more is named by its variable, as in every scenario error.
    const refused: [string, string][] = [
      ['three', '"${VUS}"'],
      ['2.5', '"2.5"'],
      [' 2', '" 2"'],
      ['0x10', '"${VUS}"'],
      ['1e3', '"1e3"'],
    ];
    for (const [value, shown] of refused) {
      assert.deepEqual(errorsOf(text, { env: { VUS: value } }), [`scenario.yml:4:10: scenarios.s.vus: ${shown} is not an integer`], value);
    }
  });

  it('a literal string where a number belongs is refused as before: only ${VAR} values are coerced', () => {
    assert.deepEqual(errorsOf(withScenario(`executor: constant-vus\nvus: "3"\nduration: 1s\n${flow}`)), [
      'scenario.yml:4:10: scenarios.s.vus: "3" is not an integer',
    ]);
  });

  it('strings stay strings: a header or a tool argument of digits is not turned into a number', () => {
    const text = `headers:\n  X-Id: \${ID}\n${withScenario(`executor: constant-vus\nduration: 1s\nflow:\n  - call: send\n    args:\n      to: \${ID}`)}`;
    const scenario = parse(text, { env: { ID: '0123' } });
    assert.deepEqual(scenario.headers, { 'X-Id': '0123' });
    const step = scenario.scenarios[0].flow[0] as { render: (ctx: { vu: number; iter: number; scenario: string }) => unknown };
    assert.deepEqual(step.render({ vu: 1, iter: 0, scenario: 's' }), { to: '0123' });
  });

  it('the published schema accepts a ${VAR} where a count goes, so editors do not flag it, and still refuses a word', () => {
    const schema = JSON.parse(readFileSync(new URL('../../schema/scenario.schema.json', import.meta.url), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
    const doc = (vus: string) => parseYaml(withScenario(`executor: constant-vus\nvus: ${vus}\nduration: 1s\n${flow}`));
    assert.equal(validate(doc('${VUS:-2}')), true, JSON.stringify(validate.errors));
    assert.equal(validate(doc('${VUS}')), true, JSON.stringify(validate.errors));
    assert.equal(validate(doc('three')), false);
  });
});
