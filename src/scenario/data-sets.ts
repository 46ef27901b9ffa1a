import { resolve } from 'node:path';
import { isDataFile, parseDataSet } from './data.ts';
import { show } from './errors.ts';
import { isPlainMap, MapReader } from './fields.ts';
import type { DataSet } from './types.ts';

const DATA_SET_NAME = /^[A-Za-z0-9_-]+$/;

/** Reads `data:` (name → CSV or JSON path relative to `baseDir`) and loads every file now, not during the run. */
export function readDataSets(r: MapReader, baseDir: string, read: (path: string) => string): Record<string, DataSet> {
  const data: Record<string, DataSet> = {};
  if (!r.has('data')) return data;
  const entries = MapReader.open(r.get('data'), r.at('data'), r.issues);
  if (!entries) return data;
  for (const [name, value] of Object.entries(entries.value)) {
    const path = entries.at(name);
    if (!DATA_SET_NAME.test(name)) {
      r.issues.add(path, 'data set names use letters, digits, _ and -', 'key');
      continue;
    }
    if (typeof value !== 'string' || value === '') {
      r.issues.add(path, `must be the path of a .csv or .json file, got ${show(value)}`);
      continue;
    }
    if (!isDataFile(value)) {
      r.issues.add(path, `${value}: data files must be .csv or .json`);
      continue;
    }
    try {
      const rows = parseDataSet(read(resolve(baseDir, value)), value);
      data[name] = { file: value, rows: Object.freeze(rows.map((row) => (isPlainMap(row) ? Object.freeze(row) : row))) };
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      const reason = missing ? 'no such file (paths are relative to the scenario file)' : (error as Error).message;
      r.issues.add(path, `${value}: ${reason}`);
    }
  }
  return data;
}
