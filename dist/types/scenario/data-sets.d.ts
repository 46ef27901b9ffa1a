import { MapReader } from './fields.ts';
import type { DataSet } from './types.ts';
/** Reads `data:` (name → CSV or JSON path relative to `baseDir`) and loads every file now, not during the run. */
export declare function readDataSets(r: MapReader, baseDir: string, read: (path: string) => string): Record<string, DataSet>;
