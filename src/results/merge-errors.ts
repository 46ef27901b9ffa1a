import { MAX_KINDS, MAX_SAMPLES_PER_KIND, type ErrorKind } from '../engine/index.ts';

/**
 * Error kinds of several shards as one list: the same kind (class, method, tool, status, code,
 * reason) adds its counts and keeps the first distinct sample messages, bounded as in a run;
 * most frequent first.
 */
export function mergeErrorKinds(lists: readonly (readonly ErrorKind[])[]): ErrorKind[] {
  const kinds = new Map<string, ErrorKind>();
  for (const list of lists) {
    for (const kind of list) {
      const key = [kind.errorClass, kind.method, kind.tool ?? '', kind.status ?? '', kind.code ?? '', kind.reason ?? ''].join('\u0000');
      let into = kinds.get(key);
      if (into === undefined) {
        if (kinds.size >= MAX_KINDS) continue;
        into = { ...kind, count: 0, samples: [] };
        kinds.set(key, into);
      }
      into.count += kind.count;
      for (const sample of kind.samples) {
        if (into.samples.length < MAX_SAMPLES_PER_KIND && !into.samples.includes(sample)) into.samples.push(sample);
      }
    }
  }
  return [...kinds.values()].sort((a, b) => b.count - a.count);
}
