import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { formatPath, type Issues, type Path, type SourcePosition } from './errors.ts';
import { interpolate, type Substitution } from './interpolate.ts';
import { MAX_ALIAS_COUNT } from './limits.ts';
import { refusal, type VariablePolicy } from './variables.ts';

/** A parsed YAML document as plain values, with the position of every key and value. */
export interface YamlSource {
  /** The document with `${ENV}` interpolated in every string. */
  value: unknown;
  /** The same document before interpolation, so that echoes of it never carry secrets from the environment. */
  raw: unknown;
  /** Every `${NAME}` replaced, with where: values under `headers`, `target` or `auth` are secrets. */
  substitutions: LocatedSubstitution[];
  /** Where `path` is written; a missing path falls back to its nearest existing parent's key. */
  locate(path: Path, at: 'key' | 'value'): SourcePosition | undefined;
}

export interface ReadYamlOptions {
  env: NodeJS.ProcessEnv;
  /** Which variables `${NAME}` may read; by default all but the runner's credentials. */
  variables?: VariablePolicy;
  /** Top-level keys to drop before conversion (an overridden `target` must not need its variables). */
  omit?: readonly string[];
}

export interface LocatedSubstitution extends Substitution {
  path: Path;
}

interface Located {
  key?: SourcePosition;
  value?: SourcePosition;
}

const MAX_DEPTH = 64;

/** Parses YAML text; syntax errors and interpolation failures go to `issues`. Undefined when unparseable. */
export function readYaml(text: string, options: ReadYamlOptions, issues: Issues): YamlSource | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const message = error.code === 'MULTIPLE_DOCS' ? 'a scenario file holds one YAML document (remove "---")' : firstLine(error.message);
      issues.addAt(at(error.pos[0]), message);
    }
    return undefined;
  }
  if (aliasBomb(doc)) {
    issues.addAt(
      at(firstAliasOffset(doc)),
      `aliases expand beyond ${MAX_ALIAS_COUNT} copies (a YAML alias bomb?); write the repeated values out, or nest fewer aliases`,
    );
    return undefined;
  }
  for (const key of options.omit ?? []) doc.delete(key);

  const policy = options.variables ?? {};
  const refuse = (name: string): string | undefined => refusal(name, policy);
  const positions = new Map<string, Located>();
  const substitutions: LocatedSubstitution[] = [];
  const locateNode = (path: Path, part: keyof Located, node: Node | null | undefined) => {
    const offset = node?.range?.[0];
    if (offset === undefined) return;
    const id = formatPath(path);
    const entry = positions.get(id) ?? {};
    entry[part] ??= at(offset); // an alias keeps its own position, not its anchor's
    positions.set(id, entry);
  };

  const convert = (node: Node | null | undefined, path: Path, depth: number): { value: unknown; raw: unknown } => {
    if (depth > MAX_DEPTH) {
      issues.add(path, `nested deeper than ${MAX_DEPTH} levels`);
      return { value: null, raw: null };
    }
    locateNode(path, 'value', node);
    if (node === null || node === undefined) return { value: null, raw: null };
    if (isAlias(node)) {
      const target = node.resolve(doc as Document);
      if (target === undefined) issues.add(path, `unknown alias *${node.source}`);
      return convert(target as Node | undefined, path, depth + 1);
    }
    if (isMap(node)) {
      const value: Record<string, unknown> = {};
      const raw: Record<string, unknown> = {};
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
          issues.addAt(at(keyNode?.range?.[0] ?? node.range?.[0] ?? 0), 'keys must be plain strings');
          continue;
        }
        const key = String(keyNode.value);
        const childPath = [...path, key];
        locateNode(childPath, 'key', keyNode);
        const child = convert(pair.value as Node | null, childPath, depth + 1);
        const entry = positions.get(formatPath(childPath));
        if (entry) entry.value ??= entry.key; // `key:` with nothing after it
        define(value, key, child.value);
        define(raw, key, child.raw);
      }
      return { value, raw };
    }
    if (isSeq(node)) {
      const value: unknown[] = [];
      const raw: unknown[] = [];
      node.items.forEach((item, index) => {
        const child = convert(item as Node | null, [...path, index], depth + 1);
        value.push(child.value);
        raw.push(child.raw);
      });
      return { value, raw };
    }
    if (isScalar(node)) {
      const scalar = node.value;
      if (typeof scalar !== 'string') return { value: scalar ?? null, raw: scalar ?? null };
      const result = interpolate(scalar, options.env, refuse);
      if (result.ok && result.value !== scalar) issues.interpolated.add(formatPath(path));
      if (!result.ok) issues.add(path, result.message);
      else for (const substitution of result.substitutions) substitutions.push({ ...substitution, path });
      return { value: result.ok ? result.value : scalar, raw: scalar };
    }
    issues.add(path, 'unsupported YAML node');
    return { value: null, raw: null };
  };

  const root = convert(doc.contents as Node | null, [], 0);
  return {
    value: root.value,
    raw: root.raw,
    substitutions,
    locate(path, part) {
      for (let n = path.length; n > 0; n--) {
        const entry = positions.get(formatPath(path.slice(0, n)));
        if (!entry) continue;
        if (n < path.length) return entry.key ?? entry.value;
        return (part === 'key' ? entry.key : entry.value) ?? entry.key ?? entry.value;
      }
      return undefined;
    },
  };
}

/** The yaml package's own guard against exponential alias expansion, run before we expand aliases ourselves. */
function aliasBomb(doc: Document): boolean {
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return false;
  } catch (error) {
    // Other failures (an unknown alias) are reported with their position by the conversion.
    return /alias count/i.test((error as Error).message);
  }
}

function firstAliasOffset(doc: Document): number {
  let offset = 0;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

// Own enumerable property even for "__proto__", so user maps cannot reach Object.prototype.
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
