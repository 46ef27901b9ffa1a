import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { CHECK_KEYS, JSON_PATH_KEYS } from '../../src/scenario/checks.ts';
import { EXECUTOR_KEYS, EXECUTORS, STAGE_KEYS } from '../../src/scenario/executors.ts';
import { LIST_TARGETS, STEP_KINDS, STEP_OPTIONS } from '../../src/scenario/flow.ts';
import { loadScenario, ScenarioError } from '../../src/scenario/index.ts';
import { TOP_LEVEL_KEYS, TRANSPORTS, WAIT_KEYS } from '../../src/scenario/load.ts';
import { COMMON_SCENARIO_KEYS, SESSIONS } from '../../src/scenario/scenarios.ts';
import { THINK_KEYS } from '../../src/scenario/think.ts';
import { BUILTIN_METRICS, THRESHOLD_OBJECT_KEYS } from '../../src/scenario/thresholds.ts';
import { parse } from './support.ts';

type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
  enum?: unknown[];
  const?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  $ref?: string;
};

const schema = JSON.parse(await readFile(new URL('../../schema/scenario.schema.json', import.meta.url), 'utf8')) as JsonSchema;
const definitions = schema.definitions ?? {};
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

function def(name: string): JsonSchema {
  const found = definitions[name];
  assert.ok(found, `schema definition ${name}`);
  return found;
}

function keysOf(node: JsonSchema): string[] {
  return Object.keys(node.properties ?? {}).sort();
}

const sorted = (keys: Iterable<string>) => [...keys].sort();

