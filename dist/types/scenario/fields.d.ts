import { type Issues, type Path } from './errors.ts';
export type PlainMap = Record<string, unknown>;
export declare function isPlainMap(value: unknown): value is PlainMap;
/** A duration value, or undefined (with an issue) when it is not one. Numbers other than 0 are refused as ambiguous. */
export declare function readDuration(value: unknown, path: Path, issues: Issues): number | undefined;
/** An upper bound on a number, with what to do when a value exceeds it. */
export interface Maximum {
    max: number;
    /** e.g. "split the load over machines with --shard i/n". */
    advice: string;
}
/**
 * The value as the schema's number or boolean where it was written with `${VAR}` (the environment
 * holds only strings): `"3"` → 3, `"true"` → true. Anything else is returned as it is, to be refused
 * by the reader with its position.
 */
export declare function coerced(value: unknown, path: Path, issues: Issues, as: 'number' | 'boolean'): unknown;
export declare function readInteger(raw: unknown, path: Path, issues: Issues, min: number, maximum?: Maximum): number | undefined;
/** Strings, numbers and booleans as strings: for headers and tags. */
export declare function readStringMap(value: unknown, path: Path, issues: Issues): Record<string, string>;
/**
 * Typed access to one map of the document. Every read returns a usable value (the default, or a
 * placeholder after reporting an issue) so that validation continues and reports every problem at once.
 */
export declare class MapReader {
    readonly value: PlainMap;
    readonly path: Path;
    readonly issues: Issues;
    private constructor();
    /** A reader for `value`, or undefined after reporting that it is not a map. */
    static open(value: unknown, path: Path, issues: Issues): MapReader | undefined;
    /** Reports every key not in `allowed` (nor in `skip`, reported elsewhere), with the closest allowed key as a hint. */
    allowOnly(allowed: readonly string[], context?: string, skip?: readonly string[]): void;
    has(key: string): boolean;
    get(key: string): unknown;
    /** The value of `key` as a number where it was written with `${VAR}` (see `coerced`). */
    number(key: string): unknown;
    at(key: string): Path;
    private missing;
    duration(key: string, rule?: {
        default?: number;
        positive?: boolean;
        max?: number;
        hint?: string;
    }): number;
    integer(key: string, rule: {
        default?: number;
        min: number;
        max?: Maximum;
        hint?: string;
    }): number;
    boolean(key: string, fallback: boolean): boolean;
    string(key: string, rule?: {
        default?: string;
        hint?: string;
    }): string;
    oneOf<T extends string>(key: string, choices: readonly T[], fallback: T): T;
    stringMap(key: string): Record<string, string>;
}
