import { isPlainMap } from './fields.ts';

/** Draws one value valid against the schema it was compiled from; `rng` is uniform on [0, 1). */
export type SchemaSampler = (rng: () => number) => unknown;

/** A schema feature the sampler cannot honour (a `pattern`, an unresolvable `$ref`): names it and where. */
export class SchemaSampleError extends Error {
  override readonly name = 'SchemaSampleError';
}

type Schema = Record<string, unknown>;

const WORD_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';
const DEFAULT_NUMBER_RANGE = { min: 0, max: 100 };
const DEFAULT_STRING_LENGTH = { min: 3, max: 12 };
const DEFAULT_ITEMS = { min: 1, max: 3 };
const MAX_DEPTH = 8;

/** Strings of a `format`, each valid for it and varied by the rng. */
const FORMATS: Readonly<Record<string, (rng: () => number) => string>> = {
  email: (rng) => `${word(rng, 4, 8)}@example.com`,
  uri: (rng) => `https://example.com/${word(rng, 4, 8)}`,
  url: (rng) => `https://example.com/${word(rng, 4, 8)}`,
  'uri-reference': (rng) => `/${word(rng, 4, 8)}`,
  hostname: (rng) => `${word(rng, 4, 8)}.example.com`,
  ipv4: (rng) => `192.0.2.${1 + Math.floor(rng() * 254)}`,
  ipv6: (rng) => `2001:db8::${(1 + Math.floor(rng() * 0xfffe)).toString(16)}`,
  uuid: (rng) => uuid(rng),
  'date-time': (rng) => new Date(Date.UTC(2026, 0, 1) + Math.floor(rng() * 365 * 86_400_000)).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  date: (rng) => new Date(Date.UTC(2026, 0, 1) + Math.floor(rng() * 365) * 86_400_000).toISOString().slice(0, 10),
  time: (rng) => `${pad(Math.floor(rng() * 24))}:${pad(Math.floor(rng() * 60))}:${pad(Math.floor(rng() * 60))}Z`,
};

/**
 * Compiles a JSON Schema (the subset tools' input schemas use: type, enum, const, numeric and length
 * bounds, format, items, properties, required, anyOf/oneOf/allOf, local $ref) into a sampler, once,
 * so drawing a value is cheap. Optional properties are left out, so the server's defaults apply.
 * Throws SchemaSampleError for what it cannot honour, rather than draw invalid values.
 */
export function compileSchemaSampler(schema: unknown): SchemaSampler {
  const root = isPlainMap(schema) ? schema : {};
  return compileNode(schema, root, '#', 0);
}

function compileNode(node: unknown, root: Schema, at: string, depth: number): SchemaSampler {
  if (node === true || node === undefined) return () => null;
  if (!isPlainMap(node)) throw new SchemaSampleError(`${at}: a schema must be an object, got ${JSON.stringify(node)}`);
  if (depth > MAX_DEPTH) throw new SchemaSampleError(`${at}: nested deeper than ${MAX_DEPTH} levels`);
  if (typeof node.$ref === 'string') return compileNode(resolveRef(node.$ref, root, at), root, node.$ref, depth + 1);
  if (Object.hasOwn(node, 'const')) {
    const value = node.const;
    return () => value;
  }
  if (Array.isArray(node.enum)) {
    if (node.enum.length === 0) throw new SchemaSampleError(`${at}: an empty enum admits no value`);
    return choice(node.enum);
  }
  if (Array.isArray(node.allOf)) return compileNode(mergeAll(node, node.allOf), root, at, depth + 1);
  const branches = Array.isArray(node.anyOf) ? node.anyOf : Array.isArray(node.oneOf) ? node.oneOf : undefined;
  // One branch, the first that is not `null`: oneOf's branches may overlap, so a random one could match two.
  if (branches) return compileNode(preferNonNull(branches), root, `${at}/anyOf`, depth + 1);
  switch (typeOf(node)) {
    case 'string':
      return stringSampler(node, at);
    case 'integer':
      return numberSampler(node, true);
    case 'number':
      return numberSampler(node, Number.isInteger(node.multipleOf));
    case 'boolean':
      return (rng) => rng() < 0.5;
    case 'null':
      return () => null;
    case 'array':
      return arraySampler(node, root, at, depth);
    case 'object':
      return objectSampler(node, root, at, depth);
    default:
      return () => null;
  }
}