describe('schema/scenario.schema.json', () => {
  it('every example validates against the schema and loads', async () => {
    const dir = new URL('../../examples/', import.meta.url);
    const files = (await readdir(dir)).filter((name) => name.endsWith('.yml'));
    assert.ok(files.includes('seed.yml') && files.includes('quickstart.yml'));
    for (const name of files) {
      const text = await readFile(new URL(name, dir), 'utf8');
      assert.ok(validate(parseYaml(text)), `${name}: ${JSON.stringify(validate.errors)}`);
      await loadScenario(new URL(name, dir).pathname, { env: {} });
    }
  });

  it('lists exactly the top-level keys, wait keys, transports and sessions the loader accepts', () => {
    assert.deepEqual(keysOf(schema), sorted(TOP_LEVEL_KEYS));
    assert.deepEqual(keysOf(schema.properties!.wait), sorted(WAIT_KEYS));
    assert.deepEqual(schema.properties!.transport.enum, [...TRANSPORTS]);
    for (const executor of EXECUTORS) assert.deepEqual(def(`executor-${executor}`).properties!.session.enum, [...SESSIONS]);
  });

  it('lists exactly the executors and, for each, the common keys plus its own options', () => {
    assert.deepEqual(def('scenario').properties!.executor.enum, [...EXECUTORS]);
    assert.deepEqual(
      def('scenario').oneOf!.map((branch) => branch.$ref),
      EXECUTORS.map((e) => `#/definitions/executor-${e}`),
    );
    for (const executor of EXECUTORS) {
      const branch = def(`executor-${executor}`);
      assert.equal(branch.properties!.executor.const, executor);
      assert.deepEqual(keysOf(branch), sorted([...COMMON_SCENARIO_KEYS, ...EXECUTOR_KEYS[executor]]), executor);
    }
    assert.deepEqual(keysOf(def('stage')), sorted(STAGE_KEYS));
  });

  it('lists exactly the step kinds, their options, list targets, check keys and think forms', () => {
    const stepRefs = def('step')
      .oneOf!.slice(1)
      .map((branch) => branch.$ref);
    assert.deepEqual(
      stepRefs,
      STEP_KINDS.map((kind) => `#/definitions/${kind}Step`),
    );
    for (const kind of STEP_KINDS) assert.deepEqual(keysOf(def(`${kind}Step`)), sorted([kind, ...STEP_OPTIONS[kind]]), kind);
    assert.deepEqual(def('listStep').properties!.list.enum, [...LIST_TARGETS]);
    assert.deepEqual(keysOf(def('check')), sorted(CHECK_KEYS));
    assert.deepEqual(keysOf(def('check').properties!.jsonPath), sorted(JSON_PATH_KEYS));
    const thinkObject = def('thinkTime').anyOf!.find((branch) => branch.properties);
    assert.deepEqual(keysOf(thinkObject!), sorted(THINK_KEYS));
  });

  it('lists exactly the built-in metrics and threshold object keys', () => {
    assert.deepEqual(keysOf(schema.properties!.thresholds), sorted(Object.keys(BUILTIN_METRICS)));
    const object = def('threshold').anyOf!.find((branch) => branch.properties);
    assert.deepEqual(keysOf(object!), sorted(THRESHOLD_OBJECT_KEYS));
  });

  describe('accepts and rejects the same documents as the loader', () => {
    const body = (lines: string) =>
      `scenarios:\n  s:\n${lines
        .split('\n')
        .map((line) => `    ${line}`)
        .join('\n')}\n`;
    const cases: [string, string, boolean][] = [
      ['constant-vus', body('executor: constant-vus\nduration: 30s\nflow: [ping]'), true],
      [
        'every top-level key',
        `target: https://x.example.com/mcp\ntransport: sse\nheaders: { A: b }\ntimeout: 5s\nwait: { timeout: 1m }\nwarmup: 0\nregression: {}\nthresholds: { "mcp_calls{tool:a}": ["count>1", { threshold: "rate>0", abortOnFail: true, delayAbortEval: 1s }] }\n${body('executor: per-vu-iterations\nflow: [initialize, { list: prompts }, { think: { exponential: 1s } }]')}`,
        true,
      ],
      [
        'every step kind',
        body(
          'executor: shared-iterations\nflow:\n  - initialize: true\n  - call: a\n    args: { x: "{{vu}}" }\n    name: a\n    check: { notError: true, notEmpty: true, contains: x, jsonPath: { path: $.a, equals: 1 }, durationUnder: 1s }\n  - read: file:///a\n  - prompt: p\n  - ping:\n  - think: 1s..2s',
        ),
        true,
      ],
      [
        'arrival rate',
        body('executor: ramping-arrival-rate\nstages: [{ duration: 1m30s, target: 3 }]\npreAllocatedVUs: 1\ntimeUnit: 500ms\nflow: [ping]'),
        true,
      ],
      ['missing scenarios', 'transport: auto\n', false],
      ['unknown top-level key', `targte: x\n${body('executor: constant-vus\nduration: 1s\nflow: [ping]')}`, false],
      ['option of another executor', body('executor: constant-vus\nduration: 1s\nstages: []\nflow: [ping]'), false],
      ['missing required option', body('executor: constant-arrival-rate\nrate: 1\nduration: 1s\nflow: [ping]'), false],
      ['bad duration', body('executor: constant-vus\nduration: 3x\nflow: [ping]'), false],
      ['numeric duration', body('executor: constant-vus\nduration: 30\nflow: [ping]'), false],
      ['unknown step', body('executor: constant-vus\nduration: 1s\nflow: [{ cal: x }]'), false],
      ['two kinds in one step', body('executor: constant-vus\nduration: 1s\nflow: [{ call: x, ping: true }]'), false],
      ['check on think', body('executor: constant-vus\nduration: 1s\nflow: [{ think: 1s, check: { notError: true } }]'), false],
      ['unknown metric', `thresholds: { latency: ["avg<1"] }\n${body('executor: constant-vus\nduration: 1s\nflow: [ping]')}`, false],
      ['bad expression', `thresholds: { vus: ["mean<1"] }\n${body('executor: constant-vus\nduration: 1s\nflow: [ping]')}`, false],
      ['empty flow', body('executor: constant-vus\nduration: 1s\nflow: []'), false],
      ['bad session', body('executor: constant-vus\nduration: 1s\nsession: sticky\nflow: [ping]'), false],
    ];
    for (const [name, text, valid] of cases) {
      it(`${valid ? 'accepts' : 'rejects'}: ${name}`, () => {
        assert.equal(validate(parseYaml(text)), valid, `schema: ${JSON.stringify(validate.errors)}`);
        let loaded = true;
        try {
          parse(text);
        } catch (error) {
          assert.ok(error instanceof ScenarioError, String(error));
          loaded = false;
        }
        assert.equal(loaded, valid, 'loader');
      });
    }
  });
});
