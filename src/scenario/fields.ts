import { DURATION_HINT, formatDuration, parseDuration } from './duration.ts';
import { formatPath, show, type Issues, type Path } from './errors.ts';
import { MAX_DURATION_MS } from './limits.ts';
import { didYouMean } from './suggest.ts';

export type PlainMap = Record<string, unknown>;

export function isPlainMap(value: unknown): value is PlainMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A duration value, or undefined (with an issue) when it is not one. Numbers other than 0 are refused as ambiguous. */
export function readDuration(value: unknown, path: Path, issues: Issues): number | undefined {
  const ms = typeof value === 'string' ? parseDuration(value) : value === 0 ? 0 : undefined;
  if (ms === undefined) issues.add(path, `${show(value)} is not a duration (${DURATION_HINT})`);
  return ms;
}

/** An upper bound on a number, with what to do when a value exceeds it. */
export interface Maximum {
  max: number;
  /** e.g. "split the load over machines with --shard i/n". */
  advice: string;
}

// A number as JSON writes one: `${VUS}` set to ` 2`, `0x10` or `1e3` is not taken for one.
const NUMBER_TEXT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/**
 * The value as the schema's number or boolean where it was written with `${VAR}` (the environment
 * holds only strings): `"3"` → 3, `"true"` → true. Anything else is returned as it is, to be refused
 * by the reader with its position.
 */
export function coerced(value: unknown, path: Path, issues: Issues, as: 'number' | 'boolean'): unknown {
  if (typeof value !== 'string' || !issues.interpolated.has(formatPath(path))) return value;
  if (as === 'number') return NUMBER_TEXT.test(value) ? Number(value) : value;
  return value === 'true' ? true : value === 'false' ? false : value;
}

export function readInteger(raw: unknown, path: Path, issues: Issues, min: number, maximum?: Maximum): number | undefined {
  const value = coerced(raw, path, issues, 'number');
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    // The text as written, so that a `${VAR}`'s value is named by its variable in the message.
    issues.add(path, `${show(raw)} is not an integer`);
    return undefined;
  }
  if (value < min) {
    issues.add(path, `must be at least ${min}, got ${value}`);
    return undefined;
  }
  if (maximum && value > maximum.max) {
    issues.add(path, `must be at most ${maximum.max}, got ${value}; ${maximum.advice}`);
    return undefined;
  }
  return value;
}

/** Strings, numbers and booleans as strings: for headers and tags. */
export function readStringMap(value: unknown, path: Path, issues: Issues): Record<string, string> {
  const out: Record<string, string> = {};
  if (value === null || value === undefined) return out;
  if (!isPlainMap(value)) {
    issues.add(path, `must be a map, got ${show(value)}`);
    return out;
  }
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') out[key] = String(item);
    else issues.add([...path, key], `must be a string, got ${show(item)}`);
  }
  return out;
}

/**
 * Typed access to one map of the document. Every read returns a usable value (the default, or a
 * placeholder after reporting an issue) so that validation continues and reports every problem at once.
 */
export class MapReader {
  private constructor(
    readonly value: PlainMap,
    readonly path: Path,
    readonly issues: Issues,
  ) {}

  /** A reader for `value`, or undefined after reporting that it is not a map. */
  static open(value: unknown, path: Path, issues: Issues): MapReader | undefined {
    if (isPlainMap(value)) return new MapReader(value, path, issues);
    issues.add(path, `must be a map, got ${show(value)}`);
    return undefined;
  }

  /** Reports every key not in `allowed` (nor in `skip`, reported elsewhere), with the closest allowed key as a hint. */
  allowOnly(allowed: readonly string[], context = '', skip: readonly string[] = []): void {
    for (const key of Object.keys(this.value)) {
      if (allowed.includes(key) || skip.includes(key)) continue;
      const hint = didYouMean(key, allowed) || `; ${context || 'allowed'}: ${allowed.join(', ')}`;
      this.issues.add(this.at(key), `unknown key${hint}`, 'key');
    }
  }

  has(key: string): boolean {
    return this.value[key] !== undefined && this.value[key] !== null;
  }

  get(key: string): unknown {
    return this.value[key];
  }

  /** The value of `key` as a number where it was written with `${VAR}` (see `coerced`). */
  number(key: string): unknown {
    return coerced(this.value[key], this.at(key), this.issues, 'number');
  }

  at(key: string): Path {
    return [...this.path, key];
  }

  private missing(key: string, hint: string | undefined): void {
    this.issues.add(this.at(key), hint ? `required (${hint})` : 'required');
  }

  duration(key: string, rule: { default?: number; positive?: boolean; max?: number; hint?: string } = {}): number {
    if (!this.has(key)) {
      if (rule.default === undefined) this.missing(key, rule.hint);
      return rule.default ?? 0;
    }
    const ms = readDuration(this.value[key], this.at(key), this.issues);
    if (ms === undefined) return rule.default ?? 0;
    if (rule.positive && ms <= 0) this.issues.add(this.at(key), 'must be longer than 0');
    const max = rule.max ?? MAX_DURATION_MS;
    if (ms > max) {
      const advice = rule.max === undefined ? '; for a longer soak, run several tests one after another' : '';
      this.issues.add(this.at(key), `must be at most ${formatDuration(max)}, got ${formatDuration(ms)}${advice}`);
      return Math.min(ms, max);
    }
    return ms;
  }

  integer(key: string, rule: { default?: number; min: number; max?: Maximum; hint?: string }): number {
    if (!this.has(key)) {
      if (rule.default === undefined) this.missing(key, rule.hint);
      return rule.default ?? rule.min;
    }
    return readInteger(this.value[key], this.at(key), this.issues, rule.min, rule.max) ?? rule.default ?? rule.min;
  }

  boolean(key: string, fallback: boolean): boolean {
    if (!this.has(key)) return fallback;
    const value = coerced(this.value[key], this.at(key), this.issues, 'boolean');
    if (typeof value === 'boolean') return value;
    this.issues.add(this.at(key), `${show(value)} is not true or false`);
    return fallback;
  }

  string(key: string, rule: { default?: string; hint?: string } = {}): string {
    if (!this.has(key)) {
      if (rule.default === undefined) this.missing(key, rule.hint);
      return rule.default ?? '';
    }
    const value = this.value[key];
    if (typeof value === 'string') return value;
    this.issues.add(this.at(key), `must be a string, got ${show(value)}`);
    return rule.default ?? '';
  }

  oneOf<T extends string>(key: string, choices: readonly T[], fallback: T): T {
    if (!this.has(key)) return fallback;
    const value = this.value[key];
    if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
    const hint = typeof value === 'string' ? didYouMean(value, choices) : '';
    this.issues.add(this.at(key), `${show(value)} is not one of ${choices.join(', ')}${hint}`);
    return fallback;
  }

  stringMap(key: string): Record<string, string> {
    return readStringMap(this.value[key], this.at(key), this.issues);
  }
}