function typeOf(node: Schema): string | undefined {
  const type = node.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return (type.find((t) => t !== 'null') ?? type[0]) as string | undefined;
  if (isPlainMap(node.properties)) return 'object';
  if (node.items !== undefined) return 'array';
  return undefined;
}

function stringSampler(node: Schema, at: string): SchemaSampler {
  if (typeof node.pattern === 'string') {
    const example = Array.isArray(node.examples) ? node.examples.find((e) => typeof e === 'string') : undefined;
    if (example !== undefined) return () => example;
    if (typeof node.default === 'string') return () => node.default;
    throw new SchemaSampleError(
      `${at}: "pattern" ${JSON.stringify(node.pattern)} is not sampled; give the argument a value (or an "examples" entry in the schema)`,
    );
  }
  if (typeof node.format === 'string' && Object.hasOwn(FORMATS, node.format)) return FORMATS[node.format];
  const min = nonNegative(node.minLength) ?? 0;
  const max = nonNegative(node.maxLength) ?? Math.max(min, DEFAULT_STRING_LENGTH.max);
  if (min > max) throw new SchemaSampleError(`${at}: minLength ${min} exceeds maxLength ${max}`);
  const low = Math.min(Math.max(min, DEFAULT_STRING_LENGTH.min), max);
  const high = Math.max(low, Math.min(max, Math.max(min, DEFAULT_STRING_LENGTH.max)));
  return (rng) => word(rng, low, high);
}

function numberSampler(node: Schema, integer: boolean): SchemaSampler {
  let min = finite(node.minimum) ?? -Infinity;
  let max = finite(node.maximum) ?? Infinity;
  if (finite(node.exclusiveMinimum) !== undefined) min = Math.max(min, (node.exclusiveMinimum as number) + (integer ? 1 : 1e-6));
  if (finite(node.exclusiveMaximum) !== undefined) max = Math.min(max, (node.exclusiveMaximum as number) - (integer ? 1 : 1e-6));
  // draft-04 spelled them as booleans beside minimum/maximum.
  if (node.exclusiveMinimum === true) min += integer ? 1 : 1e-6;
  if (node.exclusiveMaximum === true) max -= integer ? 1 : 1e-6;
  if (min === -Infinity && max === Infinity) ({ min, max } = DEFAULT_NUMBER_RANGE);
  else if (min === -Infinity) min = max - (DEFAULT_NUMBER_RANGE.max - DEFAULT_NUMBER_RANGE.min);
  else if (max === Infinity) max = min + (DEFAULT_NUMBER_RANGE.max - DEFAULT_NUMBER_RANGE.min);
  const step = finite(node.multipleOf);
  if (step !== undefined && step > 0) {
    const first = Math.ceil(min / step);
    const count = Math.floor(max / step) - first + 1;
    return (rng) => (first + Math.floor(rng() * Math.max(count, 1))) * step;
  }
  // Whole numbers even for `number`: a tool reading a count or an id takes them, and they print exactly.
  const low = Math.ceil(min);
  const high = Math.floor(max);
  if (low <= high) return (rng) => low + Math.floor(rng() * (high - low + 1));
  return (rng) => (integer ? low : min + rng() * (max - min));
}

