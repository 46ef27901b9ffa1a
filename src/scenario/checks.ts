import { isDeepStrictEqual } from 'node:util';
import { formatDuration } from './duration.ts';
import { show, type Issues, type Path } from './errors.ts';
import { isPlainMap, MapReader } from './fields.ts';
import type { StepCheck } from './types.ts';

export const CHECK_KEYS = ['notError', 'notEmpty', 'contains', 'jsonPath', 'durationUnder'] as const;
export const JSON_PATH_KEYS = ['path', 'equals'] as const;

/** Compiles a step's `check:` map into named tests; names are prefixed with the step name. */
export function readChecks(value: unknown, path: Path, issues: Issues, stepName: string): StepCheck[] {
  const r = MapReader.open(value, path, issues);
  if (!r) return [];
  r.allowOnly(CHECK_KEYS);
  const checks: StepCheck[] = [];
  const named = (label: string) => `${stepName}: ${label}`;
  if (r.boolean('notError', false)) {
    checks.push({ kind: 'notError', name: named('not error'), test: (o) => !o.error && !isToolError(o.result) });
  }
  if (r.boolean('notEmpty', false)) {
    checks.push({ kind: 'notEmpty', name: named('not empty'), test: (o) => !o.error && !isEmptyResult(o.result) });
  }
  if (r.has('contains')) {
    const text = r.string('contains');
    checks.push({
      kind: 'contains',
      name: named(`contains ${JSON.stringify(text)}`),
      test: (o) => !o.error && resultText(o.result).includes(text),
    });
  }
  if (r.has('jsonPath')) {
    const check = readJsonPathCheck(r.get('jsonPath'), r.at('jsonPath'), issues);
    if (check) checks.push({ ...check, name: named(check.name) });
  }
  if (r.has('durationUnder')) {
    const limit = r.duration('durationUnder', { positive: true });
    checks.push({ kind: 'durationUnder', name: named(`duration < ${formatDuration(limit)}`), test: (o) => o.durationMs < limit });
  }
  if (Object.keys(r.value).length === 0) issues.add(path, `checks nothing; use ${CHECK_KEYS.join(', ')}`);
  return checks;
}

function readJsonPathCheck(value: unknown, path: Path, issues: Issues): StepCheck | undefined {
  const r = MapReader.open(value, path, issues);
  if (!r) return undefined;
  r.allowOnly(JSON_PATH_KEYS);
  const source = r.string('path', { hint: 'e.g. $.content[0].text' });
  const segments = parseJsonPath(source);
  if (segments === undefined) {
    issues.add(r.at('path'), `${show(source)} is not a JSON path (use $.content[0].text or $["key"])`);
    return undefined;
  }
  const get = (root: unknown) => select(root, segments);
  if (!Object.hasOwn(r.value, 'equals')) {
    return { kind: 'jsonPath', name: `${source} exists`, test: (o) => !o.error && get(o.result) !== undefined };
  }
  const expected = r.get('equals');
  return {
    kind: 'jsonPath',
    name: `${source} === ${JSON.stringify(expected)}`,
    test: (o) => !o.error && isDeepStrictEqual(get(o.result), expected),
  };
}

const SEGMENT = /^(?:\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[(?:"([^"]*)"|'([^']*)')\])/;

/** `$.content[0].text` → ['content', 0, 'text']; undefined when the path is not in that syntax. */
export function parseJsonPath(source: string): (string | number)[] | undefined {
  if (!source.startsWith('$')) return undefined;
  const segments: (string | number)[] = [];
  let rest = source.slice(1);
  while (rest.length > 0) {
    const match = SEGMENT.exec(rest);
    if (!match) return undefined;
    const [whole, name, index, double, single] = match;
    segments.push(index !== undefined ? Number(index) : (name ?? double ?? single));
    rest = rest.slice(whole.length);
  }
  return segments;
}

function select(root: unknown, segments: readonly (string | number)[]): unknown {
  let node = root;
  for (const segment of segments) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

function isToolError(result: unknown): boolean {
  return isPlainMap(result) && result.isError === true;
}

// The list each MCP result carries: tools/call → content, resources/read → contents, prompts/get → messages.
const RESULT_LISTS = ['content', 'contents', 'messages', 'tools', 'resources', 'resourceTemplates', 'prompts'] as const;

/** A result with nothing in it: no value, an empty list, or only empty text. */
export function isEmptyResult(result: unknown): boolean {
  if (result === null || result === undefined || result === '') return true;
  if (Array.isArray(result)) return result.length === 0 || result.every(isEmptyItem);
  if (!isPlainMap(result)) return false;
  for (const key of RESULT_LISTS) {
    const list = result[key];
    if (Array.isArray(list)) return list.length === 0 || list.every(isEmptyItem);
  }
  if (result.structuredContent !== undefined) return isEmptyResult(result.structuredContent);
  return Object.keys(result).filter((key) => key !== '_meta').length === 0;
}

function isEmptyItem(item: unknown): boolean {
  return isPlainMap(item) && item.type === 'text' && (item.text === '' || item.text === undefined);
}

/** The text a `contains` check searches: text items of the result's list, else the result as JSON. */
export function resultText(result: unknown): string {
  if (typeof result === 'string') return result;
  if (isPlainMap(result)) {
    for (const key of RESULT_LISTS) {
      const list = result[key];
      if (Array.isArray(list)) return list.map(itemText).join('\n');
    }
  }
  return JSON.stringify(result) ?? '';
}

function itemText(item: unknown): string {
  if (!isPlainMap(item)) return JSON.stringify(item) ?? '';
  if (typeof item.text === 'string') return item.text;
  // prompts/get messages and embedded resources nest their text one level down.
  if (isPlainMap(item.content)) return itemText(item.content);
  if (isPlainMap(item.resource)) return itemText(item.resource);
  return JSON.stringify(item);
}
