import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { compileSchemaSampler, SchemaSampleError } from '../../src/scenario/schema-sample.ts';
import { compileTemplate, TemplateError } from '../../src/scenario/index.ts';
import { seededRandom } from '../../src/seeded-random.ts';

const ajv = new Ajv({ strict: false });
addFormats.default(ajv);

/** Tools' input schemas as real servers publish them (server-everything, fastmcp/zod, OpenAPI bridges). */
const SCHEMAS: Record<string, object> = {
  strings: {
    type: 'object',
    properties: { message: { type: 'string' }, short: { type: 'string', minLength: 1, maxLength: 2 }, long: { type: 'string', minLength: 40 } },
    required: ['message', 'short', 'long'],
  },
  numbers: {
    type: 'object',
    properties: {
      a: { type: 'number' },
      count: { type: 'integer', minimum: 1, maximum: 10 },
      ratio: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
      cents: { type: 'number', multipleOf: 0.25, minimum: 1, maximum: 2 },
      negative: { type: 'integer', maximum: -5 },
    },
    required: ['a', 'count', 'ratio', 'cents', 'negative'],
  },
  enums: {
    type: 'object',
    properties: { city: { type: 'string', enum: ['New York', 'Chicago'] }, fixed: { const: 42 }, flag: { type: 'boolean' } },
    required: ['city', 'fixed', 'flag'],
  },
  formats: {
    type: 'object',
    properties: Object.fromEntries(
      ['email', 'uri', 'uuid', 'date-time', 'date', 'time', 'ipv4', 'ipv6', 'hostname'].map((f) => [f, { type: 'string', format: f }]),
    ),
    required: ['email', 'uri', 'uuid', 'date-time', 'date', 'time', 'ipv4', 'ipv6', 'hostname'],
  },
  nested: {
    type: 'object',
    properties: {
      tags: { type: 'array', items: { type: 'string', enum: ['a', 'b', 'c'] }, minItems: 2, maxItems: 3, uniqueItems: true },
      point: { type: 'object', properties: { x: { type: 'integer' }, y: { type: 'integer' } }, required: ['x', 'y'], additionalProperties: false },
      maybe: { anyOf: [{ type: 'null' }, { type: 'string', maxLength: 5 }] },
      either: {
        oneOf: [
          { type: 'integer', minimum: 3, maximum: 3 },
          { type: 'string', format: 'email' },
        ],
      },
      nullable: { type: ['string', 'null'], minLength: 2 },
      item: { $ref: '#/$defs/item' },
      both: {
        allOf: [
          { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] },
          { properties: { name: { type: 'string' } }, required: ['name'] },
        ],
      },
    },
    required: ['tags', 'point', 'maybe', 'either', 'nullable', 'item', 'both'],
    $defs: { item: { type: 'object', properties: { sku: { type: 'string', minLength: 3, maxLength: 3 } }, required: ['sku'] } },
  },
};

describe('compileSchemaSampler', () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    it(`draws values that a real validator (ajv) accepts: ${name}, 200 seeds`, () => {
      const validate = ajv.compile(schema);
      const sample = compileSchemaSampler(schema);
      for (let seed = 1; seed <= 200; seed++) {
        const value = sample(seededRandom(seed));
        assert.ok(validate(value), `seed ${seed}: ${JSON.stringify(value)} ${ajv.errorsText(validate.errors)}`);
      }
    });
  }

  it('is deterministic by seed and varies across seeds', () => {
    const sample = compileSchemaSampler(SCHEMAS.strings);
    assert.deepEqual(sample(seededRandom(7)), sample(seededRandom(7)));
    const distinct = new Set(Array.from({ length: 20 }, (_, seed) => JSON.stringify(sample(seededRandom(seed)))));
    assert.ok(distinct.size >= 19, `${distinct.size} distinct of 20`);
  });

  it('leaves optional properties out, so the server applies its defaults', () => {
    const sample = compileSchemaSampler({
      type: 'object',
      properties: { topic: { type: 'string' }, ambiguous: { type: 'boolean', default: false } },
      required: ['topic'],
    });
    assert.deepEqual(Object.keys(sample(seededRandom(1)) as object), ['topic']);
  });

  it('refuses what it cannot honour instead of drawing invalid values, naming where', () => {
    assert.throws(
      () => compileSchemaSampler({ type: 'object', properties: { code: { type: 'string', pattern: '^[A-Z]{3}$' } }, required: ['code'] }),
      new SchemaSampleError('#/properties/code: "pattern" "^[A-Z]{3}$" is not sampled; give the argument a value (or an "examples" entry in the schema)'),
    );
    assert.equal(compileSchemaSampler({ type: 'string', pattern: '^[A-Z]{3}$', examples: ['ABC'] })(Math.random), 'ABC');
    assert.throws(() => compileSchemaSampler({ $ref: 'https://example.com/s.json' }), SchemaSampleError);
    assert.throws(() => compileSchemaSampler({ type: 'string', minLength: 5, maxLength: 2 }), /minLength 5 exceeds maxLength 2/);
  });
});

describe('{{fromSchema}}', () => {
  const ctx = { vu: 1, iter: 0, scenario: 's' };

  it('draws a fresh schema-valid value per render, from a YAML-flow or JSON schema', () => {
    const render = compileTemplate(`{{fromSchema '{type: integer, minimum: 1, maximum: 9}'}}`);
    const values = Array.from({ length: 50 }, (_, seed) => render({ ...ctx, rng: seededRandom(seed) }) as number);
    assert.ok(
      values.every((v) => Number.isInteger(v) && v >= 1 && v <= 9),
      values.join(','),
    );
    assert.ok(new Set(values).size >= 5);
    const json = compileTemplate(
      `{{fromSchema '{"type":"object","properties":{"p":{"type":"object","properties":{"q":{"const":1}},"required":["q"]}},"required":["p"]}'}}`,
    );
    assert.deepEqual(json(ctx), { p: { q: 1 } });
  });

  it('joins into text like any helper', () => {
    assert.equal(compileTemplate(`id-{{fromSchema "{enum: [x]}"}}-{{vu}}`)(ctx), 'id-x-1');
  });

  it('rejects a missing or unusable schema with the usage or the reason', () => {
    assert.throws(() => compileTemplate('{{fromSchema}}'), /use \{\{fromSchema '\{type: integer, minimum: 1, maximum: 9\}'\}\}/);
    assert.throws(
      () => compileTemplate(`{{fromSchema '{type: string, pattern: "^a$"}'}}`),
      new TemplateError('fromSchema: #: "pattern" "^a$" is not sampled; give the argument a value (or an "examples" entry in the schema)'),
    );
    assert.throws(() => compileTemplate(`{{fromSchema '{type: [}'}}`), /fromSchema: the schema is neither JSON nor YAML/);
  });
});