function arraySampler(node: Schema, root: Schema, at: string, depth: number): SchemaSampler {
  const item = Array.isArray(node.items) ? tupleSampler(node.items, root, at, depth) : undefined;
  if (item) return item;
  const items = compileNode(node.items ?? {}, root, `${at}/items`, depth + 1);
  const min = nonNegative(node.minItems) ?? DEFAULT_ITEMS.min;
  const max = Math.max(min, nonNegative(node.maxItems) ?? Math.max(min, DEFAULT_ITEMS.max));
  const unique = node.uniqueItems === true;
  return (rng) => {
    const count = min + Math.floor(rng() * (max - min + 1));
    const out: unknown[] = [];
    for (let tries = 0; out.length < count && tries < count * 10; tries++) {
      const value = items(rng);
      if (!unique || !out.some((v) => JSON.stringify(v) === JSON.stringify(value))) out.push(value);
    }
    return out;
  };
}

function tupleSampler(items: unknown[], root: Schema, at: string, depth: number): SchemaSampler {
  const samplers = items.map((item, i) => compileNode(item, root, `${at}/items/${i}`, depth + 1));
  return (rng) => samplers.map((sample) => sample(rng));
}

function objectSampler(node: Schema, root: Schema, at: string, depth: number): SchemaSampler {
  const properties = isPlainMap(node.properties) ? node.properties : {};
  const required = Array.isArray(node.required) ? node.required.filter((k): k is string => typeof k === 'string') : [];
  const fields = required.map((key) => {
    if (!Object.hasOwn(properties, key)) return { key, sample: (() => 'value') as SchemaSampler };
    return { key, sample: compileNode(properties[key], root, `${at}/properties/${key}`, depth + 1) };
  });
  return (rng) => {
    const out: Record<string, unknown> = {};
    for (const { key, sample } of fields) Object.defineProperty(out, key, { value: sample(rng), enumerable: true, writable: true, configurable: true });
    return out;
  };
}

function resolveRef(ref: string, root: Schema, at: string): unknown {
  if (!ref.startsWith('#')) throw new SchemaSampleError(`${at}: only local "$ref"s (#/...) are followed, got ${JSON.stringify(ref)}`);
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isPlainMap(node) && Object.hasOwn(node, part) ? node[part] : undefined;
    if (node === undefined) throw new SchemaSampleError(`${at}: "$ref" ${JSON.stringify(ref)} points nowhere`);
  }
  return node;
}

/** allOf as one schema: properties, required and bounds merged (the last word wins on a conflict). */
function mergeAll(node: Schema, parts: unknown[]): Schema {
  const { allOf: _, ...rest } = node;
  const merged: Schema = { ...rest };
  for (const part of parts) {
    if (!isPlainMap(part)) continue;
    for (const [key, value] of Object.entries(part)) {
      if (key === 'properties' && isPlainMap(value)) merged.properties = { ...(merged.properties as Schema | undefined), ...value };
      else if (key === 'required' && Array.isArray(value)) merged.required = [...((merged.required as unknown[]) ?? []), ...value];
      else merged[key] = value;
    }
  }
  return merged;
}

function preferNonNull(branches: unknown[]): unknown {
  return branches.find((b) => !(isPlainMap(b) && b.type === 'null')) ?? branches[0];
}

function choice(values: readonly unknown[]): SchemaSampler {
  return (rng) => values[Math.floor(rng() * values.length)];
}

function word(rng: () => number, min: number, max: number): string {
  const length = min + Math.floor(rng() * (max - min + 1));
  let out = '';
  for (let i = 0; i < length; i++) out += WORD_CHARS[Math.floor(rng() * WORD_CHARS.length)];
  return out;
}

/** A version 4 UUID drawn from the rng. */
export function uuid(rng: () => number): string {
  const hex = '0123456789abcdef';
  let out = '';
  for (let i = 0; i < 32; i++) {
    let nibble = Math.floor(rng() * 16);
    if (i === 12) nibble = 4;
    else if (i === 16) nibble = (nibble & 0x3) | 0x8;
    out += hex[nibble];
    if (i === 7 || i === 11 || i === 15 || i === 19) out += '-';
  }
  return out;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function nonNegative(value: unknown): number | undefined {
  return Number.isInteger(value) && (value as number) >= 0 ? (value as number) : undefined;
}
