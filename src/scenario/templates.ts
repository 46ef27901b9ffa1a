import { formatPath, ScenarioError, show, type Path } from './errors.ts';
import { isPlainMap } from './fields.ts';
import { parse as parseYaml } from 'yaml';
import { compileSchemaSampler, SchemaSampleError, uuid } from './schema-sample.ts';
import { didYouMean } from './suggest.ts';
import type { Render, RenderContext } from './types.ts';

/** Data sets by name, as templates see them (`{{pick data.users}}`). */
export type DataRows = Readonly<Record<string, readonly unknown[]>>;

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

type Compiled = { constant: true; value: unknown } | { constant: false; render: Render };

interface Helper {
  usage: string;
  compile(args: readonly Token[], data: DataRows): Render | undefined;
}

type Token = { kind: 'word'; text: string } | { kind: 'string'; text: string };

const DIGITS = '0123456789';

const HELPERS: Readonly<Record<string, Helper>> = {
  vu: { usage: '{{vu}}', compile: (args) => (args.length === 0 ? (ctx) => ctx.vu : undefined) },
  iter: { usage: '{{iter}}', compile: (args) => (args.length === 0 ? (ctx) => ctx.iter : undefined) },
  scenario: { usage: '{{scenario}}', compile: (args) => (args.length === 0 ? (ctx) => ctx.scenario : undefined) },
  uuid: { usage: '{{uuid}}', compile: (args) => (args.length === 0 ? (ctx) => uuid(ctx.rng ?? Math.random) : undefined) },
  randomInt: {
    usage: '{{randomInt 1 100}} (both ends included)',
    compile(args) {
      const [min, max] = args.map(integerToken);
      if (args.length !== 2 || min === undefined || max === undefined || min > max) return undefined;
      const span = max - min + 1;
      return (ctx) => min + Math.floor((ctx.rng ?? Math.random)() * span);
    },
  },
  randomDigits: {
    usage: '{{randomDigits 11}} (1 to 100 digits)',
    compile(args) {
      const count = args.length === 1 ? integerToken(args[0]) : undefined;
      if (count === undefined || count < 1 || count > 100) return undefined;
      return (ctx) => {
        const rng = ctx.rng ?? Math.random;
        let out = '';
        for (let i = 0; i < count; i++) out += DIGITS[Math.floor(rng() * 10)];
        return out;
      };
    },
  },
  pick: {
    usage: '{{pick data.users}} or {{pick data.users "name"}}',
    compile(args, data) {
      const [ref, field] = args;
      if (args.length < 1 || args.length > 2 || ref.kind !== 'word' || !ref.text.startsWith('data.')) return undefined;
      if (field !== undefined && field.kind !== 'string') return undefined;
      const rows = dataSet(ref.text.slice('data.'.length), data);
      if (field === undefined) return (ctx) => rows[Math.floor((ctx.rng ?? Math.random)() * rows.length)];
      const values = rows.map((row) => fieldOf(row, field.text, ref.text));
      return (ctx) => values[Math.floor((ctx.rng ?? Math.random)() * values.length)];
    },
  },
  fromSchema: {
    usage: `{{fromSchema '{type: integer, minimum: 1, maximum: 9}'}} (a JSON Schema, as JSON or YAML flow, in quotes)`,
    compile(args) {
      if (args.length !== 1 || args[0].kind !== 'string') return undefined;
      const sample = schemaSampler(args[0].text);
      return (ctx) => sample(ctx.rng ?? Math.random);
    },
  },
};

export const TEMPLATE_HELPERS: readonly string[] = Object.keys(HELPERS);

/**
 * Compiles a string that may hold `{{helper args}}` templates. A string that is exactly one template
 * renders to the helper's own value (a number for `{{randomInt 1 9}}`, a row for `{{pick data.users}}`);
 * otherwise values are joined into a string. `\{{` is a literal `{{`. Throws TemplateError.
 */
