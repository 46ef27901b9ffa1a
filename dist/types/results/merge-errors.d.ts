import { type ErrorKind } from '../engine/index.ts';
/**
 * Error kinds of several shards as one list: the same kind (class, method, tool, status, code,
 * reason) adds its counts and keeps the first distinct sample messages, bounded as in a run;
 * most frequent first.
 */
export declare function mergeErrorKinds(lists: readonly (readonly ErrorKind[])[]): ErrorKind[];
