import { formatPath, type Issues } from './errors.ts';
import { isExecutorName, shortcutExecutors, shortcutKey, type Shortcut } from './executors.ts';
import { isPlainMap } from './fields.ts';

/**
 * The CLI's `--vus`, `--duration` and `--iterations`, as k6's shortcut options: each sets its
 * option in every scenario of the file, and is refused for an executor where it makes no sense
 * (the stages of a ramping executor, the VU pool of an arrival rate). Values are as the file
 * would write them (`30s`), so the scenario's own validation and limits apply.
 */
export type ExecutorOverrides = Partial<Record<Shortcut, number | string>>;

const FLAGS: Record<Shortcut, string> = { vus: '--vus', duration: '--duration', iterations: '--iterations' };

/** Writes the overrides into the document's scenarios; a refused one is an issue at the scenario's executor. */
export function applyOverrides(document: unknown, overrides: ExecutorOverrides, issues: Issues): void {
  const given = (Object.keys(overrides) as Shortcut[]).filter((s) => overrides[s] !== undefined);
  if (given.length === 0 || !isPlainMap(document) || !isPlainMap(document.scenarios)) return;
  for (const [name, spec] of Object.entries(document.scenarios)) {
    if (!isPlainMap(spec) || !isExecutorName(spec.executor)) continue;
    for (const shortcut of given) {
      const key = shortcutKey(spec.executor, shortcut);
      if (key === undefined) {
        const path = ['scenarios', name, 'executor'];
        issues.add(
          path,
          `${FLAGS[shortcut]} does not apply to ${spec.executor} (it sets ${shortcutExecutors(shortcut).join(', ')}); change ${formatPath(['scenarios', name])} in the file instead`,
        );
        continue;
      }
      Object.defineProperty(spec, key, { value: overrides[shortcut], enumerable: true, writable: true, configurable: true });
    }
  }
}