export function compileTemplate(source: string, data: DataRows = {}): Render {
  const compiled = compileString(source, data);
  if (compiled.constant) {
    const value = compiled.value;
    return () => value;
  }
  return compiled.render;
}

/**
 * Compiles tool or prompt arguments (any JSON, strings may hold templates) into one render function.
 * Parts without templates are built once and shared (frozen). Errors go to `report`, or are thrown as a
 * ScenarioError naming the argument's path.
 */
export function compileArgs(args: unknown, data: DataRows = {}, report?: (path: Path, message: string) => void): Render {
  const problems: { path: Path; message: string }[] = [];
  const compiled = compileValue(args, [], data, report ?? ((path, message) => problems.push({ path, message })));
  if (problems.length > 0) {
    throw new ScenarioError(problems.map((p) => ({ file: '', path: formatPath(['args', ...p.path]), message: p.message })));
  }
  if (compiled.constant) {
    const value = compiled.value;
    return () => value;
  }
  return compiled.render;
}

function compileValue(value: unknown, path: Path, data: DataRows, report: (path: Path, message: string) => void): Compiled {
  if (typeof value === 'string') {
    try {
      return compileString(value, data);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      report(path, error.message);
      return { constant: true, value };
    }
  }
  if (Array.isArray(value)) {
    const items = value.map((item, index) => compileValue(item, [...path, index], data, report));
    if (items.every((item) => item.constant)) return { constant: true, value: Object.freeze(items.map(valueOf)) };
    const renders = items.map(toRender);
    return {
      constant: false,
      render: (ctx) => {
        const out = new Array<unknown>(renders.length);
        for (let i = 0; i < renders.length; i++) out[i] = renders[i](ctx);
        return out;
      },
    };
  }
  if (isPlainMap(value)) {
    const keys = Object.keys(value);
    const items = keys.map((key) => compileValue(value[key], [...path, key], data, report));
    if (items.every((item) => item.constant)) {
      const out: Record<string, unknown> = {};
      keys.forEach((key, i) => define(out, key, valueOf(items[i])));
      return { constant: true, value: Object.freeze(out) };
    }
    const renders = items.map(toRender);
    if (keys.includes('__proto__')) {
      return {
        constant: false,
        render: (ctx) => {
          const out: Record<string, unknown> = {};
          for (let i = 0; i < keys.length; i++) define(out, keys[i], renders[i](ctx));
          return out;
        },
      };
    }
    return {
      constant: false,
      render: (ctx) => {
        const out: Record<string, unknown> = {};
        for (let i = 0; i < keys.length; i++) out[keys[i]] = renders[i](ctx);
        return out;
      },
    };
  }
  return { constant: true, value };
}

function compileString(source: string, data: DataRows): Compiled {
  if (!source.includes('{{')) return { constant: true, value: source };
  const parts: (string | Render)[] = [];
  let literal = '';
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('{{', i);
    if (open < 0) {
      literal += source.slice(i);
      break;
    }
    if (open > 0 && source[open - 1] === '\\') {
      literal += source.slice(i, open - 1) + '{{';
      i = open + 2;
      continue;
    }
    const close = closingBraces(source, open + 2);
    if (close < 0) throw new TemplateError(`unterminated "{{" in ${show(source)} (write "\\{{" for a literal "{{")`);
    literal += source.slice(i, open);
    if (literal) parts.push(literal);
    literal = '';
    parts.push(compileExpression(source.slice(open + 2, close), data));
    i = close + 2;
  }
  if (literal) parts.push(literal);
  if (parts.length === 1 && typeof parts[0] !== 'string') return { constant: false, render: parts[0] };
  if (parts.every((part) => typeof part === 'string')) return { constant: true, value: parts.join('') };
  return { constant: false, render: concatenate(parts) };
}

function concatenate(parts: readonly (string | Render)[]): Render {
  return (ctx: RenderContext) => {
    let out = '';
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      out += typeof part === 'string' ? part : asText(part(ctx));
    }
    return out;
  };
}

