import { basename, extname } from 'node:path';
import { slugify } from '../scenario/index.ts';

/** A scenario's id from its file name alone, as loading it would give: what names its artifacts. */
export function scenarioIdOf(file: string): string {
  return file ? slugify(basename(file, extname(file))) : '';
}