function compileExpression(expression: string, data: DataRows): Render {
  const tokens = tokenize(expression);
  const [head, ...args] = tokens;
  if (head === undefined || head.kind !== 'word') {
    throw new TemplateError(`"{{${expression}}}" names no helper; helpers: ${TEMPLATE_HELPERS.join(', ')}`);
  }
  const helper = Object.hasOwn(HELPERS, head.text) ? HELPERS[head.text] : undefined;
  if (helper === undefined) {
    const hint = didYouMean(head.text, TEMPLATE_HELPERS) || `; helpers: ${TEMPLATE_HELPERS.join(', ')}`;
    throw new TemplateError(`unknown template helper "${head.text}"${hint}`);
  }
  const render = helper.compile(args, data);
  if (render === undefined) throw new TemplateError(`"{{${expression.trim()}}}": use ${helper.usage}`);
  return render;
}

/** Where the template opened before `from` ends: the first `}}` outside a quoted argument (a schema has braces). */
function closingBraces(source: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < source.length - 1; i++) {
    const char = source[i];
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '}' && source[i + 1] === '}') {
      return i;
    }
  }
  return -1;
}

function schemaSampler(text: string): ReturnType<typeof compileSchemaSampler> {
  let schema: unknown;
  try {
    schema = parseYaml(text);
  } catch (error) {
    throw new TemplateError(`fromSchema: the schema is neither JSON nor YAML (${(error as Error).message.split('\n')[0]})`);
  }
  try {
    return compileSchemaSampler(schema);
  } catch (error) {
    if (error instanceof SchemaSampleError) throw new TemplateError(`fromSchema: ${error.message}`);
    throw error;
  }
}

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expression.length) {
    const char = expression[i];
    if (char === ' ' || char === '\t' || char === '\n') {
      i += 1;
    } else if (char === '"' || char === "'") {
      const end = expression.indexOf(char, i + 1);
      if (end < 0) throw new TemplateError(`unterminated quote in "{{${expression}}}"`);
      tokens.push({ kind: 'string', text: expression.slice(i + 1, end) });
      i = end + 1;
    } else {
      let end = i;
      while (end < expression.length && !/\s/.test(expression[end])) end += 1;
      tokens.push({ kind: 'word', text: expression.slice(i, end) });
      i = end;
    }
  }
  return tokens;
}

function integerToken(token: Token | undefined): number | undefined {
  if (token?.kind !== 'word' || !/^-?\d+$/.test(token.text)) return undefined;
  const value = Number(token.text);
  return Number.isSafeInteger(value) ? value : undefined;
}

function dataSet(name: string, data: DataRows): readonly unknown[] {
  const rows = Object.hasOwn(data, name) ? data[name] : undefined;
  if (rows !== undefined) return rows;
  const names = Object.keys(data);
  if (names.length === 0) {
    throw new TemplateError(`no data set "${name}": declare it under data: (e.g. data: { ${name}: ${name}.csv })`);
  }
  const hint = didYouMean(name, names) || `; data sets: ${names.join(', ')}`;
  throw new TemplateError(`unknown data set "${name}"${hint}`);
}

function fieldOf(row: unknown, field: string, ref: string): unknown {
  if (isPlainMap(row) && Object.hasOwn(row, field)) return row[field];
  const fields = isPlainMap(row) ? Object.keys(row) : [];
  const hint = didYouMean(field, fields) || (fields.length ? `; fields: ${fields.join(', ')}` : '');
  throw new TemplateError(`${ref} has a row without field "${field}"${hint}`);
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function valueOf(compiled: Compiled): unknown {
  return compiled.constant ? compiled.value : undefined;
}

function toRender(compiled: Compiled): Render {
  if (!compiled.constant) return compiled.render;
  const value = compiled.value;
  return () => value;
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
